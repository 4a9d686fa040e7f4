"""Flattening imported names in O(n log n): the same result as the rule's direct definition
(every name against every other, as the importers once computed it: 54 s for a GUM document of
20,000 names), on any nesting, crossing or repetition, and fast on documents built to be slow."""

from __future__ import annotations

import copy
import time
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsanno.formats.nested_names import flatten_names
from newsanno.formats.pipeline import Incoming, span_budget


def _reference(draft: Incoming) -> None:
    """The rule of ``flatten_names``'s docstring, applied directly (quadratic)."""
    names = sorted(
        (m for m in draft.entities if m["mention_type"] == "name"),
        key=lambda m: (m["start"], -m["end"], "source_span" in m),
    )
    for outer in names:
        inner = [
            m
            for m in names
            if m is not outer and outer["start"] <= m["start"] and m["end"] <= outer["end"]
        ]
        between = [draft.text[a["end"] : b["start"]] for a, b in pairwise(inner)]
        if len(inner) >= 2 and any(" and " in f" {g} " or "," in g for g in between):
            outer["mention_type"] = "nominal"
            outer.setdefault("_rules", []).append("conjunction-to-nominal")
    keys = ("start", "end", "label", "entity", "mention_type")
    kept: list[dict[str, Any]] = []
    left_out: set[int] = set()
    for m in sorted(
        (m for m in draft.entities if m["mention_type"] == "name"),
        key=lambda m: (m["start"], -m["end"], "source_span" in m),
    ):
        outer = next((k for k in kept if k["start"] <= m["start"] and m["end"] <= k["end"]), None)
        if outer is None:
            kept.append(m)
        elif not all(outer.get(k) == m.get(k) for k in keys):
            left_out.add(id(m))
            draft.drop("name-overlap", str(m["_src"]), text=m["text"], other=outer["text"])
    draft.entities = [m for m in draft.entities if id(m) not in left_out]


Span = tuple[int, int, str, bool, str]  # start, end, label, converted (has a source_span), type


def _draft(text: str, spans: list[Span]) -> Incoming:
    draft = Incoming(format="gum", file="f.conllu", doc_id="gum-d", text=text, whole=True)
    budget = span_budget(Path(draft.file), len(text))
    draft.entities = [
        {
            "_src": f"m{i}",
            **draft.span(start, end, budget),
            "label": label,
            "entity": f"e{i % 3}",
            "mention_type": kind,
            **({"source_span": {"start": start, "end": end}} if converted else {}),
        }
        for i, (start, end, label, converted, kind) in enumerate(spans)
    ]
    return draft


def _names(text: str, spans: list[tuple[int, int]]) -> Incoming:
    return _draft(text, [(start, end, "ORG", False, "name") for start, end in spans])


def _many_names(text: str, spans: list[tuple[int, int]]) -> Incoming:
    """Names whose ``text`` is their first word: long nested names would copy the text over."""
    draft = Incoming(format="gum", file="f.conllu", doc_id="gum-d", text=text, whole=True)
    draft.entities = [
        {"_src": f"m{i}", "start": s, "end": e, "text": text[s : s + 3], "mention_type": "name"}
        for i, (s, e) in enumerate(spans)
    ]
    return draft


PIECES = ["Bob", " ", " and ", "and", ",", "Ann ", "andy", " and", "and ", "x"]


@st.composite
def drafts(draw: st.DrawFn) -> Incoming:
    text = "".join(draw(st.lists(st.sampled_from(PIECES), min_size=1, max_size=25)))
    spans: list[Span] = []
    for _ in range(draw(st.integers(0, 14))):
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, len(text)))
        label = draw(st.sampled_from(["PERSON", "ORG"]))
        kind = draw(st.sampled_from(["name", "name", "nominal"]))
        spans.append((start, end, label, draw(st.booleans()), kind))
    spans += draw(st.lists(st.sampled_from(spans), max_size=4)) if spans else []
    return _draft(text, spans)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drafts())
def test_same_names_as_the_direct_rule(draft: Incoming) -> None:
    expected = copy.deepcopy(draft)
    _reference(expected)
    flatten_names(draft)
    assert draft.entities == expected.entities
    assert draft.problems == expected.problems


def test_names_joined_by_and_or_a_comma() -> None:
    text = "Boeing and Lockheed Martin, Airbus"
    spans = [(0, 34), (0, 26), (0, 6), (11, 26), (11, 19), (28, 34)]
    draft = _names(text, spans)
    flatten_names(draft)
    types = {m["_src"]: m["mention_type"] for m in draft.entities}
    assert types == {"m0": "nominal", "m1": "nominal", "m2": "name", "m3": "name", "m5": "name"}
    assert [(p.code, p.annotation_id) for p in draft.problems] == [("name-overlap", "m4")]


def _seconds(draft: Incoming) -> float:
    started = time.process_time()
    flatten_names(draft)
    return time.process_time() - started


@pytest.mark.parametrize("layout", ["side by side", "nested", "crossing"])
def test_many_names_stay_fast(layout: str) -> None:
    """10,000 names took close to a minute when every name was compared with every other,
    whether side by side, nested or crossing each other."""
    n = 10_000
    text = " ".join(["Bob"] * (2 * n))
    spans = {
        "side by side": [(4 * i, 4 * i + 3) for i in range(n)],
        "nested": [(4 * i, len(text) - 4 * i) for i in range(n)],
        "crossing": [(4 * i, 4 * (i + n) + 3) for i in range(n)],
    }[layout]
    assert _seconds(_many_names(text, spans)) < 2
