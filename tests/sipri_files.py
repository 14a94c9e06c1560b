"""Small SIPRI registers in both layouts, written the way SIPRI writes them (see
/work/shared/reference/SIPRI-FORMATS.md), with the sums of their TIV columns."""

from __future__ import annotations

from collections.abc import Sequence

DEALS_HEADER = (
    "Recipient,Supplier,Year of order, ,Number ordered, ,Weapon designation,"
    "Weapon description,Number delivered, ,Year(s) of delivery,status,Comments,"
    "SIPRI TIV per unit,SIPRI TIV for total order,SIPRI TIV of delivered weapons"
)
TRANSFERS_HEADER = (
    "SIPRI AT Database ID,Supplier,Recipient,Designation,Description,Armament category,"
    "Order date,Order date is estimate,Numbers delivered,Numbers delivered is estimate,"
    "Delivery year,Delivery year is estimate,Status,SIPRI estimate,TIV deal unit,"
    "TIV delivery values,Local production;"
)
# Layout A: the deal's delivered TIV and its years. File sum of the last column: 3,040.
LAYOUT_A = [
    "Turkiye,Russia,2017,,4,,S-400,SAM system,4,,2019; 2020,New,,300,1200,1200",
    "India,Russia,2010,,3,,Mi-17,transport helicopter,3,,2011; 2012; 2013,New,,10,30,40",
    "India,France,2016,,36,,Rafale,FGA aircraft,36,,2020,New,,50,1800,1800",
    "Pakistan,China,2018,,10,,JF-17,FGA aircraft,,,,New,,15,150,",
]
# Layout B: one row per deal and delivery year. File sum of "TIV delivery values": 2,400.5.
LAYOUT_B = [
    "80001,Russia,Turkiye,S-400,SAM,Air-defence systems,2017,No,2,No,2019,No,New,,300,600,No",
    "80001,Russia,Turkiye,S-400,SAM,Air-defence systems,2017,No,2,No,2020,No,New,,300,600.5,No",
    "80002,United States,Turkiye,F-16,FGA aircraft,Aircraft,2015,No,10,No,2016,No,New,,20,200,No",
    "80003,Germany,Turkiye,Type-214,submarine,Ships,2009,No,1,No,2022,No,New,,400,400,No",
    "80004,Germany,Egypt,Type-209,submarine,Ships,2011,No,2,No,2016,No,New,,300,600,No",
]  # fmt: skip


def register_file(header: str, rows: Sequence[str], end: str, newline: str) -> bytes:
    preamble = [
        f"Transfers of major conventional arms from All countries  to All countries .{end}",
        f"SIPRI trend-indicator values (TIVs) are in millions.{end}",
        end,
        f"Source: SIPRI Arms Transfers Database (c) SIPRI.{end}",
        f"Data generated: 12 Feb 2026 12:26:12 PM{end}",
        header,
    ]
    return (newline.join([*preamble, *(row + end for row in rows)]) + newline).encode()


def register(layout: str) -> bytes:
    """The layout-A ("deals") or layout-B ("transfers") register above, as file bytes."""
    if layout == "A":
        return register_file(DEALS_HEADER, LAYOUT_A, "", "\n")
    return register_file(TRANSFERS_HEADER, LAYOUT_B, ";", "\r\n")
