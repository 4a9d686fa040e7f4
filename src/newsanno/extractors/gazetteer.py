"""An entity baseline that needs no model: a gazetteer of the names seen in training documents.

Each name mention (``mention_type`` ``name``) of the training documents adds its surface
string with its label and cluster; at prediction time every occurrence of a known string at
word boundaries becomes a mention (longest first, never overlapping), with the label and
cluster seen most often for that string. It finds only names it has seen, so it measures how
much of a test set repeats its training set: on documents it was trained on it is an upper
bound, not a benchmark.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from ..model.document import Document, EntityMention
from .base import silver


class Gazetteer:
    def __init__(self, train: Iterable[Document]) -> None:
        labels: dict[str, Counter[str]] = {}
        clusters: dict[str, Counter[str]] = {}
        self.documents = 0
        for doc in train:
            self.documents += 1
            for m in doc.entities:
                if m.mention_type != "name" or len(m.text) < 2:
                    continue
                labels.setdefault(m.text, Counter())[m.label] += 1
                if m.entity:
                    clusters.setdefault(m.text, Counter())[m.entity] += 1
        self.labels = {name: c.most_common(1)[0][0] for name, c in labels.items()}
        self.clusters = {name: c.most_common(1)[0][0] for name, c in clusters.items()}
        names = sorted(self.labels, key=lambda n: (-len(n), n))
        self.pattern = (
            re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, names)) + r")(?!\w)")
            if names
            else None
        )

    def __len__(self) -> int:
        return len(self.labels)

    def find(self, text: str) -> list[tuple[int, int, str, str | None]]:
        """(start, end, label, cluster) of every known name; the regex alternation tries
        longer names first, so "Vladimir Putin" wins over "Putin"."""
        if self.pattern is None:
            return []
        return [
            (m.start(), m.end(), self.labels[m[0]], self.clusters.get(m[0]))
            for m in self.pattern.finditer(text)
        ]


class GazetteerExtractor:
    """Entity mentions from a gazetteer learnt from ``train`` documents."""

    name = "gazetteer"
    version = "1.0"
    layers = ("entities",)

    def __init__(self, train: Iterable[Document]) -> None:
        self.gazetteer = Gazetteer(train)

    def predict(self, doc: Document) -> Document:
        entities = [
            EntityMention(
                id=f"m{k + 1}",
                start=start,
                end=end,
                text=doc.text[start:end],
                label=label,  # type: ignore[arg-type]
                entity=cluster,
            )
            for k, (start, end, label, cluster) in enumerate(self.gazetteer.find(doc.text))
        ]
        return silver(doc, self, entities=entities)
