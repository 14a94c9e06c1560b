"""One set of limits before the database (issue #14, point 5): the limits agree with the
columns, and SQLite and PostgreSQL accept exactly the same values, refusing the rest with
the field named (never SQLite storing what PostgreSQL would refuse)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import Engine, String

from tracker.domain.limits import (
    DESCRIPTION_LENGTH,
    LATEST_YEAR,
    NAME_LENGTH,
    REF_LENGTH,
    SOURCE_KIND_LENGTH,
    TITLE_LENGTH,
    UNIT_LENGTH,
    URL_LENGTH,
)
from tracker.errors import InvalidInput
from tracker.store.db import Base, make_session_factory, transaction
from tracker.store.models import Deal
from tracker.write.deals import add_deal

from factories import EDITOR, deal_data, row_counts

COLUMNS = [
    ("deal", "ref", REF_LENGTH), ("deal", "programme", NAME_LENGTH),
    ("deal", "quantity_unit", UNIT_LENGTH), ("deal", "description", DESCRIPTION_LENGTH),
    ("deal", "value_source", UNIT_LENGTH), ("party", "name", NAME_LENGTH),
    ("party_alias", "alias", NAME_LENGTH), ("platform", "designation", NAME_LENGTH),
    ("platform", "description", DESCRIPTION_LENGTH), ("platform_alias", "alias", NAME_LENGTH),
    ("source", "ref", REF_LENGTH), ("source", "kind", SOURCE_KIND_LENGTH),
    ("source", "title", TITLE_LENGTH), ("source", "publisher", NAME_LENGTH),
    ("source", "author", NAME_LENGTH), ("source", "url", URL_LENGTH),
    ("citation", "field", UNIT_LENGTH), ("event", "ref", REF_LENGTH),
]  # fmt: skip


@pytest.mark.parametrize(("table", "column", "limit"), COLUMNS)
def test_each_limit_is_its_columns_length(table: str, column: str, limit: int) -> None:
    kind = Base.metadata.tables[table].c[column].type
    assert isinstance(kind, String) and kind.length == limit


def _create(engine: Engine, **overrides: Any) -> int:
    with transaction(engine) as session:
        return add_deal(actor=EDITOR, session=session, deal_in=deal_data(**overrides)).id


# The largest values each column holds: stored as given on both backends.
AT_THE_LIMIT = [
    {"programme": "P" * NAME_LENGTH}, {"quantity_unit": "u" * UNIT_LENGTH},
    {"ref": "r" * REF_LENGTH}, {"description": "d" * DESCRIPTION_LENGTH},
    {"tiv_total_order": Decimal("99999999999.999")}, {"tiv_per_unit": Decimal("0.001")},
    {"order_date": str(LATEST_YEAR), "status": "approved"},
    {"programme": "Ünïcödé — ✓ 𝔘 漢字"},
]  # fmt: skip


@pytest.mark.parametrize("values", AT_THE_LIMIT, ids=lambda v: next(iter(v)))
def test_the_same_values_are_stored_exactly_on_both_backends(
    seeded_engine: Engine, values: dict[str, Any]
) -> None:
    deal_id = _create(seeded_engine, **values)
    with make_session_factory(seeded_engine)() as session:
        deal = session.get_one(Deal, deal_id)
        for name, value in values.items():
            if name not in ("order_date", "status"):
                assert getattr(deal, name) == value
        assert deal.order_date is not None


# What PostgreSQL would refuse (or round) and SQLite would store: refused on both, before
# the database, naming the field and saying why.
BEYOND = [
    ({"programme": "Rafale\x00"}, "programme", "NUL character"),
    ({"programme": "P" * (NAME_LENGTH + 1)}, "programme", "at most 200"),
    ({"quantity_unit": "u" * (UNIT_LENGTH + 1)}, "quantity_unit", "at most 50"),
    ({"ref": "r" * (REF_LENGTH + 1)}, "ref", "at most 100"),
    ({"description": "d" * (DESCRIPTION_LENGTH + 1)}, "description", "at most 300"),
    ({"notes": "bell\x07"}, "notes", "U+0007"),
    ({"programme": "half \ud800 pair"}, "programme", "valid string"),
    ({"tiv_total_order": "9" * 401}, "tiv_total_order", "must be less than"),
    ({"tiv_delivered": "1e400"}, "tiv_delivered", "must be less than"),
    ({"tiv_per_unit": "0.0000000001"}, "tiv_per_unit", "more than 3 decimal places"),
    ({"tiv_new_unit": "Infinity"}, "tiv_new_unit", "finite"),
    ({"order_date": "2099", "status": "approved"}, "order_date", f"and {LATEST_YEAR}"),
    ({"last_delivery_date": "2100"}, "last_delivery_date", f"and {LATEST_YEAR}"),
    ({"quantity_ordered": 2**40}, "quantity_ordered", "at most"),
]


@pytest.mark.parametrize(("values", "field", "reason"), BEYOND, ids=lambda v: str(v)[:30])
def test_what_postgresql_refuses_is_refused_on_both_with_the_field(
    seeded_engine: Engine, values: dict[str, Any], field: str, reason: str
) -> None:
    before = row_counts(seeded_engine)
    with pytest.raises(InvalidInput) as caught:
        _create(seeded_engine, **values)
    errors = {error.field: error.message for error in caught.value.errors}
    assert field in errors, errors
    assert reason in errors[field]
    assert row_counts(seeded_engine) == before
