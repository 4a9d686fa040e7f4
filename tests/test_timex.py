from __future__ import annotations

import re
from calendar import monthrange

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsanno.model.timex import value_kind

VALID = {
    "2022-04-06": "point",
    "2022-04": "point",
    "2022": "point",
    "XXXX-02-24": "point",
    "2022-W14": "point",
    "2022-W14-WE": "point",
    "2022-Q2": "point",
    "2022-SU": "point",
    "199X": "point",
    "19XX": "point",
    "199": "point",  # the 1990s
    "19": "point",  # the 20th century
    "XXX": "point",  # a decade of unknown date: "the next decade", no publication date
    "XX": "point",  # "last century", no publication date
    "2022-04-06T10:30": "point",
    "2022-04-06T10:30:15Z": "point",
    "2022-04-06TEV": "point",
    "XXXX-WXX-1": "point",
    "2024-02-29": "point",
    "0001-01-01": "point",
    "9999-12-31": "point",
    "0000-02-29": "point",
    "P3D": "duration",
    "PT2M": "duration",
    "P1W": "duration",
    "PXY": "duration",
    "P1Y6M": "duration",
    "PT1H30M": "duration",
    "P2DE": "duration",
    "P1.5Y": "duration",
    "PRESENT_REF": "ref",
    "PAST_REF": "ref",
    "FUTURE_REF": "ref",
}
INVALID = [
    "",
    "X",
    "XXXXX",
    "2022-13-01",
    "2022-02-30",
    "2023-02-29",
    "2022-4-6",
    "April 6",
    "P",
    "PT",
    "2022-04-06T25",
    "NOW",
    "P3",
    "2022-W54",
    "2022/04/06",
    "2022-04-06 10:30",
    "\u0662\u0660\u0662\u0662-04-06",  # Arabic-Indic digits
    "2022-04-0\uff16",  # a fullwidth digit
    "P\uff13D",
    "2022-04-06T1\u0660",
]


@pytest.mark.parametrize(("value", "kind"), VALID.items())
def test_valid_values(value: str, kind: str) -> None:
    assert value_kind(value) == kind


@pytest.mark.parametrize("value", INVALID)
def test_invalid_values(value: str) -> None:
    assert value_kind(value) is None


def test_a_value_with_a_trailing_newline_is_not_timex3() -> None:
    from newsanno.model.timex import value_kind

    for value in ("2022-04-06", "P3D", "PRESENT_REF", "T10:30"):
        assert value_kind(value) is not None
        assert value_kind(value + "\n") is None


@given(st.from_regex(re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII), fullmatch=True))
def test_a_day_is_a_point_exactly_when_the_calendar_has_it(value: str) -> None:
    year, month, day = (int(part) for part in value.split("-"))
    # year 0 follows the proleptic calendar's 400-year cycle (2000 is a leap year)
    days = monthrange(year or 2000, month)[1] if 1 <= month <= 12 else 0
    expected = "point" if 1 <= day <= days else None
    assert value_kind(value) == expected
