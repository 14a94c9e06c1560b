"""Start the Streamlit server in this process, warmed up before the first visitor.

`streamlit run` imports the pages' libraries (pandas, Altair, SQLAlchemy, the tracker)
and opens the database only when the first browser connects, which made the first page
load about a second slower. Here that work happens before the server starts.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from streamlit.web import cli as streamlit_cli

from tracker.app import open_database
from tracker.config import get_settings

PROJECT_ROOT = Path(__file__).resolve().parent.parent
APP = PROJECT_ROOT / "dashboard" / "streamlit_app.py"


def warm_up() -> None:
    """Import what every page needs and migrate/seed the database."""
    import altair  # noqa: F401
    import pandas  # noqa: F401

    import dashboard.data
    import dashboard.ui
    import dashboard.urlstate  # noqa: F401

    open_database(get_settings()).dispose()


def run(*, port: int | None = None, address: str | None = None, headless: bool = False) -> int:
    """Serve the dashboard until interrupted; returns the server's exit status."""
    settings = get_settings()
    # Streamlit reads .streamlit/config.toml from the working directory; a relative
    # SQLite path must keep meaning the same file after the change.
    os.environ["TRACKER_DATABASE_URL"] = settings.absolute_database_url()
    os.chdir(PROJECT_ROOT)
    warm_up()
    argv = ["streamlit", "run", str(APP)]
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
