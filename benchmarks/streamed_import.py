"""Memory benchmark: `tracker import` of a large SIPRI register, streamed from disk.

    python -m benchmarks.streamed_import --rows 1000000 --layout transfers

Writes a register with `benchmarks.sipri_import.write_register`, sets up a fresh seeded
SQLite database, then runs the real command `tracker import FILE` in a child process
(and again: the same release re-imported) and prints each run's wall and CPU time and
the child's peak RSS (the kernel's high-water mark, ru_maxrss). Target (issue 14): peak
RSS <= 500 MB for 1,000,000 rows. `--peer` also runs the in-memory import of the same
bytes (`tracker.imports.pipeline.import_data`, as the Import page does) for the ratio.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from benchmarks.machine import speed_probe_ms
from benchmarks.sipri_import import write_register
from tracker.config import Settings
from tracker.store.db import make_engine
from tracker.store.setup import prepare_database

TARGET_MB = 500.0
_IN_MEMORY = """
import sys
from pathlib import Path
from sqlalchemy.orm import Session
from tracker.auth import cli_actor
from tracker.config import Settings
from tracker.imports.pipeline import import_data
from tracker.store.db import make_engine
path = Path(sys.argv[1])
engine = make_engine(Settings(database_url=sys.argv[2], auto_setup=False))
with Session(engine) as session, session.begin():
    report = import_data(session=session, actor=cli_actor(), data=path.read_bytes(),
                         filename=str(path))
print(report.summary())
"""


# Runs one command and reports its own children's peak: a fresh process per run, since
# ru_maxrss of RUSAGE_CHILDREN is the largest of every child a process has waited for.
_MEASURED = """
import json, resource, subprocess, sys, time
started = time.perf_counter()
done = subprocess.run(sys.argv[1:], capture_output=True, text=True, check=False)
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall": time.perf_counter() - started, "cpu": usage.ru_utime + usage.ru_stime,
                  "peak_mb": usage.ru_maxrss / 1024, "code": done.returncode,
                  "out": done.stdout.strip().splitlines()[:1], "err": done.stderr[-2000:]}))
"""


def _run(command: list[str], env: dict[str, str]) -> tuple[float, float, float, str]:
    """Wall seconds, CPU seconds, peak RSS (MB) and first output line of a command."""
    done = subprocess.run([sys.executable, "-c", _MEASURED, *command], env=env,
                          capture_output=True, text=True, check=True)  # fmt: skip
    result = json.loads(done.stdout)
    if result["code"] != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{result['err']}")
    return result["wall"], result["cpu"], result["peak_mb"], (result["out"] or [""])[0]


def _fresh_database(folder: Path, name: str) -> str:
    url = f"sqlite:///{folder}/{name}.db"
    engine = make_engine(Settings(database_url=url, auto_setup=False))
    prepare_database(engine)
    engine.dispose()
    return url


def measure(register: Path, folder: Path, how: str) -> None:
    """Import into a fresh database: "streamed" (`tracker import`, then again) or
    "in-memory" (the same bytes through import_data)."""
    url = _fresh_database(folder, how)
    env = {**os.environ, "TRACKER_DATABASE_URL": url}
    tracker = str(Path(sys.executable).with_name("tracker"))
    runs = (
        [("first", [tracker, "import", str(register)]),
         ("again", [tracker, "import", str(register)])]
        if how == "streamed"
        else [("first", [sys.executable, "-c", _IN_MEMORY, str(register), url])]
    )  # fmt: skip
    for label, command in runs:
        probe = speed_probe_ms()
        wall, cpu, peak, summary = _run(command, env)
        verdict = "ok" if peak <= TARGET_MB else "MISSED"
        print(f"  {how} import, {label}: {wall:.1f} s wall, {cpu:.1f} s CPU, peak RSS "
              f"{peak:.0f} MB (target {TARGET_MB:.0f} MB: {verdict}; speed probe {probe:.0f} ms)"
              f"\n    {summary}")  # fmt: skip


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--layout", choices=["deals", "transfers"], default="transfers")
    parser.add_argument("--peer", action="store_true", help="also the in-memory import")
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="streamed-import-"))
    register = folder / f"register-{args.layout}.csv"
    deals = write_register(register, args.rows, layout=args.layout)
    size = register.stat().st_size / 1e6
    print(f"register: {args.rows:,} rows ({deals:,} deals), {args.layout} layout, {size:.1f} MB")
    for how in ["streamed", *(["in-memory"] if args.peer else [])]:
        measure(register, folder, how)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
