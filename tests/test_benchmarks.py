"""benchmarks.run: a fast smoke run of the whole scale harness, so it cannot rot."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from benchmarks import run
from benchmarks.peer import DATASETTE

HAS_DATASETTE = importlib.util.find_spec("datasette") is not None and DATASETTE.exists()
VALUE = re.compile(r"^\d[\d,.]* (ms|s|MB) \(")


def _rows(report: str) -> dict[str, list[str]]:
    """Table rows by their first cell."""
    rows = {}
    for line in report.splitlines():
        if line.startswith("| ") and not line.startswith("| measure"):
            cells = [cell.strip() for cell in line.strip("|").split(" | ")]
            rows.setdefault(cells[0], cells)
    return rows


@pytest.fixture(scope="module")
def smoke(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, str, Path]:
    folder = tmp_path_factory.mktemp("bench")
    output = folder / "BENCHMARKS.md"
    argv = ["--smoke", "--sizes", "1000", "--runs", "2", "--import-deals", "300", "--no-browser",
            "--results-dir", str(folder), "--output", str(output)]  # fmt: skip
    if not HAS_DATASETTE:
        argv.append("--no-peer")
    status = run.main(argv)
    return status, output.read_text(encoding="utf-8"), folder


def test_smoke_run_succeeds_and_reuses_its_database(smoke: tuple[int, str, Path]) -> None:
    status, report, folder = smoke
    assert status == 0
    assert (folder / "deals-1000-seed1.db").exists()
    assert "python -m benchmarks.run --smoke" in report  # the command that reproduces it
    assert "## Machine" in report and "SQLite 3." in report


def test_every_measure_has_a_row_with_a_number(smoke: tuple[int, str, Path]) -> None:
    _, report, _ = smoke
    rows = _rows(report)
    for measure in run.MEASURES:
        cells = rows[measure.label]
        assert cells[0] == measure.label
        if measure.browser:
            assert cells[1] == "not run (--no-browser)"
        else:
            assert VALUE.match(cells[1]), (measure.label, cells[1])
    import_row = next(cells for label, cells in rows.items() if label.startswith(run.IMPORT.label))
    assert "300 deals" in import_row[0] and VALUE.match(import_row[1])


@pytest.mark.skipif(not HAS_DATASETTE, reason="datasette (a dev dependency) is not installed")
def test_peer_ratio_is_printed(smoke: tuple[int, str, Path]) -> None:
    _, report, _ = smoke
    assert "## Peer: Datasette on the same SQLite file" in report
    peer_rows = [line for line in report.splitlines() if line.startswith("| HTTP JSON, filter")]
    assert len(peer_rows) == 2
    for line in peer_rows:
        assert re.search(r"\| \d+\.\d\d× \| (ok|\*\*MISSED\*\*) \|$", line), line


def test_cells_show_median_spread_and_runs() -> None:
    assert run.cell([0.021, 0.023, 0.027]) == "23 ms (21–27, n=3)"
    assert run.cell([1.2, 1.31, 1.25]) == "1.25 s (1.20–1.31, n=3)"
    assert run.cell([0.3]) == "300 ms (n=1)"
    assert run.cell([310e6, 320e6], memory=True) == "320 MB (max of n=2)"
    assert run.cell(None) == "—"


def test_measures_benchmark_times_both_views_with_a_verdict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from benchmarks import measures

    argv = ["--deals", "300", "--runs", "1", "--results-dir", str(tmp_path)]
    assert measures.main([*argv, "--filters", "none,buyer"]) == 0
    out = capsys.readouterr().out
    assert "300 deals" in out and "delivery records" in out
    rows = [line for line in out.splitlines() if line.startswith(("| TIV", "| USD"))]
    assert len(rows) == 4 and all("≤ 300 ms" in row and "n=1" in row for row in rows)


def test_import_benchmark_prints_times_a_verdict_and_the_machines_speed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from benchmarks import sipri_import

    assert sipri_import.main(["--rows", "200", "--runs", "2"]) == 0  # small: within target
    out = capsys.readouterr().out
    assert out.count("(speed probe before it: ") == 2
    assert "imported 200 new deals" in out and "200 already imported" in out
    assert "re-import median" in out and ": ok" in out
    assert "Speed probe (benchmarks.machine, lower is faster): median " in out


def test_streamed_import_benchmark_prints_time_and_peak_memory_of_the_command(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from benchmarks import streamed_import

    assert streamed_import.main(["--rows", "300", "--layout", "transfers"]) == 0
    out = capsys.readouterr().out
    assert out.count("peak RSS ") == 2  # the import, then the same release again
    assert "streamed import, first: " in out and "already imported" in out
    assert "(target 500 MB: ok;" in out
