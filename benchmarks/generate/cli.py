"""The command line: python -m benchmarks.generate --deals N --seed S --database-url URL."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy.engine import make_url

from benchmarks.generate.world import GenerateError
from benchmarks.generate.write import COUNTED, generate
from tracker.config import Settings
from tracker.store.db import make_engine


def _sqlite_path(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database).expanduser()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.generate",
        description="Fill a database with deterministic, realistic synthetic arms deals.",
    )
    parser.add_argument("--deals", type=int, default=30_000, help="how many deals (30000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (1)")
    parser.add_argument(
        "--database-url",
        help="SQLAlchemy URL (default: sqlite:///benchmarks/results/deals-{N}.db)",
    )
    parser.add_argument(
        "--fresh", action="store_true", help="delete the SQLite database file first"
    )
    args = parser.parse_args(argv)
    if args.deals < 0:
        parser.error("--deals must be zero or more")
    url: str = args.database_url or f"sqlite:///benchmarks/results/deals-{args.deals}.db"
    path = _sqlite_path(url)
    if args.fresh:
        if path is None:
            parser.error("--fresh only works with an SQLite database file")
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)

    engine = make_engine(Settings(database_url=url, auto_setup=False))
    started = time.perf_counter()

    def report(done: int, total: int) -> None:
        elapsed = time.perf_counter() - started
        print(f"{done:>9,} / {total:,} deals  {elapsed:7.2f} s", file=sys.stderr, flush=True)

    try:
        counts = generate(engine, deals=args.deals, seed=args.seed, progress=report)
    except GenerateError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    seconds = time.perf_counter() - started
    summary = ", ".join(f"{name} {getattr(counts, name):,}" for name in COUNTED)
    print(f"{summary} in {seconds:.2f} s ({url})")
    return 0
