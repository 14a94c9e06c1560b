"""Import benchmark: a generated SIPRI trade register of full size, imported end to end.

    python -m benchmarks.sipri_import --deals 29500

Writes a layout-A register (Latin-1, SIPRI's preamble, one row per deal) or a layout-B
one (`--layout transfers`, one row per deal per delivery year) of realistic rows, then
times `tracker import` of it into a freshly seeded SQLite database (and PostgreSQL with
`--postgres-url`), then imports it again. Targets (issue 12): 29,500 deals-layout rows or
25,000 transfers-layout rows in ≤ 10 s each; the unchanged release again in ≤ 5 s.
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import statistics
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy.orm import Session

from benchmarks.machine import speed_probe_ms
from tracker.auth import cli_actor
from tracker.config import Settings
from tracker.imports.pipeline import import_data
from tracker.store.db import make_engine
from tracker.store.setup import prepare_database

TARGET_SECONDS = 10.0
REIMPORT_TARGET_SECONDS = 5.0
PREAMBLE = [
    "Transfers of major conventional arms from All countries  to All countries . Deals with "
    "deliveries made for the year range 'Not specified' to 'Not specified' ",
    "A '?' in a column indicates uncertain data.",
    "An empty field for 'Number ordered' indicates that data is not yet available.",
    "SIPRI trend-indicator values (TIVs) are in millions.",
    "",
    "Source: SIPRI Arms Transfers Database (c) SIPRI.",
    "Data generated: 13 Mar 2025 10:02:49 AM",
]
HEADER_A = (
    "Recipient,Supplier,Year of order, ,Number ordered, ,Weapon designation,Weapon description,"
    "Number delivered, ,Year(s) of delivery,status,Comments,SIPRI TIV per unit,"
    "SIPRI TIV for total order,SIPRI TIV of delivered weapons"
)
HEADER_B = (
    "SIPRI AT Database ID,Supplier,Recipient,Designation,Description,Armament category,"
    "Order date,Order date is estimate,Numbers delivered,Numbers delivered is estimate,"
    "Delivery year,Delivery year is estimate,Status,SIPRI estimate,TIV deal unit,"
    "TIV delivery values,Local production"
)
SUPPLIERS = [
    ("United States", 30), ("Russia", 12), ("Soviet Union", 14), ("France", 9),
    ("United Kingdom", 8), ("Germany", 6), ("China", 5), ("Italy", 3), ("Israel", 2),
    ("Spain", 2), ("Sweden", 2), ("Netherlands", 1), ("South Korea", 1), ("Ukraine", 1),
    ("Turkiye", 1), ("Czechoslovakia", 1), ("Brazil", 1), ("Canada", 1),
]  # fmt: skip
RECIPIENTS = [
    "India", "Saudi Arabia", "Egypt", "Australia", "China", "Qatar", "Pakistan", "Turkiye",
    "South Korea", "Japan", "Algeria", "United Arab Emirates", "Indonesia", "Iraq", "Greece",
    "Viet Nam", "Brazil", "Israel", "Taiwan", "Singapore", "Morocco", "Poland", "Norway",
    "Colombia", "Chile", "Peru", "Nigeria", "Angola", "Cote d'Ivoire", "Bosnia-Herzegovina",
    "DR Congo", "Syria", "Iran", "Libya", "Kosovo", "North Macedonia", "Ecuador", "Bolivia",
    "Venezuela", "Thailand", "Malaysia", "Philippines", "Bangladesh", "Myanmar", "Kenya",
    "Hezbollah (Lebanon)*", "NATO**", "unknown recipient(s)",
]  # fmt: skip
KINDS = [
    ("aircraft", "fighter aircraft", "Aircraft"), ("aircraft", "transport aircraft", "Aircraft"),
    ("helicopter", "transport helicopter", "Aircraft"), ("tank", "tank", "Armoured vehicles"),
    ("apc", "APC", "Armoured vehicles"), ("gun", "self-propelled gun", "Artillery"),
    ("sam", "SAM system", "Air-defence systems"), ("missile", "anti-tank missile", "Missiles"),
    ("engine", "turbofan", "Engines"), ("ship", "frigate", "Ships"),
    ("radar", "air search radar", "Sensors"), ("torpedo", "ASW torpedo", "Naval weapons"),
]  # fmt: skip


def _row_a(rng: random.Random, platforms: list[tuple[str, str, str]]) -> list[str]:
    designation, description, _ = rng.choice(platforms)
    supplier = rng.choices([s for s, _ in SUPPLIERS], [w for _, w in SUPPLIERS])[0]
    recipient = rng.choice([r for r in RECIPIENTS if r != supplier])
    year = (
        rng.randint(1950, 1991)
        if supplier in ("Soviet Union", "Czechoslovakia")
        else rng.randint(1950, 2024)
    )
    ordered = rng.choice([1, 2, 4, 6, 12, 20, 24, 36, 50, 100, 250])
    delivered = ordered if year < 2018 else rng.randint(0, ordered)
    years = sorted({min(year + rng.randint(0, 3), 2025) for _ in range(rng.randint(1, 3))})
    comments = [
        "", "", "Second-hand; aid", f"${rng.randint(5, 900)} m deal",
        f"EUR{rng.randint(5, 300)} m deal; incl training", "Ex-Dutch stock",
    ]  # fmt: skip
    comment = rng.choice(comments)
    tiv = round(rng.uniform(0.01, 40), 2)
    return [
        recipient, supplier, str(year), rng.choice(["", "", "?"]),
        str(ordered) if rng.random() > 0.05 else "", rng.choice(["", "?"]),
        designation, description, str(delivered) if delivered else "", "",
        "; ".join(map(str, years)) if delivered else "",
        rng.choice(["New", "New", "New", "Second hand", "Second hand but modernized"]),
        comment, str(tiv), f"{tiv * ordered:.2f}", f"{tiv * delivered:.2f}" if delivered else "",
    ]  # fmt: skip


def write_register(path: Path, deals: int, seed: int = 1, layout: str = "deals") -> int:
    """A SIPRI-style register, deterministic for a seed: `deals` rows of the deals layout,
    or (transfers layout) `deals` rows of deliveries, a deal's years on rows of its own.
    Returns the number of deals written."""
    rng = random.Random(seed)
    platforms = [
        (f"{prefix.upper()}-{n}{rng.choice(['', 'A', 'M', ' Mk-2'])}", description, category)
        for n in range(250)
        for prefix, description, category in KINDS
    ]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n" if layout == "deals" else ";\r\n")
    for line in PREAMBLE:
        out.write(line + ("\n" if layout == "deals" else ";\r\n"))
    out.write(HEADER_A + "\n" if layout == "deals" else HEADER_B + ";\r\n")
    rows_written = 0
    number = 0
    while rows_written < deals:
        number += 1
        row = _row_a(rng, platforms)
        if layout == "deals":
            writer.writerow(row)
            rows_written += 1
            continue
        category = next(c for d, desc, c in platforms if d == row[6])
        years = row[10].split("; ") if row[10] else []
        for year in (years or [row[2]])[: deals - rows_written]:
            rows_written += 1
            share = str(max(1, int(row[8] or 0) // max(1, len(years))))
            writer.writerow([
                str(100000 + number), row[1], row[0], row[6], row[7], category, row[2],
                "Yes" if row[3] else "No", share, "No", year, "No", row[11], row[13],
                row[13], f"{float(row[13]) * int(share):.2f}", "No",
            ])  # fmt: skip
    path.write_bytes(out.getvalue().encode("latin-1"))
    return number


def time_import(url: str, data: bytes, name: str) -> tuple[float, str]:
    """Seconds to import the register into a freshly set-up database, and the report."""
    elapsed, summary, _, _ = time_import_twice(url, data, name, again=False)
    return elapsed, summary


def time_import_twice(
    url: str, data: bytes, name: str, *, again: bool = True
) -> tuple[float, str, float | None, str | None]:
    """The first import into a fresh database, then (again=True) the same release again,
    as a researcher re-running an import would: it must add and change nothing."""
    engine = make_engine(Settings(database_url=url, auto_setup=False))
    prepare_database(engine)
    timings: list[float] = []
    summaries: list[str] = []
    for _ in range(2 if again else 1):
        started = time.perf_counter()
        with Session(engine) as session, session.begin():
            report = import_data(session=session, actor=cli_actor(), data=data, filename=name)
        timings.append(time.perf_counter() - started)
        summaries.append(report.summary())
    engine.dispose()
    if again:
        return timings[0], summaries[0], timings[1], summaries[1]
    return timings[0], summaries[0], None, None


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--rows", "--deals", type=int, default=29_500, dest="rows",
                        help="data rows of the register (deals layout: one per deal)")  # fmt: skip
    parser.add_argument("--layout", choices=["deals", "transfers"], default="deals")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--postgres-url", help="also time the import into this (empty) database")
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="sipri-bench-"))
    register = folder / f"register-{args.layout}.csv"
    deals = write_register(register, args.rows, layout=args.layout)
    data = register.read_bytes()
    print(f"register: {args.rows:,} rows ({deals:,} deals), {args.layout} layout, "
          f"{len(data) / 1e6:.1f} MB")  # fmt: skip
    first: list[float] = []
    second: list[float] = []
    probes: list[float] = []
    for run in range(args.runs):
        url = f"sqlite:///{folder}/run{run}.db"
        probes.append(speed_probe_ms())  # this machine's speed moves from minute to minute
        elapsed, summary, again, again_summary = time_import_twice(url, data, register.name)
        first.append(elapsed)
        second.append(again or 0.0)
        print(f"  SQLite run {run + 1}: {elapsed:.2f} s, again {again:.2f} s "
              f"(speed probe before it: {probes[-1]:.0f} ms)\n"
              f"    first: {summary}\n    again: {again_summary}")  # fmt: skip
    median, median_again = statistics.median(first), statistics.median(second)
    met = median <= TARGET_SECONDS and median_again <= REIMPORT_TARGET_SECONDS
    print(f"SQLite import median {median:.2f} s (spread {min(first):.2f}–{max(first):.2f}), "
          f"target {TARGET_SECONDS:g} s; re-import median {median_again:.2f} s "
          f"(spread {min(second):.2f}–{max(second):.2f}), target {REIMPORT_TARGET_SECONDS:g} s: "
          f"{'ok' if met else 'MISSED'}")  # fmt: skip
    probe = statistics.median(probes)
    print(f"Speed probe (benchmarks.machine, lower is faster): median {probe:.0f} ms, "
          f"{min(probes):.0f}–{max(probes):.0f} ms over the runs")  # fmt: skip
    if args.postgres_url:
        elapsed, summary, again, _ = time_import_twice(args.postgres_url, data, register.name)
        print(f"PostgreSQL import: {elapsed:.2f} s, again {again:.2f} s — {summary}")
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
