"""BIO tags for entity mentions over tokens. Nested or overlapping mentions cannot all be BIO
tags: the longest (then the earliest) is kept and every other one is reported with a coded
warning, as is a mention that covers no token; nothing is dropped silently."""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from ..errors import Problem, problem
from ..model.checks import cuts_word, word_around
from ..model.document import EntityMention
from .arrow import NER_TAGS

TAG_ID: dict[str, int] = {name: i for i, name in enumerate(NER_TAGS)}


def select_mentions(
    doc_id: str, mentions: list[EntityMention]
) -> tuple[list[EntityMention], list[Problem]]:
    """Mentions that do not overlap, preferring the longest; the rest as problems."""
    kept: list[EntityMention] = []  # sorted by start; never overlapping, so sorted by end too
    starts: list[int] = []
    problems: list[Problem] = []
    for m in sorted(mentions, key=lambda m: (m.start - m.end, m.start, m.id)):
        i = bisect_left(starts, m.end)
        if i and kept[i - 1].end > m.start:  # the only kept mention that can overlap m
            problems.append(
                problem(
                    "ner-overlapping-mention",
                    doc_id=doc_id,
                    annotation_id=m.id,
                    start=m.start,
                    end=m.end,
                    other=kept[i - 1].id,
                )
            )
        else:
            kept.insert(i, m)
            starts.insert(i, m.start)
    return kept, problems


def split_words(doc_id: str, text: str, mentions: list[EntityMention]) -> list[Problem]:
    """Mentions whose boundary falls inside a word: the tokens are cut there (a span always
    covers whole tokens), and the build says so."""
    problems = []
    for m in mentions:
        for at in (m.start, m.end):
            if cuts_word(text, at):
                left, right = word_around(text, at)
                problems.append(
                    problem(
                        "ner-split-word",
                        doc_id=doc_id,
                        annotation_id=m.id,
                        start=m.start,
                        end=m.end,
                        word=left + right,
                        at=at,
                        left=left,
                        right=right,
                    )
                )
    return problems


def bio_tags(
    doc_id: str, starts: list[int], ends: list[int], mentions: list[EntityMention]
) -> tuple[list[int], list[Problem]]:
    """One tag id per token (``starts``, ``ends``) for non-overlapping ``mentions`` (tokens are
    already cut at every mention boundary, so a mention covers whole tokens or none)."""
    tags = [0] * len(starts)
    problems: list[Problem] = []
    for m in mentions:
        i = bisect_left(starts, m.start)
        j = bisect_right(ends, m.end, i)
        if j == i:
            problems.append(
                problem(
                    "ner-unaligned-mention",
                    doc_id=doc_id,
                    annotation_id=m.id,
                    start=m.start,
                    end=m.end,
                )
            )
            continue
        tags[i] = TAG_ID[f"B-{m.label}"]
        tags[i + 1 : j] = [TAG_ID[f"I-{m.label}"]] * (j - i - 1)
    return tags, problems
