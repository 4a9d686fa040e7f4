from __future__ import annotations

import pytest

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
    "2022-04-06T10:30": "point",
    "2022-04-06T10:30:15Z": "point",
    "2022-04-06TEV": "point",
    "XXXX-WXX-1": "point",
    "2024-02-29": "point",
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
