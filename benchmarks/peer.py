"""The peer: Datasette serving the same SQLite file, timed the way we time ourselves.

Both apps answer the same view over HTTP JSON -- ours through `our_json_server`, a stdlib
server running `tracker.queries.deal_view` (the dashboard's query), Datasette through its
table API -- and both render it in Chromium. Same filter, same facets, same page size:

- buyer: ours resolves the name; Datasette gets `buyer_id__exact=ID` on the raw column;
- order years: `order_year__gte` / `order_year__lte`;
- category: Datasette's `deal` table has no category column, so it gets a `_where=`
  sub-select on `platform.category` (the same sub-select ours runs);
- facets: ours counts buyer, seller, category and status; Datasette counts buyer_id,
  seller_id, status and platform_id, its closest equivalent of category (it facets on
  columns of the table only);
- `_nosuggest=1`: Datasette would otherwise also try "suggested facets" on every column,
  work our view does not do; leaving them out keeps the comparison strict for us.

Datasette is a development dependency of the benchmark only (`pip install -e .[dev]`).
"""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page

from benchmarks.browser import ServerFailed, free_port
from tracker.config import Settings
from tracker.read.filters import PARAMS as FILTER_PARAMS
from tracker.read.filters import filters_from_params
from tracker.read.views import DealView, deal_view
from tracker.store.db import make_engine, make_session_factory

DATASETTE = Path(sys.executable).parent / "datasette"
TABLE = "deal"
FACETS = ("buyer_id", "seller_id", "status", "platform_id")
FACET_NOTE = (
    "Datasette facets on platform_id where ours facets on category: its deal table has no "
    "category column, and it facets only on a table's own columns."
)
PAGE_SIZE = 100
START_TIMEOUT = 120.0


class PeerMismatch(AssertionError):
    """Datasette and our view disagree about how many deals match a filter."""


@dataclass(frozen=True)
class ViewFilter:
    """One filter, in both apps' terms: our URL parameters and Datasette's raw columns."""

    name: str
    buyer: str | None = None  # our parameter: a party name
    buyer_id: int | None = None  # Datasette's: the id that name stands for
    category: str | None = None
    year_from: int | None = None
    year_to: int | None = None

    def our_params(self) -> list[tuple[str, str]]:
        """The dashboard's own URL parameters (tracker.read.filters)."""
        params = [("buyer", self.buyer), ("category", self.category)]
        params += [("from", _text(self.year_from)), ("to", _text(self.year_to))]
        return [(key, value) for key, value in params if value]

    def datasette_params(self) -> list[tuple[str, str]]:
        params = [
            ("buyer_id__exact", _text(self.buyer_id)),
            ("order_year__gte", _text(self.year_from)),
            ("order_year__lte", _text(self.year_to)),
        ]
        kept = [(key, value) for key, value in params if value]
        if self.category:
            # Values are our own vocabulary (no quotes); the same sub-select ours runs.
            where = f"platform_id in (select id from platform where category = '{self.category}')"
            kept.append(("_where", where))
        return kept


def _text(value: int | str | None) -> str | None:
    return None if value is None else str(value)


# --- our view over HTTP JSON ----------------------------------------------------------------


def view_json(view: DealView) -> dict[str, Any]:
    """Rows as the table shows them, the totals and the facets: what a client would get."""
    return {
        "rows": [
            {k: v if isinstance(v, int | str | None) else str(v) for k, v in row.items()}
            for row in map(dataclasses.asdict, view.rows)
        ],
        "total": dataclasses.asdict(view.total),
        "facets": view.facets,
    }


def _handler(database_url: str) -> type[BaseHTTPRequestHandler]:
    engine = make_engine(Settings(database_url=database_url, auto_setup=False))
    sessions = make_session_factory(engine)

    class ViewHandler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # the http.server API
            url = urllib.parse.urlsplit(self.path)
            if url.path != "/view.json":
                self.send_error(404)
                return
            query = urllib.parse.parse_qs(url.query)
            parsed = filters_from_params({name: query.get(name, []) for name in FILTER_PARAMS})
            with sessions() as session:  # a session per request, like a dashboard rerun
                view = deal_view(session, parsed.filters, limit=PAGE_SIZE, concurrent=True)
            body = json.dumps(view_json(view), default=str).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass  # one line per request on stderr would drown the benchmark's progress

    return ViewHandler


@contextmanager
def our_json_server(database_url: str) -> Iterator[str]:
    """`GET /view.json?buyer=…&category=…&from=…&to=…` runs deal_view; yields the base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", free_port()), _handler(database_url))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def our_view_url(base: str, view: ViewFilter) -> str:
    return f"{base}/view.json?{urllib.parse.urlencode(view.our_params())}"


# --- Datasette ------------------------------------------------------------------------------


@dataclass
class DatasetteServer:
    url: str
    database: str  # the database's name in Datasette's URLs: the file's stem
    process: subprocess.Popen[bytes]
    started_in: float  # seconds from launch to answering


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/-/versions.json", timeout=1) as response:
            return bool(response.status == 200)
    except OSError:
        return False


@contextmanager
def datasette_server(sqlite_path: Path) -> Iterator[DatasetteServer]:
    """`datasette serve` on the file (mutable, like ours) until the block ends."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = [
        str(DATASETTE), "serve", str(sqlite_path), "--port", str(port), "--host", "127.0.0.1",
        "--setting", "facet_time_limit_ms", "60000",
        "--setting", "sql_time_limit_ms", "60000",
        "--setting", "default_page_size", str(PAGE_SIZE),
    ]  # fmt: skip
    log = (Path(tempfile.gettempdir()) / f"datasette-{port}.log").open("wb")
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=log, stderr=log, env={**os.environ})
    try:
        while not _answers(url):
            if process.poll() is not None or time.perf_counter() - started > START_TIMEOUT:
                raise ServerFailed(f"datasette did not answer; see {log.name}")
            time.sleep(0.05)
        yield DatasetteServer(url, sqlite_path.stem, process, time.perf_counter() - started)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def datasette_view_url(server: DatasetteServer, view: ViewFilter, *, json_api: bool) -> str:
    """The table page (or its .json) for the filter, with our page size, sort and facets."""
    params = view.datasette_params()
    params += [("_facet", facet) for facet in FACETS]
    params += [("_size", str(PAGE_SIZE)), ("_sort_desc", "order_date"), ("_nosuggest", "1")]
    suffix = ".json" if json_api else ""
    return f"{server.url}/{server.database}/{TABLE}{suffix}?{urllib.parse.urlencode(params)}"


def fetch_json(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=600) as response:
        return json.loads(response.read())


def datasette_count(payload: dict[str, Any]) -> int:
    """Matching rows: `filtered_table_rows_count` in 0.x, `count` from 1.0 on."""
    count = payload.get("filtered_table_rows_count", payload.get("count"))
    if not isinstance(count, int):
        raise PeerMismatch(f"Datasette returned no row count: keys {sorted(payload)}")
    return count


def check_same_count(our_url: str, peer_url: str) -> int:
    """Both apps must match the same deals (the generator makes no soft-deleted ones)."""
    ours = int(fetch_json(our_url)["total"]["deals"])
    payload = fetch_json(peer_url)
    theirs = datasette_count(payload)
    if ours != theirs:
        raise PeerMismatch(f"ours matches {ours} deals, Datasette {theirs}: {peer_url}")
    timed_out = payload.get("facets_timed_out") or []
    if timed_out:
        raise PeerMismatch(f"Datasette facets timed out ({timed_out}): {peer_url}")
    return ours


def time_http(url: str, runs: int) -> list[float]:
    """Seconds per full GET (response read), after one untimed warm-up request."""
    timings = []
    for run in range(runs + 1):
        started = time.perf_counter()
        with urllib.request.urlopen(url, timeout=600) as response:
            response.read()
        if run:
            timings.append(time.perf_counter() - started)
    return timings


# --- Datasette in the browser ---------------------------------------------------------------


@dataclass
class BrowserTimes:
    """One app's browser timings at one size (seconds; one value per run)."""

    cold_start: list[float] = dataclasses.field(default_factory=list)  # open to rendered
    launch_to_render: list[float] = dataclasses.field(default_factory=list)
    change_typical: list[float] = dataclasses.field(default_factory=list)
    change_broad: list[float] = dataclasses.field(default_factory=list)
    peak_rss: list[float] = dataclasses.field(default_factory=list)  # bytes, per server
    anonymous_rss: list[float] = dataclasses.field(default_factory=list)  # at the end


def _rendered_table(page: Page, url: str, timeout_ms: float) -> float:
    """Navigate and wait for the load event and the results table; returns seconds."""
    started = time.perf_counter()
    page.goto(url, wait_until="load", timeout=timeout_ms)
    page.wait_for_selector("table.rows-and-columns", timeout=timeout_ms)
    return time.perf_counter() - started


def datasette_browser_times(
    browser: Browser,
    sqlite_path: Path,
    typical: ViewFilter,
    broad: ViewFilter,
    runs: int,
    *,
    timeout_ms: float = 300_000,
) -> BrowserTimes:
    """Per run: a fresh server and browser context; each URL is opened once per server.

    A filter change in Datasette is a navigation from one filtered table page to another:
    from the years-only page to the typical filter, and from the whole table to the broad
    one. Every URL is distinct within a run and each run has its own browser context, so
    nothing comes from Chromium's cache (Datasette sends max-age=5).
    """
    times = BrowserTimes()
    years_only = dataclasses.replace(typical, buyer=None, buyer_id=None)
    whole = ViewFilter("all deals")
    for _ in range(runs):
        launched = time.perf_counter()
        with datasette_server(sqlite_path) as server:
            context = browser.new_context()
            page = context.new_page()
            first = _rendered_table(
                page, datasette_view_url(server, years_only, json_api=False), timeout_ms
            )
            times.cold_start.append(first)
            times.launch_to_render.append(time.perf_counter() - launched)
            times.change_typical.append(
                _rendered_table(
                    page, datasette_view_url(server, typical, json_api=False), timeout_ms
                )
            )
            _rendered_table(page, datasette_view_url(server, whole, json_api=False), timeout_ms)
            times.change_broad.append(
                _rendered_table(page, datasette_view_url(server, broad, json_api=False), timeout_ms)
            )
            times.peak_rss.append(float(tree_peak_rss(server.process.pid)))
            times.anonymous_rss.append(float(tree_anonymous_rss(server.process.pid)))
            context.close()
    return times


# --- memory ---------------------------------------------------------------------------------


def _children(pid: int) -> list[int]:
    kids: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            kids += [int(child) for child in task.read_text().split()]
        except OSError:
            continue
    return kids


def _status_bytes(pid: int, name: str) -> int:
    """A memory line of /proc/PID/status (VmHWM, RssAnon, ...) in bytes; 0 once gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    for line in status.splitlines():
        if line.startswith(f"{name}:"):
            return int(line.split()[1]) * 1024
    return 0


def tree_memory(pid: int, name: str = "VmHWM") -> int:
    """Sum of one memory figure over a process and all its descendants. For VmHWM (peak
    RSS) an upper bound of the tree's peak: each process may have peaked at another time."""
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        total += _status_bytes(current, name)
        pending += _children(current)
    return total


def tree_peak_rss(pid: int) -> int:
    return tree_memory(pid, "VmHWM")


def tree_anonymous_rss(pid: int) -> int:
    """Resident memory the process owns (heap, caches), without file pages it maps: SQLite
    maps the database file (mmap_size), and those pages count in RSS but are the kernel's
    page cache, shared and reclaimable."""
    return tree_memory(pid, "RssAnon")
