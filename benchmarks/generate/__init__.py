"""Deterministic, realistic synthetic arms deals at any size, for benchmarks.

    python -m benchmarks.generate --deals 30000 --seed 1 --database-url sqlite:////tmp/x.db

The data is skewed like the real trade: a few big suppliers take most deals, many states
buy; every category, order years 1950-2025 (more in recent decades), a fifth of deals with
money values in several currencies, one to three events per deal, about one source per five
deals with every quote verbatim in its source's text, unknown quantities and values, and
second-hand transfers. Historic states (the Soviet Union, Yugoslavia, ...) only trade in
the years they existed.

Rows go in through tracker.store.bulk.insert_rows (Core INSERTs of plain dicts: one
executemany, or insertmanyvalues batch on PostgreSQL, per 5,000 rows), never one ORM object
per row, with primary keys assigned here so children can point at parents without
RETURNING; one transaction per chunk of 5,000 deals. Enum columns take the vocabulary
members themselves.

The same seed and size give identical data: one `random.Random(seed)` drives everything and
the timestamps are fixed.

The modules, in the order the data is made:
    tables        the compact data tables (suppliers, buyers, categories, statuses, ...)
    designations  platform names by category and style of origin
    draw          weighted picks and other random draws
    world         parties and platforms, and the per-year pickers over them
    deals         the deal maker, with money, timeline (deliveries, events) and sources
    write         generate(): the transactions and bulk inserts
    cli           the command line (python -m benchmarks.generate)
"""

from __future__ import annotations

from benchmarks.generate.cli import main
from benchmarks.generate.tables import (
    CREATED_AT,
    DEAL_REF_PREFIX,
    FIRST_YEAR,
    LAST_YEAR,
    PLATFORMS,
    SOURCE_REF_PREFIX,
    Window,
)
from benchmarks.generate.world import GenerateError
from benchmarks.generate.write import CHUNK_SIZE, GeneratedCounts, generate
from tracker.store.bulk import Row

__all__ = [
    "CHUNK_SIZE",
    "CREATED_AT",
    "DEAL_REF_PREFIX",
    "FIRST_YEAR",
    "LAST_YEAR",
    "PLATFORMS",
    "SOURCE_REF_PREFIX",
    "GenerateError",
    "GeneratedCounts",
    "Row",
    "Window",
    "generate",
    "main",
]
