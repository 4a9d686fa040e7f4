"""The TIMEX3 ``value`` grammar (ISO-TimeML, TimeML 1.2.1 section 2.2), as a validator.

Placeholders ``X`` stand for unspecified digits (``XXXX-02-24``: a February 24 of unknown
year), which is why plain ``date.fromisoformat`` is not enough.
"""

import re
from calendar import monthrange
from datetime import date
from functools import lru_cache

# a year, a decade (``199``) or a century (``19``), any of their digits unknown (``XXX``: a
# decade of unknown date, "the next decade" without a publication date)
_Y = r"(?P<year>\d{4}|\d{3}X|\d{2}XX|XXXX|\d{2}|\d{3}|XX|XXX)"
_DATE = (
    _Y
    + r"(?:-(?:(?P<month>\d{2}|XX)(?:-(?P<day>\d{2}|XX))?"
    + r"|W(?P<week>\d{2}|XX)(?:-(?:WE|[1-7X]))?"
    + r"|Q[1-4X]|H[12X]|SP|SU|FA|WI))?"
)
_TIME = (
    r"T(?P<hour>\d{2}|XX)(?::(?P<minute>\d{2}|XX)(?::(?P<second>\d{2}|XX)(?:\.\d+)?)?)?"
    r"(?:Z|[+-]\d{2}:?\d{2})?"
)
_PART_OF_DAY = r"T(?:MO|MI|AF|EV|NI|DT)"
_NUM = r"(?:\d+(?:\.\d+)?|X)"
_DURATION = (
    rf"P(?:{_NUM}(?:Y|M|W|D|DE|CE|ML|Q|H|L)+)?(?:{_NUM}[YMWD])*"
    rf"(?:T(?:{_NUM}[HMS])+)?|P{_NUM}(?:DE|CE|ML|Q|L|WE)"
)
_TOKEN = r"PRESENT_REF|PAST_REF|FUTURE_REF"

# ASCII: ``\d`` alone would also take other scripts' digits ("٢٠٢٢"), which no reader of
# TIMEX3 values expects
_DATE_RE = re.compile(rf"{_DATE}(?:{_TIME}|{_PART_OF_DAY})?", re.ASCII)
_DURATION_RE = re.compile(rf"(?:{_DURATION})", re.ASCII)
_TOKEN_RE = re.compile(rf"(?:{_TOKEN})")
_TIME_ONLY_RE = re.compile(rf"(?:{_TIME}|{_PART_OF_DAY})", re.ASCII)


def value_kind(value: str) -> str | None:
    """``"point"``, ``"duration"``, ``"ref"``, or None when ``value`` is not TIMEX3 grammar."""
    # a corpus repeats its values ("PRESENT_REF", "2022", "P1Y"): the short ones are
    # remembered, and a long one, which no real value is, does not fill the memory
    return _short_value_kind(value) if len(value) <= _REMEMBERED else _value_kind(value)


_REMEMBERED = 40  # characters: longer than any TIMEX3 value written in practice


@lru_cache(maxsize=1 << 14)
def _short_value_kind(value: str) -> str | None:
    return _value_kind(value)


def _value_kind(value: str) -> str | None:
    if _is_day(value):  # most values: a day, checked in C ten times faster than below
        return "point"
    # fullmatch: "$" would accept a trailing newline
    if _TOKEN_RE.fullmatch(value):
        return "ref"
    if _DURATION_RE.fullmatch(value) and value != "P":
        return "duration"
    m = _DATE_RE.fullmatch(value)
    if m and _calendar_ok(m):
        return "point"
    m = _TIME_ONLY_RE.fullmatch(value)
    if m and _calendar_ok(m):
        return "point"
    return None


def _is_day(value: str) -> bool:
    """Whether ``value`` is a calendar day written YYYY-MM-DD (years 1-9999)."""
    if len(value) != 10 or value[4] != "-" or value[7] != "-":
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _calendar_ok(m: re.Match[str]) -> bool:
    groups = m.groupdict()
    for unit, top in (("hour", 24), ("minute", 59), ("second", 60)):
        if groups.get(unit) and "X" not in groups[unit] and int(groups[unit]) > top:
            return False
    month, day, week = groups.get("month"), groups.get("day"), groups.get("week")
    if month and "X" not in month and not 1 <= int(month) <= 12:
        return False
    if week and "X" not in week and not 1 <= int(week) <= 53:
        return False
    if day and "X" not in day:
        year = groups["year"]
        leap_year = int(year) if year.isdigit() and len(year) == 4 else 2000
        days = monthrange(leap_year, int(month))[1] if month and "X" not in month else 31
        return 1 <= int(day) <= days
    return True


# Which value kinds each TIMEX3 type admits. SET takes a period ("P1W") or a
# partially specified point ("XXXX-WXX-1", every Monday).
TYPE_KINDS: dict[str, frozenset[str]] = {
    "DATE": frozenset({"point", "ref"}),
    "TIME": frozenset({"point", "ref"}),
    "DURATION": frozenset({"duration"}),
    "SET": frozenset({"point", "duration"}),
}
