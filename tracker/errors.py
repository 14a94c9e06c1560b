"""Exceptions the library raises; the CLI and dashboard turn them into messages."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails


class TrackerError(Exception):
    """Base of every error a user should see as a message, not a traceback."""


@dataclass(frozen=True)
class FieldError:
    field: str
    value: Any
    message: str

    def __str__(self) -> str:
        shown = "" if self.value is None else f" (got {self.value!r})"
        return f"{self.field}: {self.message}{shown}"


class InvalidInput(TrackerError):
    """Input that breaks a rule; every offending field is named with its value."""

    def __init__(self, errors: list[FieldError], context: str = "") -> None:
        self.errors = errors
        self.context = context
        lines = "; ".join(str(error) for error in errors)
        super().__init__(f"{context}: {lines}" if context else lines)

    @classmethod
    def from_pydantic(cls, exc: ValidationError, context: str = "") -> InvalidInput:
        return cls([_field_error(error) for error in exc.errors()], context)

    def prefixed(self, context: str) -> InvalidInput:
        return InvalidInput(self.errors, context)


# Rules that span fields (model validators) have no location of their own, so they
# start their message with the field they blame: "value_currency: required when ...".
_BLAMED_FIELD = re.compile(r"^([a-z_][a-z0-9_.]*): (.*)$", re.S)


def _field_error(error: ErrorDetails) -> FieldError:
    message = error["msg"].removeprefix("Value error, ")
    field = ".".join(str(part) for part in error["loc"])
    value = None if error["type"] == "missing" else error.get("input")
    blamed = _BLAMED_FIELD.match(message)
    if not field and blamed:
        field, message = blamed.groups()
        value = None
    return FieldError(field=field or "input", value=value, message=message)


class NotFound(TrackerError):
    pass


class DealNotFound(NotFound):
    def __init__(self, deal_id: int) -> None:
        super().__init__(f"no deal with id {deal_id}")
        self.deal_id = deal_id


class QuoteNotInSource(TrackerError):
    pass


class SeedError(TrackerError):
    pass
