"""Train a blank spaCy NER on a release, and use it as an extractor.

Why spaCy and not a CRF: spaCy is already the project's ``spacy`` extra (DocBin export), its
NER needs no hand-written features, trains in a minute or two on two CPU cores at this size,
and saves to one folder a user can load elsewhere.

Training data: the sentences of the release's ``ner`` config as they are. That config tags names
only (nominals and pronouns are coreference, not NER) and holds only the sentences where
entities were annotated (MEANTIME annotates its first sentences only: the rest is not evidence
of "no entity").
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import fail
from ..extractors.base import silver
from ..model.document import Document
from ..model.labels import ENTITY_LABELS
from ..model.tokens import tokenize
from ..release.arrow import NER_TAGS
from ..release.tokens import sentences

# CoNLL-2003 labels that have an OntoNotes counterpart (MISC has none)
CONLL_LABELS = {"PER": "PERSON", "LOC": "LOC", "ORG": "ORG"}


@dataclass
class Sentence:
    doc_id: str
    tokens: list[str]
    starts: list[int]
    ends: list[int]
    tags: list[str]  # BIO over OntoNotes labels


def _spacy() -> Any:
    try:
        import spacy
    except ImportError:
        raise fail("missing-extra", package="spacy", extra="spacy") from None
    return spacy


def load_release(release: Path, cache_dir: Path | None = None) -> dict[str, list[Sentence]]:
    """Per split, the gold sentences of the release's ``ner`` config, tags as BIO names."""
    from datasets import load_dataset

    kwargs = {"cache_dir": str(cache_dir)} if cache_dir else {}
    ner = load_dataset(str(release), "ner", **kwargs)
    return {
        split: [
            Sentence(
                row["document_id"],
                row["tokens"],
                row["token_starts"],
                row["token_ends"],
                [NER_TAGS[t] for t in row["ner_tags"]],
            )
            for row in rows
            # withheld in a public release; silver sentences are not training truth
            if row["tokens"] is not None and row["status"] == "gold"
        ]
        for split, rows in ner.items()
    }


def _doc(nlp: Any, tokens: list[str], starts: list[int], ends: list[int]) -> Any:
    from spacy.tokens import Doc

    spaces = [e < s for e, s in zip(ends, starts[1:], strict=False)] + [False]
    return Doc(nlp.vocab, words=tokens, spaces=spaces)


def _examples(nlp: Any, data: list[Sentence]) -> list[Any]:
    from spacy.training import Example, iob_to_biluo

    return [
        Example.from_dict(_doc(nlp, s.tokens, s.starts, s.ends), {"entities": iob_to_biluo(s.tags)})
        for s in data
    ]


def train(
    train_data: list[Sentence],
    dev_data: list[Sentence],
    *,
    epochs: int = 15,
    seed: int = 0,
    log: Any = None,
) -> NameTagger:
    """Train for ``epochs`` and keep the epoch with the best entity F1 on ``dev_data``."""
    spacy = _spacy()
    from spacy.util import compounding, minibatch

    spacy.util.fix_random_seed(seed)
    rng = random.Random(seed)
    nlp = spacy.blank("en")
    ner = nlp.add_pipe("ner")
    for label in sorted({t[2:] for s in train_data for t in s.tags if t != "O"}):
        ner.add_label(label)
    examples = _examples(nlp, train_data)
    dev = _examples(nlp, dev_data)
    optimizer = nlp.initialize(lambda: examples)
    best: tuple[float, bytes] = (-1.0, nlp.to_bytes())
    for epoch in range(1, epochs + 1):
        rng.shuffle(examples)
        losses: dict[str, float] = {}
        for batch in minibatch(examples, size=compounding(4.0, 32.0, 1.001)):
            nlp.update(batch, drop=0.2, sgd=optimizer, losses=losses)
        score = (nlp.evaluate(dev)["ents_f"] or 0.0) if dev else 0.0
        if log is not None:
            log(f"epoch {epoch}: loss {losses.get('ner', 0.0):.1f}, dev entity F1 {score:.3f}")
        if score > best[0]:
            best = (score, nlp.to_bytes())
    nlp.from_bytes(best[1])
    return NameTagger(nlp)


class NameTagger:
    """The trained model as an extractor: text -> entity name mentions (silver)."""

    name = "spacy-ner"
    layers = ("entities",)

    def __init__(self, nlp: Any) -> None:
        self.nlp = nlp
        self.version = f"spacy {_spacy().__version__}, blank en, trained"
        # entity labels of the pipeline outside the label set, left out: label -> count
        self.unmapped: Counter[str] = Counter()

    @classmethod
    def load(cls, path: Path) -> NameTagger:
        return cls(_spacy().load(path))

    def save(self, path: Path) -> None:
        self.nlp.to_disk(path)

    def predict(self, doc: Document) -> Document:
        """Tokens and sentences as the release cuts them, so training and prediction agree."""
        text = doc.text
        mentions: list[dict[str, Any]] = []
        for s_start, s_end in sentences(text):
            toks = [(s_start + a, s_start + b) for a, b in tokenize(text[s_start:s_end])]
            if not toks:
                continue
            starts, ends = [a for a, _ in toks], [b for _, b in toks]
            sdoc = _doc(self.nlp, [text[a:b] for a, b in toks], starts, ends)
            for _, proc in self.nlp.pipeline:
                sdoc = proc(sdoc)
            for ent in sdoc.ents:
                label = CONLL_LABELS.get(ent.label_, ent.label_)
                if label not in ENTITY_LABELS:
                    self.unmapped[ent.label_] += 1
                    continue
                start, end = starts[ent.start], ends[ent.end - 1]
                mentions.append(
                    {
                        "id": f"m{len(mentions) + 1}",
                        "start": start,
                        "end": end,
                        "text": text[start:end],
                        "label": label,
                    }
                )
        return silver(doc, self, entities=mentions)
