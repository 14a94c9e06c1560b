"""The real `tracker` command, run as a process: no terminal control from the data ever
reaches its output, piped or on a terminal (issue #14 point 10).

Validation refuses control characters in stored text, so hostile text reaches the CLI
three ways, each tested here: an import's rejected rows quoted in its messages, the
name of the imported file (kept in sources and the import log), and text stored before
that validation existed or by another tool (written here straight into the database).
Each is shown escaped ("\\x1b[31m"), so it stays recognisable and is never acted on.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import select
import sqlite3
import subprocess
import sys
import tty
from collections.abc import Iterator
from pathlib import Path

import pytest

from tracker.exports import EXPORT_COLUMNS

TRACKER = str(Path(sys.executable).with_name("tracker"))

COLOUR = "\x1b[31m"
TITLE = "\x1b]0;owned\x07"
C1 = "\x9b31m\x85"  # an 8-bit CSI and NEL
OTHERS = "\x08\x7f\u202e"  # backspace, DEL, a right-to-left override
HOSTILE = {
    "buyer": f"{TITLE}Hostilia{COLOUR}",
    "platform": f"Hawk{C1}{OTHERS}",
    "programme": f"prog{COLOUR}",
    "notes": f"line one{TITLE}\r\nline two\rover",
    "source": f"Gazette{TITLE}",
    "event": f"signed{COLOUR}",
    "quote": f"quoted{C1}",
}
FILE_NAME = f"{TITLE}deals{COLOUR}.csv"

# What a terminal acts on: C0 controls but tab and newline, DEL, C1 controls (as UTF-8),
# bidi overrides; a CR only when it does not end a line.
RAW = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\r(?!\n)")

BASE = {
    "buyer": "Turkey", "seller": "United States", "platform": "F-16 Block 70 Viper",
    "status": "ordered", "quantity": "8", "order_date": "2026-01", "category": "aircraft",
}  # fmt: skip


def csv_file(*rows: dict[str, str]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(EXPORT_COLUMNS)
    for row in rows:
        cells = {**BASE, **row}
        writer.writerow([cells.get(column, "") for column in EXPORT_COLUMNS])
    return out.getvalue().encode("utf-8")


# On a terminal, click's progress bar redraws its line: CR, cursor hidden and shown.
PROGRESS_BAR = re.compile(rb"\r(?!\n)|\x1b\[\?25[lh]")


def leaks(output: bytes) -> list[bytes]:
    return RAW.findall(output)


def run_piped(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([TRACKER, *args], env=env, capture_output=True, timeout=120)


def run_on_terminal(env: dict[str, str], *args: str) -> tuple[int, bytes]:
    """Run with standard output and error on a pseudo-terminal, as someone typing would;
    the output without the progress bar's own redrawing."""
    main, child = os.openpty()
    tty.setraw(child)  # bytes pass as written (no "\n" -> "\r\n" by the terminal driver)
    process = subprocess.Popen(
        [TRACKER, *args], env=env, stdin=subprocess.DEVNULL, stdout=child, stderr=child
    )
    os.close(child)
    chunks = []
    while True:
        ready, _, _ = select.select([main], [], [], 120)
        if not ready:
            process.kill()
            break
        try:
            chunk = os.read(main, 65536)
        except OSError:  # EIO: the child's side closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(main)
    return process.wait(timeout=60), PROGRESS_BAR.sub(b"", b"".join(chunks))


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[dict[str, str], int]]:
    """A seeded SQLite database holding one deal whose every text shown is hostile,
    imported from a file with a hostile name. Module-wide: the commands only read it."""
    folder = tmp_path_factory.mktemp("terminal")
    env = {
        **os.environ, "TRACKER_DATABASE_URL": f"sqlite:///{folder}/tracker.db",
        "XDG_DATA_HOME": str(folder / "data"), "COLUMNS": "200",
    }  # fmt: skip
    env.pop("TRACKER_BEHIND_PROXY", None)
    source = folder / FILE_NAME
    source.write_bytes(csv_file({"ref": "hostile-1", "quantity_unit": "units"}))
    imported = run_piped(env, "import", str(source))
    assert imported.returncode == 0, imported.stderr
    assert not leaks(imported.stdout + imported.stderr)
    with sqlite3.connect(folder / "tracker.db") as db:
        (deal_id, platform_id, buyer_id) = db.execute(
            "SELECT id, platform_id, buyer_id FROM deal WHERE ref = 'hostile-1'"
        ).fetchone()
        assert (
            "\x1b"
            not in db.execute("SELECT group_concat(filename) FROM import_batch").fetchone()[0]
        )
        # Text stored before validation refused control characters, or by another tool.
        db.execute("UPDATE party SET name = ? WHERE id = ?", (HOSTILE["buyer"], buyer_id))
        db.execute(
            "UPDATE platform SET designation = ? WHERE id = ?", (HOSTILE["platform"], platform_id)
        )
        db.execute("UPDATE deal SET programme = ?, notes = ? WHERE id = ?",
                   (HOSTILE["programme"], HOSTILE["notes"], deal_id))  # fmt: skip
        source_id = db.execute(
            "SELECT source_id FROM citation WHERE deal_id = ? LIMIT 1", (deal_id,)
        ).fetchone()[0]
        db.execute("UPDATE source SET publisher = ? WHERE id = ?", (HOSTILE["source"], source_id))
        db.execute("UPDATE citation SET quote = ? WHERE deal_id = ?", (HOSTILE["quote"], deal_id))
        db.execute(
            "INSERT INTO event (deal_id, kind, description, created_at) "
            "VALUES (?, 'order', ?, CURRENT_TIMESTAMP)",
            (deal_id, HOSTILE["event"]),
        )
    yield env, deal_id


COMMANDS = {
    "deals list": ["deals", "list", "--buyer", "TUR"],
    "deals list csv": ["deals", "list", "--format", "csv"],
    "deals list json": ["deals", "list", "--format", "json"],
    "deals show": ["deals", "show", "{deal}"],
    "totals": ["totals", "--by", "platform"],
    "totals by buyer": ["totals", "--by", "buyer"],
    "totals csv": ["totals", "--by", "platform", "--format", "csv"],
    "totals json": ["totals", "--by", "platform", "--format", "json"],
    "export csv": ["export", "--format", "csv"],
    "export json": ["export", "--format", "json"],
    "audit": ["audit", "--limit", "5"],
}


def _args(name: str, deal_id: int) -> list[str]:
    return [arg.replace("{deal}", str(deal_id)) for arg in COMMANDS[name]]


@pytest.mark.parametrize("name", list(COMMANDS))
def test_stored_hostile_text_reaches_no_pipe(hostile_db, name: str) -> None:  # type: ignore[no-untyped-def]
    env, deal_id = hostile_db
    result = run_piped(env, *_args(name, deal_id))
    assert result.returncode == 0, result.stderr.decode()
    assert leaks(result.stdout) == [] and leaks(result.stderr) == []
    assert b"Traceback" not in result.stderr


@pytest.mark.parametrize("name", ["deals list", "deals show", "totals", "export json"])
def test_stored_hostile_text_reaches_no_terminal(hostile_db, name: str) -> None:  # type: ignore[no-untyped-def]
    env, deal_id = hostile_db
    code, output = run_on_terminal(env, *_args(name, deal_id))
    assert code == 0, output.decode(errors="replace")
    assert leaks(output) == []


def test_deal_shown_with_its_controls_escaped_visibly(hostile_db) -> None:  # type: ignore[no-untyped-def]
    env, deal_id = hostile_db
    shown = run_piped(env, "deals", "show", str(deal_id)).stdout.decode()
    assert "\\x1b]0;owned\\x07Hostilia\\x1b[31m" in shown  # the buyer
    assert "Hawk\\x9b31m\\x85\\x08\\x7f\\u202e" in shown  # the platform
    assert "prog\\x1b[31m" in shown and "signed\\x1b[31m" in shown
    assert "line one\\x1b]0;owned\\x07" in shown and "line two\\x0dover" in shown  # lone CR
    assert "Gazette\\x1b]0;owned\\x07" in shown and "quoted\\x9b31m\\x85" in shown
    assert "\\x1b]0;owned\\x07deals\\x1b[31m.csv, row 2" in shown  # the file's name


def test_exports_to_standard_output_still_parse(hostile_db) -> None:  # type: ignore[no-untyped-def]
    """CSV keeps its CR-LF line ends; JSON escapes in JSON's own way, so it still parses
    to the stored text, controls included."""
    env, _ = hostile_db
    as_csv = run_piped(env, "export", "--format", "csv").stdout
    assert as_csv.count(b"\r\n") >= 8 and b"\\x0d" not in as_csv.replace(b"two\\x0dover", b"")
    rows = list(csv.DictReader(io.StringIO(as_csv.decode())))
    assert {row["buyer"] for row in rows} >= {"\\x1b]0;owned\\x07Hostilia\\x1b[31m"}
    assert all(row["seller_kind"] in ("state", "") for row in rows)  # no "\x0d" tail
    deals = json.loads(run_piped(env, "export", "--format", "json").stdout)
    assert HOSTILE["platform"] in {deal["platform"] for deal in deals}
    assert HOSTILE["notes"] in {deal["notes"] for deal in deals}
    listed = json.loads(run_piped(env, "deals", "list", "--format", "json").stdout)
    assert HOSTILE["buyer"] in {deal["buyer"] for deal in listed}
    totals = json.loads(run_piped(env, "totals", "--by", "platform", "--format", "json").stdout)
    assert HOSTILE["platform"] in {row["platform"] for row in totals["rows"]}


@pytest.mark.parametrize("skip_invalid", [False, True])
def test_rejected_rows_are_quoted_escaped(hostile_db, tmp_path: Path, skip_invalid: bool) -> None:  # type: ignore[no-untyped-def]
    env, _ = hostile_db
    bad = tmp_path / f"bad{TITLE}.csv"
    bad.write_bytes(
        csv_file(
            {"ref": "ok-1", "quantity": "3"},
            {"notes": f"{COLOUR}red"},
            {"platform": f"{TITLE}F-16", "programme": f"a{C1}b"},
        )
    )
    args = ["import", *(["--skip-invalid"] if skip_invalid else []), str(bad)]
    result = run_piped(env, *args)
    assert result.returncode == (0 if skip_invalid else 1), result.stderr.decode()
    output = result.stdout + result.stderr
    assert leaks(output) == [] and b"Traceback" not in output
    text = output.decode()
    assert "'\\x1b[31mred'" in text and "'\\x1b]0;owned\\x07F-16'" in text
    assert "'a\\x9b31m\\x85b'" in text and "bad\\x1b]0;owned\\x07" in text
    code, on_terminal = run_on_terminal(env, "import", "--dry-run", str(bad))
    assert code == 0 and leaks(on_terminal) == []
    assert b"\\x1b[31mred" in on_terminal
