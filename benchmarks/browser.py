"""Start the dashboard as a real Streamlit server and drive it with headless Chromium.

Shared by the browser tests and the benchmarks. Chromium comes from Debian
(`apt-get install chromium`); Playwright never downloads a browser here.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Browser, Page, Playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

PROJECT_ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
# Without the networking flags the closed network here refuses Chromium's own requests.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",
]


class ServerFailed(RuntimeError):
    pass


@dataclass
class StreamlitServer:
    url: str
    process: subprocess.Popen[bytes]
    started_in: float  # seconds from launch to a healthy server


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as response:
            return bool(response.read().decode().strip() == "ok")
    except OSError:
        return False


@contextmanager
def streamlit_server(database_url: str, *, timeout: float = 60) -> Iterator[StreamlitServer]:
    """Run `tracker dashboard` on a free port until the block ends."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    # This checkout's code first, whichever checkout the installed `tracker` points at.
    path = os.pathsep.join(p for p in (str(PROJECT_ROOT), os.environ.get("PYTHONPATH")) if p)
    env = {**os.environ, "TRACKER_DATABASE_URL": database_url, "PYTHONPATH": path}
    # The installed console script, run from elsewhere: exactly what `make dashboard` does.
    command = [
        str(Path(sys.executable).parent / "tracker"), "dashboard",
        "--port", str(port), "--address", "127.0.0.1", "--headless",
    ]  # fmt: skip
    log = (Path(tempfile.gettempdir()) / f"tracker-streamlit-{port}.log").open("wb")
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=tempfile.gettempdir(), env=env, stdout=log, stderr=log)
    try:
        while not _healthy(url):
            if process.poll() is not None or time.perf_counter() - started > timeout:
                raise ServerFailed(f"streamlit did not become healthy; see {log.name}")
            time.sleep(0.05)
        yield StreamlitServer(url, process, time.perf_counter() - started)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def launch_chromium(playwright: Playwright) -> Browser:
    if not CHROMIUM.exists():
        raise FileNotFoundError(f"{CHROMIUM} not found: apt-get install -y chromium")
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )


_IDLE = (
    "() => { const app = document.querySelector(\"[data-testid='stApp']\");"
    " return app && app.getAttribute('data-test-script-state') === 'notRunning'; }"
)


def wait_until_idle(page: Page, timeout_ms: float = 30_000, settle_ms: float = 250) -> float:
    """Wait like Streamlit's own e2e suite: the app exists and its script is not running,
    and still not running `settle_ms` later (a run that ends in st.rerun() shows as not
    running for a moment before the next one starts; a click then can be lost).

    Returns the `time.perf_counter()` at which the lasting idle was first seen: what a
    person waited for. The settle is the harness making sure, not part of the page's time.
    """
    page.wait_for_selector("[data-testid='stApp']", timeout=timeout_ms)
    for _ in range(int(timeout_ms // max(settle_ms, 1)) or 1):
        page.wait_for_function(_IDLE, timeout=timeout_ms)
        idle_since = time.perf_counter()
        page.wait_for_timeout(settle_ms)
        if page.evaluate(_IDLE):
            return idle_since
    raise TimeoutError(f"the app did not stay idle for {settle_ms} ms")


def sign_in(page: Page, server_url: str, username: str, password: str) -> None:
    """Open the app and sign in as `username` through the sidebar form.

    On a loaded 2-core machine the form's submit is now and then lost (the script never
    runs for it: "Signed in as" never shows, no refusal either); the click is then sent
    once more, as a person would. A refusal would show its message and fail the wait."""
    page.goto(server_url)
    wait_until_idle(page)
    signed_in = page.get_by_text(f"Signed in as {username}")
    for attempt in (1, 2):
        if signed_in.count():
            break  # the first submit was only slow
        user_box = page.get_by_label("Username")
        if not user_box.is_visible():
            page.get_by_text("Sign in (researchers)").click()
        user_box.fill(username)
        page.get_by_role("textbox", name="Password").fill(password)
        page.get_by_role("button", name="Sign in", exact=True).click()
        try:
            signed_in.first.wait_for(timeout=20_000 if attempt == 1 else 40_000)
        except PlaywrightTimeout:
            if attempt == 2:
                raise
    wait_until_idle(page)
