"""CSV export and JSON dump at one size: wall time, CPU time and peak RSS, on SQLite and
(with --postgres) a private PostgreSQL server.

Each measurement runs in a fresh child process (its peak RSS is its own, not the
previous run's), writing to a file as `tracker export`/`tracker dump` do. With
--compare DIR the same measurements run with DIR's `tracker` package (another checkout,
say `git archive <commit> tracker | tar -x -C DIR`) interleaved with this one's, so
"before" and "after" share the machine's load (on a shared machine, CPU time is the
steadier figure).

    python -m benchmarks.exports --deals 100000 --runs 3 [--postgres] [--compare DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.browser import PROJECT_ROOT

# Run by the child with the measured checkout's `tracker` first on the path: only names
# every version has (export_deals, dump_database).
CHILD = r"""
import json, os, sys, time
import tracker.store.models  # noqa: F401 (the tables)
from tracker.config import Settings
from tracker.exports import export_deals
from tracker.read.filters import DealFilters
from tracker.store.db import make_engine, make_session_factory
from tracker.store.dump import dump_database

def status(field):
    with open("/proc/self/status") as lines:
        return next(int(line.split()[1]) for line in lines if line.startswith(field))

url, kind, path = sys.argv[1:4]
engine = make_engine(Settings(database_url=url, auto_setup=False))
with make_session_factory(engine)() as session:
    with open("/proc/self/clear_refs", "w") as clear:
        clear.write("5")  # reset the peak (VmHWM) to now: the export's own peak from here
    before = status("VmRSS:")
    started, cpu = time.perf_counter(), time.process_time()
    with open(path, "w", encoding="utf-8", newline="") as out:
        if kind == "csv":
            export_deals(session, DealFilters(), "csv", out)
        else:
            dump_database(session, out)
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
peak = status("VmHWM:")
print(json.dumps({"wall": wall, "cpu": cpu, "rss_mb": peak / 1024, "base_mb": before / 1024,
                  "bytes": os.path.getsize(path)}))
"""

KINDS = {"csv": "CSV export of all deals", "json": "JSON dump of the whole database"}
TARGETS = {("csv", "sqlite"): 1.0, ("json", "sqlite"): 2.0}  # seconds, issue 14


@dataclass
class Series:
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    rss: list[float] = field(default_factory=list)
    base: list[float] = field(default_factory=list)
    size: int = 0


def measure_once(checkout: Path, url: str, kind: str, folder: Path) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    out = folder / f"out.{kind}"
    done = subprocess.run(
        [sys.executable, "-c", CHILD, url, kind, str(out)],
        env=env, capture_output=True, text=True, check=True, cwd=checkout,
    )  # fmt: skip
    out.unlink(missing_ok=True)
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def _seconds(values: list[float]) -> str:
    mid = statistics.median(values)
    return f"{mid:.2f} s ({min(values):.2f}–{max(values):.2f})"


def table(results: dict[tuple[str, str, str], Series], runs: int) -> list[str]:
    lines = [
        f"| Measure | Backend | Version | Wall, median (min–max, n={runs}) | CPU | "
        "Peak RSS during the export (RSS before it) | Output | Target |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for (kind, backend, version), series in results.items():
        target = TARGETS.get((kind, backend))
        verdict = "—"
        if target is not None:
            verdict = f"≤ {target:g} s: " + (
                "ok" if statistics.median(series.wall) <= target else "**missed**"
            )
        lines.append(
            f"| {KINDS[kind]} | {backend} | {version} | {_seconds(series.wall)} | "
            f"{_seconds(series.cpu)} | {max(series.rss):.0f} MB ({max(series.base):.0f} MB) | "
            f"{series.size / 1e6:.1f} MB | {verdict} |"
        )
    return lines


def run_all(
    versions: dict[str, Path], backends: dict[str, str], kinds: list[str], runs: int, folder: Path
) -> dict[tuple[str, str, str], Series]:
    """Every (kind, backend) `runs` times, the versions taking turns."""
    results: dict[tuple[str, str, str], Series] = {}
    for kind in kinds:
        for backend, url in backends.items():
            for _ in range(runs):
                for version, checkout in versions.items():
                    got = measure_once(checkout, url, kind, folder)
                    series = results.setdefault((kind, backend, version), Series())
                    series.wall.append(got["wall"])
                    series.cpu.append(got["cpu"])
                    series.rss.append(got["rss_mb"])
                    series.base.append(got["base_mb"])
                    series.size = int(got["bytes"])
                    print(
                        f"{kind} {backend} {version}: {got['wall']:.2f} s wall, "
                        f"{got['cpu']:.2f} s CPU, {got['rss_mb']:.0f} MB", flush=True,
                    )  # fmt: skip
    return results


def _postgres_url(deals: int, folder: Path) -> tuple[str, object]:
    from benchmarks.generate import generate
    from benchmarks.run import SEED, _engine, _pgserver

    server: object = _pgserver().start_postgres(folder)
    url = server.create_database(f"bench_exports_{deals}")  # type: ignore[attr-defined]
    engine = _engine(url)
    started = time.perf_counter()
    generate(engine, deals=deals, seed=SEED)
    with engine.begin() as connection:
        connection.exec_driver_sql("ANALYZE")
    engine.dispose()
    print(f"PostgreSQL: generated {deals:,} deals in {time.perf_counter() - started:.0f} s")
    return url, server


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deals", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--postgres", action="store_true", help="also on PostgreSQL")
    parser.add_argument("--compare", type=Path, help="another checkout to measure beside")
    parser.add_argument("--kinds", default="csv,json", help="csv, json or both")
    args = parser.parse_args(argv)
    from benchmarks.run import sqlite_database

    versions = {"this": PROJECT_ROOT}
    if args.compare:
        versions = {"before": args.compare.resolve(), "after": PROJECT_ROOT}
    path = sqlite_database(PROJECT_ROOT / "benchmarks" / "results", args.deals)
    backends = {"sqlite": f"sqlite:///{path}"}
    server = None
    with tempfile.TemporaryDirectory(prefix="bench-exports-") as tmp:
        folder = Path(tmp)
        if args.postgres:
            backends["postgresql"], server = _postgres_url(args.deals, folder)
        try:
            load = os.getloadavg()[0]
            results = run_all(versions, backends, args.kinds.split(","), args.runs, folder)
        finally:
            if server is not None:
                server.stop()  # type: ignore[attr-defined]
    print()
    print(f"{args.deals:,} deals; load average (1 min) {load:.2f} before, "
          f"{os.getloadavg()[0]:.2f} after; {os.cpu_count()} cores")  # fmt: skip
    print("\n".join(table(results, args.runs)))


if __name__ == "__main__":
    main()
