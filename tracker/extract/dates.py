"""Dates as articles write them, made absolute against the article's own date:
"in 2017", "in February 2024", "on 7 November 2025", "last month", "on Thursday",
"last year", "early 2026". The result keeps its precision ("2024", "2024-02",
"2025-11-06")."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DATE = re.compile(
    rf"\b(?:(?P<day>\d{{1,2}})\s+{_MONTH}\s+(?P<year>(?:19|20)\d\d)"
    rf"|{_MONTH.replace('month', 'month2')}\s+(?:(?P<day2>\d{{1,2}}),?\s+)?(?P<year2>(?:19|20)\d\d)"
    rf"|(?P<year3>(?:19|20)\d\d)-(?P<m3>\d\d)-(?P<d3>\d\d)"
    rf"|(?:in|since|by|from|during|until|of|early|late|mid-?|between)\s+(?P<year4>(?:19|20)\d\d)\b"
    r"|(?P<relative>(?:last|this|next)\s+(?:year|month|week)|yesterday|today"
    r"|(?:on\s+|last\s+)?(?:" + "|".join(_WEEKDAYS) + r")))\b",
    re.IGNORECASE,
)
_DATELINE = re.compile(
    rf"\b(?P<day>\d{{1,2}})\s+{_MONTH}\s+(?P<year>(?:19|20)\d\d)\b"
    rf"|\b{_MONTH.replace('month', 'month2')}\s+(?P<day2>\d{{1,2}}),\s+(?P<year2>(?:19|20)\d\d)\b"
    r"|\b(?P<year3>(?:19|20)\d\d)-(?P<m3>\d\d)-(?P<d3>\d\d)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateMention:
    value: str  # "2024", "2024-02" or "2024-02-17"
    start: int
    end: int
    future: bool  # after the article's date, or said as expected


def published_date_in(text: str, lines: int = 5) -> dt.date | None:
    """A dateline among the first lines ("Friday, 07 November 2025 8:33 AM")."""
    for line in text.strip().splitlines()[:lines]:
        match = _DATELINE.search(line)
        if match and len(line) < 80:
            day = match.group("day") or match.group("day2") or match.group("d3")
            month = match.group("month") or match.group("month2")
            year = match.group("year") or match.group("year2") or match.group("year3")
            number = _MONTHS[month.lower()] if month else int(match.group("m3"))
            try:
                return dt.date(int(year), number, int(day))
            except ValueError:
                return None
    return None


def find_dates(text: str, published: dt.date | None, offset: int = 0) -> list[DateMention]:
    found = []
    for match in _DATE.finditer(text):
        value = _value(match, published)
        if value is None:
            continue
        future = published is not None and value > published.isoformat()[: len(value)]
        found.append(DateMention(value, match.start() + offset, match.end() + offset, future))
    return found


def _value(match: re.Match[str], published: dt.date | None) -> str | None:
    groups = match.groupdict()
    try:
        if groups["year"]:
            month = _MONTHS[groups["month"].lower()]
            return dt.date(int(groups["year"]), month, int(groups["day"])).isoformat()
        if groups["year2"]:
            month = _MONTHS[groups["month2"].lower()]
            if groups["day2"]:
                return dt.date(int(groups["year2"]), month, int(groups["day2"])).isoformat()
            return f"{groups['year2']}-{month:02d}"
        if groups["year3"]:
            return dt.date(int(groups["year3"]), int(groups["m3"]), int(groups["d3"])).isoformat()
    except ValueError:
        return None
    if groups["year4"]:
        return groups["year4"]
    if groups["relative"] and published is not None:
        return _relative(groups["relative"].lower(), published)
    return None


def _relative(phrase: str, published: dt.date) -> str:
    words = phrase.split()
    if phrase == "today":
        return published.isoformat()
    if phrase == "yesterday":
        return (published - dt.timedelta(days=1)).isoformat()
    if words[-1] in _WEEKDAYS:
        # "on Thursday": the last such day up to the article's own; a wire story dated a
        # Wednesday that says "on Wednesday" means that day (AP style names the day of
        # the week, not "today"), and "last Wednesday" the week before
        back = (published.weekday() - _WEEKDAYS.index(words[-1])) % 7
        if back == 0 and words[0] == "last":
            back = 7
        return (published - dt.timedelta(days=back)).isoformat()
    step = {"last": -1, "this": 0, "next": 1}[words[0]]
    if words[1] == "year":
        return str(published.year + step)
    if words[1] == "month":
        month = published.month + step
        year = published.year + (month - 1) // 12
        return f"{year}-{(month - 1) % 12 + 1:02d}"
    return (published + dt.timedelta(weeks=step)).isoformat()
