"""Start the Streamlit server in this process, warmed up for the first visitor.

`streamlit run` imports the pages' libraries (pandas, Altair, SQLAlchemy, the tracker)
and opens the database only when the first browser connects, which made the first page
load about a second slower. Here the database is opened (migrated, seeded) before the
server starts, so a bad configuration stops the launch with its message; the imports and
the first pages' aggregates then run in the background while the server starts and the
first browser loads Streamlit's frontend, and every script run waits for them to finish
(`wait_for_warm_up`), so nothing is computed twice or read before it is ready.
"""

from __future__ import annotations

import gc
import logging
import os
import sys
import threading
import time
import traceback
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from streamlit.web import cli as streamlit_cli

from tracker.config import get_settings
from tracker.read.filters import DealFilters
from tracker.store.setup import open_database

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# Streamlit's app plus the sign-in cookie's routes (`streamlit run` finds its `app`).
APP = PROJECT_ROOT / "dashboard" / "asgi.py"
WARM_UP_THREADS = 2
# Script runs wait for the warm-up until this long after it started (at 1,000,000 deals
# it takes seconds); after that, a stuck warm-up (a lock held elsewhere) delays no one:
# pages compute what they need themselves.
WARM_UP_WAIT_SECONDS = 120.0
_warming = threading.Event()  # set when this process started a warm-up in the background
_warmed = threading.Event()  # set when that warm-up has finished (or failed)
_wait_until = 0.0  # time.monotonic() after which no script run waits any more


def wait_for_warm_up() -> None:
    """Block until the launcher's background warm-up is done, or its deadline passed (at
    once when there is none: `streamlit run`, AppTest)."""
    if _warming.is_set():
        _warmed.wait(max(0.0, _wait_until - time.monotonic()))


def warm_up() -> None:
    """Import what every page needs, migrate/seed the database, and compute what every
    first visit shows: the sidebar's choices and the unfiltered overview with its
    headline.

    Those results go into the dashboard's query cache (st.cache_data keeps them in this
    process for its TTL), so the first visitor does not wait for aggregates over the
    whole database: at 1,000,000 deals they take seconds. The server starts that much
    later instead (BENCHMARKS.md measures both)."""
    # Before the server runs, st.cache_data warns on every decorated function and call
    # that it has no runtime yet and keeps results in memory, which is what it does with
    # one anyway. (A filter, not a level: Streamlit resets its loggers' levels.)
    # From a thread of the running server, each call would warn that the thread has no
    # script run context, which it does not need here.
    quieted = [
        (logging.getLogger("streamlit.runtime.caching.cache_data_api"), "No runtime found"),
        (logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context"),
         "Thread "),
    ]  # fmt: skip
    filters = [(logger, _DropMessage(start)) for logger, start in quieted]
    for logger, drop in filters:
        logger.addFilter(drop)
    try:
        import pandas  # noqa: F401

        import tracker.read.filters  # noqa: F401
        from dashboard import data

        open_database(get_settings()).dispose()
        # Key results on this database's version, never on one noted earlier in this
        # thread (tests run several databases in one process); each call below runs in
        # a new thread, which notes the version itself.
        data.note_version()
        everything = DealFilters()
        # Read at once (SQLite and psycopg release the GIL while a statement runs), the
        # honest headline's units and constant dollars too (~0.5 s of CPU at 100,000
        # deals, once left to the first visitor).
        calls: list[tuple[Callable[..., object], tuple[object, ...]]] = [
            (data.overview, (everything,)),
            (data.units_lines, (everything,)),
            (data.usd_report, (everything, None, None)),
            (data.party_choices, ("buyer",)),
            (data.party_choices, ("seller",)),
            (data.year_range, ()),
        ]
        with ThreadPoolExecutor(WARM_UP_THREADS, thread_name_prefix="warm-up") as pool:
            for future in [pool.submit(call, *args) for call, args in calls]:
                future.result()
    finally:
        for logger, drop in filters:
            logger.removeFilter(drop)


def _warm_up_in_background() -> None:
    try:
        warm_up()
    except Exception:  # the pages compute what they need, and show their own errors
        print("The dashboard's warm-up failed; pages will compute on first use:", file=sys.stderr)
        traceback.print_exc()
    finally:
        # What is loaded by now (libraries, the warmed results, the server's own
        # objects, a first visitor's session if one came early) mostly lives as long as
        # the server. Streamlit runs a full garbage collection after every script run
        # (runner.postScriptGC), which walks every tracked object, ~195,000 of them here:
        # 0.16 s of CPU per filter change, holding the GIL while the run's last messages
        # wait to be sent. Frozen objects are left out of every later collection.
        gc.freeze()
        _warmed.set()


class _DropMessage(logging.Filter):
    def __init__(self, start: str) -> None:
        super().__init__()
        self.start = start

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(self.start)


def run(*, port: int | None = None, address: str | None = None, headless: bool = False) -> int:
    """Serve the dashboard until interrupted; returns the server's exit status."""
    settings = get_settings()
    # Streamlit reads .streamlit/config.toml from the working directory; a relative
    # SQLite path must keep meaning the same file after the change.
    os.environ["TRACKER_DATABASE_URL"] = settings.absolute_database_url()
    os.chdir(PROJECT_ROOT)
    # A database that cannot be opened stops the launch here, with its message.
    open_database(settings).dispose()
    global _wait_until
    _wait_until = time.monotonic() + WARM_UP_WAIT_SECONDS
    _warming.set()
    threading.Thread(target=_warm_up_in_background, name="warm-up", daemon=True).start()
    # No file watcher: a served dashboard's code does not change under it, and the
    # watcher re-resolved the path of every loaded module on each script run (0.1 s of
    # the first visit, on the thread that sends the page). `streamlit run` keeps it.
    argv = ["streamlit", "run", str(APP), "--server.fileWatcherType", "none"]
    if port is not None:
        argv += ["--server.port", str(port)]
    if address is not None:
        argv += ["--server.address", address]
    if headless:
        argv += ["--server.headless", "true"]
    sys.argv = argv
    try:
        streamlit_cli.main()
    except SystemExit as exit_:
        return int(exit_.code or 0)
    return 0
