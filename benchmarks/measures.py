"""The measures benchmark (issue 13): the dashboard's TIV and constant-USD views at scale.

    .venv/bin/python -m benchmarks.measures --deals 1000000 --runs 5

On `benchmarks/results/deals-{N}-seed1.db` (generated once by benchmarks.run's rules and
reused), times the library calls behind each view of the Overview, as the dashboard
makes them (dashboard/measures.py):
- TIV view: `tiv_trend` + `tiv_ranking` by supplier and by recipient (top 10);
- constant-USD view: `usd_totals` of everything and by year + `measure_table("usd")` by
  buyer and by seller (every buyer and seller, with their notes, as the page shows them);
each with no filter, one buyer (the 3rd-largest by deals) and a period (deliveries
2015-2024). "Cold" is the first call on a new engine (an empty SQLite page cache; the
OS file cache stays warm), "warm" a further call on the same engine, with its CPU time
beside it (the machine is shared: wall time includes waiting for a core). Each is the
median of `--runs`; the target is ≤ 300 ms (wall, warm) at 1,000,000 deals on SQLite.
Objects loaded before the timings are frozen out of garbage collection, as the dashboard
server freezes its own after warming up.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from benchmarks.run import RESULTS, _engine, cell, sqlite_database
from tracker.read.filters import DealFilters
from tracker.read.measures import measure_table
from tracker.read.tiv import tiv_ranking, tiv_trend
from tracker.read.usd import usd_totals
from tracker.store.models import Deal, Delivery, Party

TARGET = 0.300  # seconds, at 1,000,000 deals on SQLite
PERIOD = (2015, 2024)
BUYER_RANK = 3


def tiv_view(session: Session, filters: DealFilters) -> None:
    """The Overview's TIV view: the trend by delivery year and the two top-10 tables."""
    tiv_trend(session, filters)
    tiv_ranking(session, filters, by="supplier", top=10)
    tiv_ranking(session, filters, by="recipient", top=10)


def usd_view(session: Session, filters: DealFilters) -> None:
    """The Overview's constant-USD view: headline, by-year series, buyer and seller tables."""
    usd_totals(session, filters, None)
    usd_totals(session, filters, "year")
    measure_table(session, filters, "usd", "buyer")
    measure_table(session, filters, "usd", "seller")


VIEWS: dict[str, Callable[[Session, DealFilters], None]] = {"TIV": tiv_view, "USD": usd_view}


FILTERS = ("none", "buyer", "period")


def choose_filters(engine: Engine, wanted: Sequence[str] = FILTERS) -> dict[str, DealFilters]:
    """By label, those `wanted` of: no filter; the 3rd-largest buyer by deals; deliveries
    in PERIOD."""
    deals = func.count()
    with Session(engine) as session:
        ranked = session.execute(
            select(Deal.buyer_id, deals)
            .group_by(Deal.buyer_id)
            .order_by(deals.desc(), Deal.buyer_id)
            .limit(BUYER_RANK)
        ).all()
        buyer = session.get_one(Party, int(ranked[-1][0])).name
    chosen = {
        "none": ("none", DealFilters()),
        "buyer": (f"buyer {buyer}", DealFilters(buyers=(buyer,))),
        "period": (
            f"delivered {PERIOD[0]}-{PERIOD[1]}",
            DealFilters(delivered_from=PERIOD[0], delivered_to=PERIOD[1]),
        ),
    }
    return dict(chosen[key] for key in wanted)


def _timed(
    engine: Engine, view: Callable[[Session, DealFilters], None], f: DealFilters
) -> tuple[float, float]:
    """(wall, CPU) seconds of one call: on a shared machine the CPU time of this process
    (SQLite runs in it) shows what the wall time hides under other load."""
    with Session(engine) as session:
        wall, cpu = time.perf_counter(), time.process_time()
        view(session, f)
        return time.perf_counter() - wall, time.process_time() - cpu


@dataclass(frozen=True)
class Timing:
    view: str
    filter: str
    cold: list[float]
    warm: list[float]
    warm_cpu: list[float]

    @property
    def verdict(self) -> str:
        warm, cold = statistics.median(self.warm), statistics.median(self.cold)
        if warm > TARGET:
            return "**missed**"
        return "ok" if cold <= TARGET else "ok warm; cold missed"


def measure(
    path: Path, runs: int, views: Sequence[str] = tuple(VIEWS), wanted: Sequence[str] = FILTERS
) -> list[Timing]:
    """Cold: a new engine per run; warm: `runs` more calls on the last one."""
    engine = _engine(f"sqlite:///{path}")
    try:
        filters = choose_filters(engine, wanted)
    finally:
        engine.dispose()
    timings = []
    for view_name in views:
        view = VIEWS[view_name]
        for filter_name, f in filters.items():
            cold: list[float] = []
            for _ in range(runs):
                engine = _engine(f"sqlite:///{path}")
                try:
                    cold.append(_timed(engine, view, f)[0])
                    if len(cold) == runs:
                        warm = [_timed(engine, view, f) for _ in range(runs)]
                finally:
                    engine.dispose()
            timing = Timing(
                view_name, filter_name, cold, [w for w, _ in warm], [c for _, c in warm]
            )
            timings.append(timing)
            print(f"  {view_name} / {filter_name}: {cell(cold)} cold, {cell(timing.warm)} warm, "
                  f"{cell(timing.warm_cpu)} CPU", file=sys.stderr, flush=True)  # fmt: skip
    return timings


def _rows(path: Path) -> tuple[int, int]:
    engine = _engine(f"sqlite:///{path}")
    try:
        with Session(engine) as session:
            deals = session.scalar(select(func.count()).select_from(Deal)) or 0
            deliveries = session.scalar(select(func.count()).select_from(Delivery)) or 0
    finally:
        engine.dispose()
    return int(deals), int(deliveries)


def report(timings: Sequence[Timing], path: Path, loads: tuple[float, float]) -> list[str]:
    deals, deliveries = _rows(path)
    lines = [
        f"{deals:,} deals, {deliveries:,} delivery records ({path.name}); "
        f"load average (1 min) {loads[0]:.2f} before, {loads[1]:.2f} after; {os.cpu_count()} "
        "cores.",
        "",
        "| view | filter | cold (first call) | warm | warm, CPU time | target | verdict |",
        "|---|---|---|---|---|---|---|",
    ]
    lines += [
        f"| {t.view} | {t.filter} | {cell(t.cold)} | {cell(t.warm)} | {cell(t.warm_cpu)} "
        f"| ≤ 300 ms | {t.verdict} |"
        for t in timings
    ]
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--deals", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--results-dir", type=Path, default=RESULTS, help="database files")
    parser.add_argument("--views", default=",".join(VIEWS), help="TIV,USD")
    parser.add_argument("--filters", default=",".join(FILTERS), help="none,buyer,period")
    args = parser.parse_args(argv)
    views, wanted = args.views.split(","), args.filters.split(",")
    if not set(views) <= set(VIEWS) or not set(wanted) <= set(FILTERS):
        parser.error(f"views are {', '.join(VIEWS)}; filters {', '.join(FILTERS)}")
    path = sqlite_database(args.results_dir, args.deals)
    if not _rows(path)[1]:
        raise SystemExit(f"{path} has no delivery records (an older generator): delete it")
    # As the dashboard server does after its warm-up (dashboard/launch.py): what is loaded
    # by now lives as long as the process, and is left out of later garbage collections.
    gc.collect()
    gc.freeze()
    before = os.getloadavg()[0]
    timings = measure(path, args.runs, views, wanted)
    print("\n".join(report(timings, path, (before, os.getloadavg()[0]))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
