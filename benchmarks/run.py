"""The scale benchmark (issue 6): every measure at every size, one command.

    .venv/bin/python -m benchmarks.run                # the full run; writes BENCHMARKS.md
    .venv/bin/python -m benchmarks.run --smoke        # 2,000 deals, no browser/PG, seconds

Generates (or reuses) `benchmarks/results/deals-{N}-seed1.db` for each size and measures
on it: the dashboard's view query (`tracker.queries.deal_view`: a page of 100 rows, the
totals and the facet counts) for a typical and a broad filter; the same view over HTTP
JSON, next to Datasette serving the same file with the same filter and facets; the CSV
export of all deals and the JSON dump; in Chromium, cold start and filter change of our
dashboard and of Datasette, and the Streamlit server's peak memory. Once per run: the
import of a SIPRI-layout register. At `--postgres-size`, the view, export and dump on a
private PostgreSQL server. Prints a Markdown report and writes it to `--output`.

Each value is the median with the spread (min-max) and the number of runs n. At sizes of
1,000,000 and more, exports, dumps and browser sessions run once (n=1).
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.metadata
import importlib.util
import os
import platform
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from alembic.script.revision import RevisionError
from alembic.util import CommandError
from playwright.sync_api import Browser, Page
from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import Session

from benchmarks import peer
from benchmarks.browser import PROJECT_ROOT, launch_chromium, streamlit_server, wait_until_idle
from benchmarks.generate import generate
from benchmarks.peer import BrowserTimes, ViewFilter
from benchmarks.sipri_import import time_import, write_register
from tracker.config import Settings
from tracker.domain.vocab import Category
from tracker.exports import export_deals
from tracker.read.filters import DealFilters
from tracker.read.rows import count_deals
from tracker.read.views import deal_view
from tracker.store import migrate
from tracker.store.db import make_engine, make_session_factory
from tracker.store.dump import dump_database
from tracker.store.models import Deal, Party

RESULTS = Path(__file__).resolve().parent / "results"
DEFAULT_SIZES = (10_000, 100_000, 1_000_000)
SMOKE_SIZE = 2_000
SIPRI_DEALS = 29_500
# Earlier runs' numbers and what changed between them, kept by hand under the tables.
HISTORY = Path(__file__).resolve().parent / "history.md"
HEAVY = 1_000_000  # from this size on, exports, dumps and browser sessions run once
SEED = 1
TYPICAL_YEARS = (1990, 2020)
TYPICAL_BUYER_RANK = 3
BROAD_CATEGORY = Category.AIRCRAFT
BROWSER_TIMEOUT_MS = 600_000  # the 1M overview takes a while; a hang still ends
MB = 1_000_000

SQLITE, POSTGRES = "SQLite", "PostgreSQL"


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --- what is measured ---------------------------------------------------------------------


@dataclass(frozen=True)
class Measure:
    key: str
    label: str
    targets: tuple[tuple[int, float], ...] = ()  # (size, limit): the target holds there
    memory: bool = False  # bytes rather than seconds
    browser: bool = False

    def limit(self, size: int) -> float | None:
        return dict(self.targets).get(size)

    def target_text(self) -> str:
        return "; ".join(
            f"{_limit(limit, self.memory)} at {short(size)}" for size, limit in self.targets
        )


MEASURES = (
    Measure(
        "view_typical",
        "View query, typical filter (a): 100 rows + totals + 4 facets",
        ((100_000, 0.050), (1_000_000, 0.300)),
    ),
    Measure("view_broad", "View query, broad filter (b)"),
    Measure("http_typical", "Same view over HTTP JSON, filter (a)"),
    Measure("http_broad", "Same view over HTTP JSON, filter (b)"),
    Measure("csv_export", "CSV export of all deals", ((100_000, 2.0),)),
    Measure("json_dump", "JSON dump of the whole database"),
    Measure(
        "browser_cold",
        "Browser: cold start, open → rendered overview",
        ((100_000, 3.0),),
        browser=True,
    ),
    Measure("browser_launch", "Browser: server launch → rendered overview", browser=True),
    Measure(
        "browser_typical",
        "Browser: filter change → rendered Deals page (a)",
        ((100_000, 0.5),),
        browser=True,
    ),
    Measure("browser_broad", "Browser: filter change → rendered Deals page (b)", browser=True),
    Measure(
        "server_rss",
        "Streamlit server peak RSS (overview, Deals, 2 filter changes)",
        ((1_000_000, 500 * MB),),
        memory=True,
        browser=True,
    ),
    Measure(
        "server_anon",
        "… of it anonymous (RssAnon at the end: no mapped database pages)",
        memory=True,
        browser=True,
    ),
)
IMPORT = Measure("sipri_import", "SIPRI-layout import", ((SIPRI_DEALS, 10.0),))
PG_MEASURES = tuple(
    m for m in MEASURES if m.key in ("view_typical", "view_broad", "csv_export", "json_dump")
)


@dataclass(frozen=True)
class PeerRow:
    """Ours against Datasette: the same view, timed the same way."""

    label: str
    ours: str
    theirs: str
    target: float | None = 1.0  # our time / Datasette's
    memory: bool = False


PEER_ROWS = (
    PeerRow("HTTP JSON, filter (a)", "http_typical", "peer_http_typical"),
    PeerRow("HTTP JSON, filter (b)", "http_broad", "peer_http_broad"),
    PeerRow("Browser: filter change → rendered (a)", "browser_typical", "peer_browser_typical"),
    PeerRow("Browser: filter change → rendered (b)", "browser_broad", "peer_browser_broad"),
    PeerRow(
        "Browser: server launch → first page rendered",
        "browser_launch",
        "peer_browser_launch",
        None,
    ),
    PeerRow("Server peak RSS", "server_rss", "peer_server_rss", None, memory=True),
    PeerRow("Server anonymous RSS at the end", "server_anon", "peer_server_anon", None, True),
)


@dataclass
class Results:
    """Samples per (measure, backend, size), plus what the report must say about them."""

    samples: dict[tuple[str, str, int], list[float]] = field(default_factory=dict)
    import_deals: int = SIPRI_DEALS
    import_summary: str = ""
    filters: dict[str, str] = field(default_factory=dict)  # name -> description
    postgres_version: str = ""
    chromium_version: str = ""
    load_before: tuple[float, float, float] = (0.0, 0.0, 0.0)

    def add(self, key: str, backend: str, size: int, values: Sequence[float]) -> None:
        if values:
            self.samples[(key, backend, size)] = list(values)

    def get(self, key: str, backend: str, size: int) -> list[float] | None:
        return self.samples.get((key, backend, size))


# --- formatting ---------------------------------------------------------------------------


def short(size: int) -> str:
    if size >= 1_000_000 and size % 1_000_000 == 0:
        return f"{size // 1_000_000}M"
    if size >= 1_000 and size % 1_000 == 0:
        return f"{size // 1_000}k"
    return f"{size:,}"


def _scale(value: float) -> tuple[float, int, str]:
    """How a duration of this size is shown: factor, decimals, unit."""
    if value < 0.01:
        return 1000, 1, "ms"
    if value < 1:
        return 1000, 0, "ms"
    return 1, 2, "s"


def _amount(value: float, memory: bool = False) -> str:
    if memory:
        return f"{value / MB:,.0f} MB"
    factor, decimals, unit = _scale(value)
    return f"{value * factor:.{decimals}f} {unit}"


def _limit(value: float, memory: bool = False) -> str:
    """A target as the issue states it: "≤ 50 ms", "≤ 2 s", "≤ 500 MB"."""
    if memory:
        return f"≤ {value / MB:g} MB"
    return f"≤ {value * 1000:g} ms" if value < 1 else f"≤ {value:g} s"


def cell(values: Sequence[float] | None, memory: bool = False) -> str:
    """`23 ms (21–27, n=5)`: the spread in the median's unit; memory: the largest peak."""
    if not values:
        return "—"
    if memory:
        return f"{_amount(max(values), True)} (max of n={len(values)})"
    median = statistics.median(values)
    if len(values) == 1:
        return f"{_amount(median)} (n=1)"
    factor, decimals, _ = _scale(median)
    low, high = (f"{value * factor:.{decimals}f}" for value in (min(values), max(values)))
    return f"{_amount(median)} ({low}–{high}, n={len(values)})"


def central(values: Sequence[float], memory: bool) -> float:
    return max(values) if memory else statistics.median(values)


# --- databases ----------------------------------------------------------------------------


def _engine(url: str) -> Engine:
    return make_engine(Settings(database_url=url, auto_setup=False))


def _deal_count(engine: Engine) -> int:
    with Session(engine) as session:
        return int(session.scalar(select(func.count()).select_from(Deal)) or 0)


def _migrate(engine: Engine, path: Path) -> bool:
    """Bring a reused file to the current schema (new indexes count in the timings)."""
    if migrate.is_up_to_date(engine):
        return False
    log(f"migrating {path.name} to the current schema")
    try:
        migrate.upgrade(engine)
    except (CommandError, RevisionError) as exc:  # a revision this checkout does not know
        raise SystemExit(f"{path} cannot be migrated ({exc}): delete it to regenerate") from exc
    return True


def _ensure_statistics(engine: Engine, path: Path, stale: bool) -> None:
    """Planner statistics as after a bulk load, whether the file is new or reused (and
    whichever generator version made it), so every size is measured in the same state."""
    with engine.begin() as connection:
        present = connection.scalar(
            text("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")
        )
        if present and not stale:
            return
        log(f"ANALYZE {path.name}")
        connection.execute(text("ANALYZE"))


def sqlite_database(results_dir: Path, size: int) -> Path:
    """`deals-{N}-seed1.db`, generated once and reused while it holds exactly N deals."""
    path = results_dir / f"deals-{size}-seed{SEED}.db"
    if path.exists():
        engine = _engine(f"sqlite:///{path}")
        try:
            held = _deal_count(engine)
            if held != size:
                # Never delete it here: another run may still be writing it.
                raise SystemExit(f"{path} holds {held:,} deals, not {size:,}: delete it first")
            _ensure_statistics(engine, path, stale=_migrate(engine, path))
        finally:
            engine.dispose()
        log(f"reusing {path.name}")
        return path
    results_dir.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.stem}.partial-{os.getpid()}.db")
    started = time.perf_counter()
    engine = _engine(f"sqlite:///{partial}")
    try:
        generate(engine, deals=size, seed=SEED)
        _ensure_statistics(engine, partial, stale=False)
    finally:
        engine.dispose()
    partial.rename(path)
    log(f"generated {size:,} deals into {path.name} in {time.perf_counter() - started:.1f} s")
    return path


def choose_filters(engine: Engine) -> tuple[ViewFilter, ViewFilter]:
    """(a) typical: the 3rd-largest buyer, ordered 1990-2020; (b) broad: all aircraft."""
    deals = func.count()
    with Session(engine) as session:
        ranked = session.execute(
            select(Deal.buyer_id, deals)
            .group_by(Deal.buyer_id)
            .order_by(deals.desc(), Deal.buyer_id)
            .limit(TYPICAL_BUYER_RANK)
        ).all()
        buyer_id = int(ranked[-1][0])
        name = session.get_one(Party, buyer_id).name
    typical = ViewFilter("a", name, buyer_id, None, *TYPICAL_YEARS)
    return typical, ViewFilter("b", category=BROAD_CATEGORY.value)


def as_deal_filters(view: ViewFilter) -> DealFilters:
    return DealFilters(
        buyers=(view.buyer,) if view.buyer else (),
        categories=(Category(view.category),) if view.category else (),
        year_from=view.year_from,
        year_to=view.year_to,
    )


# --- in-process measures ------------------------------------------------------------------


def time_view(engine: Engine, view: ViewFilter, runs: int) -> list[float]:
    """deal_view in a fresh session per run, after one untimed warm-up; its queries run
    at once, as the dashboard runs them."""
    sessions = make_session_factory(engine)
    filters = as_deal_filters(view)
    timings = []
    for run in range(runs + 1):
        with sessions() as session:
            started = time.perf_counter()
            deal_view(session, filters, concurrent=True)
            if run:
                timings.append(time.perf_counter() - started)
    return timings


def time_written(engine: Engine, runs: int, write: Callable[[Session, Any], object]) -> list[float]:
    """Seconds to write a whole export into a temporary file (open to closed)."""
    sessions = make_session_factory(engine)
    timings = []
    with tempfile.TemporaryDirectory(prefix="bench-export-") as folder:
        for _ in range(runs):
            with sessions() as session:
                started = time.perf_counter()
                with (Path(folder) / "out").open("w", encoding="utf-8", newline="") as out:
                    write(session, out)
                timings.append(time.perf_counter() - started)
    return timings


def csv_export(session: Session, out: Any) -> object:
    return export_deals(session, DealFilters(), "csv", out)


def json_dump(session: Session, out: Any) -> object:
    return dump_database(session, out)


def runs_at(size: int, runs: int) -> int:
    return 1 if size >= HEAVY else runs


def measure_database(
    results: Results,
    backend: str,
    engine: Engine,
    size: int,
    runs: int,
    filters: tuple[ViewFilter, ViewFilter],
) -> None:
    """View query (both filters), CSV export and JSON dump."""
    typical, broad = filters
    log(f"{backend} {short(size)}: view query")
    results.add("view_typical", backend, size, time_view(engine, typical, runs))
    results.add("view_broad", backend, size, time_view(engine, broad, runs))
    log(f"{backend} {short(size)}: CSV export")
    results.add("csv_export", backend, size, time_written(engine, runs_at(size, runs), csv_export))
    log(f"{backend} {short(size)}: JSON dump")
    results.add("json_dump", backend, size, time_written(engine, runs_at(size, runs), json_dump))


def measure_import(results: Results, deals: int, runs: int) -> None:
    """A SIPRI layout-A register, each run into a freshly seeded SQLite file."""
    log(f"SIPRI-layout import of {deals:,} deals")
    folder = Path(tempfile.mkdtemp(prefix="bench-sipri-"))
    try:
        register = folder / "register.csv"
        write_register(register, deals, seed=SEED)
        data = register.read_bytes()
        timings = []
        for run in range(runs):
            elapsed, summary = time_import(f"sqlite:///{folder}/run{run}.db", data, register.name)
            timings.append(elapsed)
        results.add(IMPORT.key, SQLITE, deals, timings)
        results.import_deals, results.import_summary = deals, summary
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# --- over HTTP: ours and Datasette --------------------------------------------------------


def measure_http(
    results: Results,
    path: Path,
    size: int,
    runs: int,
    filters: tuple[ViewFilter, ViewFilter],
    with_peer: bool,
) -> None:
    """Our view over HTTP JSON and, with the peer, Datasette's, after a same-count check."""
    log(f"{SQLITE} {short(size)}: view over HTTP JSON" + (" (ours, Datasette)" * with_peer))
    with (
        contextlib_nullable(with_peer, path) as server,
        peer.our_json_server(f"sqlite:///{path}") as base,
    ):
        for view, key in zip(filters, ("typical", "broad"), strict=True):
            ours = peer.our_view_url(base, view)
            if server is not None:
                theirs = peer.datasette_view_url(server, view, json_api=True)
                count = peer.check_same_count(ours, theirs)
                log(f"  filter ({view.name}): {count:,} deals in both")
                results.add(f"peer_http_{key}", SQLITE, size, peer.time_http(theirs, runs))
            results.add(f"http_{key}", SQLITE, size, peer.time_http(ours, runs))


@contextmanager
def contextlib_nullable(wanted: bool, path: Path) -> Iterator[peer.DatasetteServer | None]:
    """A Datasette server on `path` when wanted, else None."""
    if not wanted:
        yield None
        return
    with peer.datasette_server(path) as server:
        yield server


# --- in the browser -----------------------------------------------------------------------


def _rendered_overview(page: Page) -> None:
    """The overview's last element is on screen and the script has finished."""
    page.get_by_text("Statuses are explained on the About page.").wait_for()
    page.locator("[data-testid='stMetric']").first.wait_for()
    wait_until_idle(page, BROWSER_TIMEOUT_MS)


def _rendered_deals(page: Page, count: int) -> None:
    """The Deals page shows the result of this very filter: its count, script finished."""
    page.get_by_text(re.compile(rf"of {count:,}\.")).first.wait_for()
    wait_until_idle(page, BROWSER_TIMEOUT_MS)


def _choose(page: Page, box: str, typed: str, option: re.Pattern[str]) -> float:
    """Pick an option in a sidebar multiselect; returns the moment of the click."""
    widget = page.locator("[data-testid='stMultiSelect']").filter(has_text=box)
    widget.locator("input").click()
    page.keyboard.type(typed)
    choice = page.get_by_role("option").filter(has_text=option).first
    choice.wait_for()
    started = time.perf_counter()
    choice.click()
    return started


def _change_filter(
    page: Page, box: str, typed: str, option: re.Pattern[str], param: str, count: int
) -> float:
    """Seconds from picking the option to the re-rendered Deals page of that filter."""
    started = _choose(page, box, typed, option)
    page.wait_for_url(lambda url: f"{param}=" in url, timeout=BROWSER_TIMEOUT_MS)
    _rendered_deals(page, count)
    return time.perf_counter() - started


def our_browser_times(
    browser: Browser,
    path: Path,
    filters: tuple[ViewFilter, ViewFilter],
    counts: dict[str, int],
    runs: int,
) -> BrowserTimes:
    """Per run a fresh server (so every filter is a cache miss) and browser context:
    cold start to the overview, then on the Deals page one sidebar change to filter (a)
    (from its years only) and one to filter (b) (from no filter)."""
    typical, broad = filters
    assert typical.buyer is not None and broad.category is not None
    buyer = re.compile(rf"^{re.escape(typical.buyer)}( \(|$)")
    category = re.compile(rf"^{re.escape(broad.category)}$")
    times = BrowserTimes()
    for _ in range(runs):
        launched = time.perf_counter()
        with streamlit_server(f"sqlite:///{path}", timeout=600) as server:
            context = browser.new_context()
            page = context.new_page()
            page.set_default_timeout(BROWSER_TIMEOUT_MS)
            opened = time.perf_counter()
            page.goto(server.url)
            _rendered_overview(page)
            times.cold_start.append(time.perf_counter() - opened)
            times.launch_to_render.append(time.perf_counter() - launched)
            years = f"from={typical.year_from}&to={typical.year_to}"
            page.goto(f"{server.url}/deals?{years}")
            _rendered_deals(page, counts["years"])
            times.change_typical.append(
                _change_filter(page, "Buyer", typical.buyer, buyer, "buyer", counts["typical"])
            )
            page.goto(f"{server.url}/deals")
            _rendered_deals(page, counts["all"])
            times.change_broad.append(
                _change_filter(
                    page, "Category", broad.category, category, "category", counts["broad"]
                )
            )
            times.peak_rss.append(float(peer.tree_peak_rss(server.process.pid)))
            times.anonymous_rss.append(float(peer.tree_anonymous_rss(server.process.pid)))
            context.close()
    return times


def view_counts(engine: Engine, filters: tuple[ViewFilter, ViewFilter]) -> dict[str, int]:
    """The deal counts the Deals page must show for each step of the browser session."""
    typical, broad = filters
    years = ViewFilter("years", year_from=typical.year_from, year_to=typical.year_to)
    with Session(engine) as session:
        return {
            name: count_deals(session, as_deal_filters(view))
            for name, view in (
                ("years", years),
                ("typical", typical),
                ("broad", broad),
                ("all", ViewFilter("all")),
            )
        }


def add_browser(results: Results, prefix: str, size: int, times: BrowserTimes) -> None:
    results.add(f"{prefix}browser_cold", SQLITE, size, times.cold_start)
    results.add(f"{prefix}browser_launch", SQLITE, size, times.launch_to_render)
    results.add(f"{prefix}browser_typical", SQLITE, size, times.change_typical)
    results.add(f"{prefix}browser_broad", SQLITE, size, times.change_broad)
    results.add(f"{prefix}server_rss", SQLITE, size, times.peak_rss)
    results.add(f"{prefix}server_anon", SQLITE, size, times.anonymous_rss)


def measure_browser(
    results: Results,
    browser: Browser,
    path: Path,
    size: int,
    runs: int,
    filters: tuple[ViewFilter, ViewFilter],
    with_peer: bool,
) -> None:
    engine = _engine(f"sqlite:///{path}")
    try:
        counts = view_counts(engine, filters)
    finally:
        engine.dispose()
    n = runs_at(size, runs)
    log(f"{SQLITE} {short(size)}: our dashboard in Chromium ({n} runs)")
    add_browser(results, "", size, our_browser_times(browser, path, filters, counts, n))
    if with_peer:
        log(f"{SQLITE} {short(size)}: Datasette in Chromium ({n} runs)")
        typical, broad = filters
        times = peer.datasette_browser_times(browser, path, typical, broad, n)
        add_browser(results, "peer_", size, times)


# --- PostgreSQL ---------------------------------------------------------------------------


def _pgserver() -> ModuleType:
    """tests/pgserver.py, loaded by path: the benchmarks are no test package."""
    spec = importlib.util.spec_from_file_location(
        "pgserver", PROJECT_ROOT / "tests" / "pgserver.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("pgserver", module)  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def measure_postgres(results: Results, size: int, runs: int) -> None:
    """Generate `size` deals into a private server's fresh database and measure there."""
    log(f"{POSTGRES} {short(size)}: starting a private server")
    server: Any = _pgserver().start_postgres(Path(tempfile.gettempdir()))
    try:
        engine = _engine(server.create_database(f"bench_{size}"))
        started = time.perf_counter()
        generate(engine, deals=size, seed=SEED)
        with engine.begin() as connection:
            # What autovacuum would do within a minute of the load; done now so the plans
            # do not depend on when it happens to run.
            connection.execute(text("ANALYZE"))
            results.postgres_version = str(connection.scalar(text("SHOW server_version")))
        log(f"{POSTGRES} {short(size)}: generated in {time.perf_counter() - started:.1f} s")
        measure_database(results, POSTGRES, engine, size, runs, choose_filters(engine))
        engine.dispose()
    finally:
        server.stop()


# --- the machine --------------------------------------------------------------------------


def _first(path: str, prefix: str) -> str:
    try:
        lines = Path(path).read_text().splitlines()
    except OSError:
        return "unknown"
    found = next((line for line in lines if line.startswith(prefix)), "")
    return found.partition(":" if ":" in found else "=")[2].strip().strip('"') or "unknown"


def _version(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def _git_revision() -> str:
    """The commit measured, and whether the work tree had changes (read-only git)."""
    try:
        revision = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=PROJECT_ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=PROJECT_ROOT,
            capture_output=True,
            text=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return f"{revision} (with uncommitted changes)" if dirty else revision


def _cached_mb() -> str:
    cached = _first("/proc/meminfo", "Cached").split()
    return f"{int(cached[0]) / 1024:,.0f} MB" if cached and cached[0].isdigit() else "unknown"


def machine_lines(results: Results) -> list[str]:
    memory_kb = _first("/proc/meminfo", "MemTotal").split()[0]
    ram = f"{int(memory_kb) / 1024**2:.1f} GiB" if memory_kb.isdigit() else "unknown"
    load_after = os.getloadavg()
    return [
        f"- CPU: {_first('/proc/cpuinfo', 'model name')}, {os.cpu_count()} cores; RAM {ram}",
        f"- OS: {_first('/etc/os-release', 'PRETTY_NAME')}, Linux {platform.release()}",
        f"- Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
        f"PostgreSQL {results.postgres_version or 'not run'}, "
        f"SQLAlchemy {_version('sqlalchemy')}, Streamlit {_version('streamlit')}, "
        f"Datasette {_version('datasette')}, Chromium {results.chromium_version or 'not run'}",
        f"- Date: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC; commit {_git_revision()}",
        "- Load average (1 min) before / after the run: "
        f"{results.load_before[0]:.2f} / {load_after[0]:.2f}; page cache at the end "
        f"(`Cached` in /proc/meminfo): {_cached_mb()} — what is not cached is read from disk",
    ]


# --- the report ---------------------------------------------------------------------------


def _verdict(measure: Measure, results: Results, backend: str, sizes: Sequence[int]) -> str:
    parts = []
    for size, limit in measure.targets:
        values = results.get(measure.key, backend, size) if size in sizes else None
        if values is None:
            continue
        ok = central(values, measure.memory) <= limit
        parts.append(f"{short(size)} {'ok' if ok else '**MISSED**'}")
    return "; ".join(parts) or "—"


def results_table(results: Results, sizes: Sequence[int], browser: bool) -> list[str]:
    head = ["measure", *(short(size) for size in sizes), "target", "verdict"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for measure in MEASURES:
        cells = [cell(results.get(measure.key, SQLITE, size), measure.memory) for size in sizes]
        if measure.browser and not browser:
            cells = ["not run (--no-browser)"] * len(sizes)
        row = [
            measure.label,
            *cells,
            measure.target_text() or "—",
            _verdict(measure, results, SQLITE, sizes),
        ]
        lines.append("| " + " | ".join(row) + " |")
    return lines


def _judged(measure: Measure, values: Sequence[float] | None, size: int) -> str:
    """ok / MISSED against the measure's target at this size; "—" where it has none."""
    limit = measure.limit(size)
    if not values or limit is None:
        return "—"
    return "ok" if central(values, measure.memory) <= limit else "**MISSED**"


def import_table(results: Results) -> list[str]:
    deals = results.import_deals
    values = results.get(IMPORT.key, SQLITE, deals)
    if not values:
        return ["Not run."]
    return [
        "| measure | result | target | verdict |",
        "|---|---|---|---|",
        f"| {IMPORT.label}, {deals:,} deals, into a fresh SQLite file | {cell(values)} | "
        f"{IMPORT.target_text()} | {_judged(IMPORT, values, deals)} |",
        "",
        f"Import report of the last run: {results.import_summary}",
    ]


def postgres_table(results: Results, size: int) -> list[str]:
    lines = [
        f"| measure | {POSTGRES} {short(size)} | {SQLITE} {short(size)} | target | verdict |",
        "|---|---|---|---|---|",
    ]
    for measure in PG_MEASURES:
        values = results.get(measure.key, POSTGRES, size)
        limit = measure.limit(size)
        target = _limit(limit) if limit is not None else "—"
        lines.append(
            f"| {measure.label} | {cell(values)} | "
            f"{cell(results.get(measure.key, SQLITE, size))} | {target} | "
            f"{_judged(measure, values, size)} |"
        )
    return lines


def _ratio(results: Results, row: PeerRow, size: int) -> float | None:
    ours, theirs = results.get(row.ours, SQLITE, size), results.get(row.theirs, SQLITE, size)
    if not ours or not theirs:
        return None
    return central(ours, row.memory) / central(theirs, row.memory)


def peer_table(results: Results, sizes: Sequence[int]) -> list[str]:
    lines = [
        "| measure | size | ours | Datasette | ours / Datasette | verdict |",
        "|---|---|---|---|---|---|",
    ]
    for row in PEER_ROWS:
        memory = row.memory
        for size in sizes:
            ratio = _ratio(results, row, size)
            if ratio is None:
                continue
            verdict = "—"
            if row.target is not None:
                verdict = "ok" if ratio <= row.target else "**MISSED**"
            ours = cell(results.get(row.ours, SQLITE, size), memory)
            theirs = cell(results.get(row.theirs, SQLITE, size), memory)
            cells = [row.label, short(size), ours, theirs, f"{ratio:.2f}×", verdict]
            lines.append("| " + " | ".join(cells) + " |")
    return lines


def misses(results: Results, sizes: Sequence[int], pg_size: int) -> list[str]:
    """Every missed target, with the numbers."""
    found = []
    checks = [(m, SQLITE, s) for m in MEASURES for s in sizes]
    checks += [(m, POSTGRES, pg_size) for m in PG_MEASURES if pg_size]
    checks.append((IMPORT, SQLITE, results.import_deals))
    for measure, backend, size in checks:
        limit, values = measure.limit(size), results.get(measure.key, backend, size)
        if limit is None or not values:
            continue
        value = central(values, measure.memory)
        if value > limit:
            found.append(
                f"- {measure.label}, {backend} {short(size)}: {cell(values, measure.memory)}"
                f" against {_limit(limit, measure.memory)} ({value / limit:.2f}× the target)"
            )
    for row in PEER_ROWS:
        for size in sizes:
            ratio = _ratio(results, row, size)
            if row.target is not None and ratio is not None and ratio > row.target:
                found.append(
                    f"- Peer, {row.label} at {short(size)}: ours "
                    f"{cell(results.get(row.ours, SQLITE, size))}, Datasette "
                    f"{cell(results.get(row.theirs, SQLITE, size))}: {ratio:.2f}×"
                )
    return found or ["None."]


def _shown(path: Path) -> str:
    """A path as the report shows it: relative to the project when inside it."""
    return str(path.relative_to(PROJECT_ROOT)) if path.is_relative_to(PROJECT_ROOT) else str(path)


def report(results: Results, options: Options) -> str:
    typical, broad = results.filters.get("a", "?"), results.filters.get("b", "?")
    lines = [
        "# Benchmarks",
        "",
        "Every number below comes from one run of the benchmark harness (`benchmarks/run.py`, "
        "issue 6), reproduced with:",
        "",
        f"    {options.command}",
        "",
        "## Machine",
        "",
        *machine_lines(results),
        "",
        "## How to read this",
        "",
        f"- Data: `benchmarks.generate` (seed 1) into `{_shown(options.results_dir)}/"
        "deals-{N}-seed1.db`, "
        "generated once and reused; each file has planner statistics (`ANALYZE`) as after a "
        "bulk load.",
        f"- Filter (a), typical: {typical}. Filter (b), broad: {broad}. Both are picked from "
        "the data the same way at every size. **Targets apply to filter (a).**",
        "- The view query is `tracker.queries.deal_view` in-process: a page of 100 rows sorted "
        "by order date, the totals of all matching deals, and facet counts for buyer, seller, "
        "category and status; a fresh session per run after one warm-up. Its six queries "
        "run at once on their own connections (3 threads, `concurrent=True`), as the "
        "dashboard runs them.",
        "- HTTP JSON: the same call behind a stdlib HTTP server (`benchmarks.peer`), one "
        "warm-up request; Datasette's table API on the same file, the same filter on raw "
        f"columns. {peer.FACET_NOTE}",
        "- Browser: headless Chromium against the real `tracker dashboard` server, a fresh "
        "server per run, so every filter change is a cache miss. Cold start = a first visit "
        "to a freshly started server until the overview has rendered (the server's warm-up "
        "has computed the unfiltered overview and the sidebar's choices before it accepts "
        "visitors: `dashboard/launch.py`; server launch → rendered overview includes that); "
        "filter change = one "
        "pick in the sidebar (the buyer of (a) with (a)'s years already set; the category of "
        "(b) from no filter) until the Deals page shows that filter's count and its script "
        "has finished. Datasette: navigating from the years-only (or unfiltered) table page "
        "to the filtered one until its results table is rendered and the load event fired.",
        "- Each cell: median (min–max, n runs). At 1M, exports, dumps and browser sessions "
        "run once (n=1). Memory: the largest peak RSS (VmHWM) of the server process tree "
        "over the runs.",
        "",
        f"## Results ({SQLITE})",
        "",
        *results_table(results, options.sizes, options.browser),
        "",
        "## Once per run",
        "",
        *import_table(results),
        "",
    ]
    if options.postgres_size:
        lines += [
            f"## {POSTGRES}",
            "",
            *postgres_table(results, options.postgres_size),
            "",
            "The server is a private cluster (tests/pgserver.py: fsync off), `ANALYZE`d "
            "after the load.",
            "",
        ]
    if options.peer:
        lines += [
            "## Peer: Datasette on the same SQLite file",
            "",
            *peer_table(results, options.sizes),
            "",
            "Target: ours no slower than Datasette's on the same data (ratio ≤ 1.0) for "
            f"the view rows. {peer.FACET_NOTE} Both apps' match counts are checked to be "
            "equal before timing.",
            "",
        ]
    lines += ["## Misses", "", *misses(results, options.sizes, options.postgres_size), ""]
    if not options.smoke and HISTORY.exists():
        lines += [HISTORY.read_text(encoding="utf-8").rstrip(), ""]
    return "\n".join(lines)


# --- the command --------------------------------------------------------------------------


@dataclass(frozen=True)
class Options:
    sizes: tuple[int, ...]
    postgres_size: int
    runs: int
    browser: bool
    peer: bool
    output: Path
    import_deals: int
    results_dir: Path
    smoke: bool
    command: str


def parse_options(argv: Sequence[str] | None) -> Options:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.run", description=(__doc__ or "").split("\n\n")[0]
    )
    parser.add_argument("--sizes", help="deal counts on SQLite (10000,100000,1000000)")
    parser.add_argument("--postgres-size", type=int, help="deals on PostgreSQL; 0: skip (100000)")
    parser.add_argument("--runs", type=int, help="repetitions per measure (5)")
    parser.add_argument("--no-browser", action="store_true", help="skip Chromium")
    parser.add_argument("--browser", action="store_true", help="with --smoke: use Chromium")
    parser.add_argument("--no-peer", action="store_true", help="skip Datasette")
    parser.add_argument("--output", type=Path, help="report file (BENCHMARKS.md)")
    parser.add_argument("--import-deals", type=int, help=f"SIPRI register size ({SIPRI_DEALS})")
    parser.add_argument("--results-dir", type=Path, default=RESULTS, help="database files")
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="small and fast: 2,000 deals, 2 runs, no PG/browser unless asked, "
        "report to a temporary file",
    )
    args = parser.parse_args(argv)
    smoke: bool = args.smoke
    sizes = args.sizes or (str(SMOKE_SIZE) if smoke else ",".join(map(str, DEFAULT_SIZES)))
    output = args.output or (
        Path(tempfile.mkdtemp(prefix="bench-")) / "BENCHMARKS.md"
        if smoke
        else PROJECT_ROOT / "BENCHMARKS.md"
    )
    options = Options(
        sizes=tuple(int(size.replace("_", "")) for size in sizes.split(",")),
        postgres_size=args.postgres_size
        if args.postgres_size is not None
        else (0 if smoke else 100_000),
        runs=args.runs or (2 if smoke else 5),
        browser=not args.no_browser and (args.browser or not smoke),
        peer=not args.no_peer,
        output=output,
        import_deals=args.import_deals or (1_000 if smoke else SIPRI_DEALS),
        results_dir=args.results_dir.resolve(),  # servers run in another directory
        smoke=smoke,
        command=" ".join([".venv/bin/python -m benchmarks.run", *(argv or sys.argv[1:])]),
    )
    if options.peer and not peer.DATASETTE.exists():
        parser.error(
            f"{peer.DATASETTE} not found: pip install -r requirements-dev.lock, or pass --no-peer"
        )
    return options


def measure_size(results: Results, options: Options, size: int, browser: Browser | None) -> None:
    path = sqlite_database(options.results_dir, size)
    engine = _engine(f"sqlite:///{path}")
    try:
        filters = choose_filters(engine)
        results.filters = {view.name: describe(view) for view in filters}
        measure_database(results, SQLITE, engine, size, options.runs, filters)
    finally:
        engine.dispose()
    measure_http(results, path, size, options.runs, filters, options.peer)
    if browser is not None:
        measure_browser(results, browser, path, size, options.runs, filters, options.peer)


def describe(view: ViewFilter) -> str:
    if view.buyer:
        return (
            f"buyer {view.buyer} (the 3rd-largest buyer by deals), ordered "
            f"{view.year_from}–{view.year_to}"
        )
    return f"category {view.category}"


@contextmanager
def chromium(wanted: bool) -> Iterator[Browser | None]:
    if not wanted:
        yield None
        return
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            yield browser
        finally:
            browser.close()


KEPT_MARKER = "<!-- benchmarks.run keeps what follows: sections from other benchmark scripts -->"


def _kept_sections(path: Path) -> str:
    """The part of the old report below KEPT_MARKER (results of the single-purpose
    benchmark scripts, pasted by hand), so a full run does not erase them."""
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    _, marker, kept = old.partition(KEPT_MARKER)
    return f"\n{marker}{kept}" if marker else ""


def main(argv: Sequence[str] | None = None) -> int:
    options = parse_options(argv)
    results = Results(load_before=os.getloadavg())
    with chromium(options.browser) as browser:
        results.chromium_version = browser.version if browser is not None else ""
        for size in options.sizes:
            measure_size(results, options, size, browser)
    measure_import(results, options.import_deals, options.runs)
    if options.postgres_size:
        measure_postgres(results, options.postgres_size, options.runs)
    text_ = report(results, options) + _kept_sections(options.output)
    print(text_)
    options.output.write_text(text_, encoding="utf-8")
    log(f"report written to {options.output}")
    missed = misses(results, options.sizes, options.postgres_size) != ["None."]
    return 1 if missed and not options.smoke else 0


if __name__ == "__main__":
    raise SystemExit(main())
