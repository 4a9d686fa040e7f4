"""Where a trained extractor (the gazetteer) gets its training documents: a corpus given as
``--train``, else the ``train`` split of the corpus being predicted (the manifest's split
policy, :mod:`newsanno.corpus.splits`)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..corpus import read_documents, read_manifest
from ..errors import Problem, fail, problem
from ..model.document import Document


def train_split(corpus: Path, split: str = "train") -> Iterator[Document]:
    from ..corpus.splits import assign_split

    policy = read_manifest(corpus).splits
    for doc in read_documents(corpus):
        if assign_split(doc.id, policy) == split:
            yield doc


def training_documents(corpus: Path, train: Path | None) -> list[Document]:
    docs = list(read_documents(train) if train is not None else train_split(corpus))
    if not docs:
        source = str(train) if train is not None else f"the train split of {corpus}"
        raise fail(
            "no-training-data", file=str(train or corpus), reason=f"no documents in {source}"
        )
    return docs


def training_problems(docs: list[Document], source: str) -> list[Problem]:
    """Why a trained extractor will find nothing: its training documents hold no entity
    mention (a new corpus whose documents nobody has annotated yet)."""
    if any(d.entities for d in docs):
        return []
    return [problem("training-without-entities", file=source, count=len(docs), source=source)]
