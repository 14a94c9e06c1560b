"""Keeping Python's cyclic garbage collector out of an import's way."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for a block that makes many small objects.

    An import of a full SIPRI register makes some hundred thousand small objects that
    stay alive together (rows, candidates, parameter tuples) and few reference cycles;
    each automatic collection re-scans all of them, which cost more than the import's own
    work. Reference counting still frees everything as usual; cycles wait for the end.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
