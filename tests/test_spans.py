"""The one "keep the longest non-overlapping spans" rule shared by the quote finder and the
token-tagging exports."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsanno.model.spans import longest_disjoint

_SPANS = st.lists(
    st.tuples(st.integers(0, 60), st.integers(1, 15)).map(lambda t: (t[0], t[0] + t[1])),
    max_size=25,
)


def test_outermost_wins_then_earlier_then_order_given() -> None:
    spans = [(4, 6), (0, 10), (12, 15), (13, 16), (20, 22), (21, 23)]
    assert longest_disjoint(spans, lambda s: s) == [(0, 10), (12, 15), (20, 22)]
    tagged = [("b", (5, 8)), ("a", (5, 8))]  # same span twice: the first listed is kept
    assert longest_disjoint(tagged, lambda t: t[1]) == [("b", (5, 8))]
    assert longest_disjoint([], lambda s: s) == []


@given(_SPANS)
def test_kept_spans_are_disjoint_and_every_dropped_one_meets_a_longer_or_equal_one(
    spans: list[tuple[int, int]],
) -> None:
    kept = longest_disjoint(spans, lambda s: s)
    assert kept == sorted(kept, key=lambda s: s[0])
    for a, b in zip(kept, kept[1:], strict=False):
        assert a[1] <= b[0]
    dropped = list(spans)
    for s in kept:
        dropped.remove(s)
    for d in dropped:
        assert any(k[0] < d[1] and d[0] < k[1] and k[1] - k[0] >= d[1] - d[0] for k in kept), d


@given(_SPANS)
def test_same_choice_as_checking_each_kept_span(spans: list[tuple[int, int]]) -> None:
    """Against the direct statement of the rule: longest first, each checked against all kept."""
    expected: list[tuple[int, int]] = []
    for s in sorted(spans, key=lambda s: (s[0] - s[1], s[0])):
        if all(s[1] <= k[0] or k[1] <= s[0] for k in expected):
            expected.append(s)
    assert longest_disjoint(spans, lambda s: s) == sorted(expected, key=lambda s: s[0])
