"""How fast this machine runs Python right now: a fixed loop, timed.

The development machine is a virtual machine whose speed moves by up to 2x from one
minute to the next (the same loop took 287 to 571 ms within 30 s, CPU time alike, on an
otherwise idle machine). A benchmark prints this probe beside its own timings, taken
just before each run, so a slow run can be told from slow code.
"""

from __future__ import annotations

import time

LOOP = 1_000_000


def speed_probe_ms() -> float:
    """CPU milliseconds for a fixed pure-Python loop (best of three): lower is faster."""
    best = float("inf")
    for _ in range(3):
        started = time.process_time()
        total = 0
        for number in range(LOOP):
            total += number
        best = min(best, time.process_time() - started)
    return best * 1000
