"""newsanno merge and KB ids: an added mention keeps its KB id only where its cluster has no
other, decided from a table of each cluster's ids kept as mentions are added (going through
every mention of the document for each added one was quadratic)."""

from __future__ import annotations

import time

from conftest import small_doc_dict, span
from newsanno.ingest.merge import merge_documents
from newsanno.model import Document
from newsanno.model.checks import check_document


def _names_doc(
    names: str, regions: int | None, mentions: list[tuple[str, str, str | None]]
) -> Document:
    """A document whose text is ``names``, its entities declared over the first ``regions``
    characters (None: the whole text), with one mention (name, cluster, KB id) per name."""
    d = small_doc_dict()
    d["text"] = names
    d["annotation"]["layers"] = [
        {
            "layer": "entities",
            "regions": None if regions is None else [{"start": 0, "end": regions}],
        }
    ]
    d["entities"] = [
        {"id": f"m{i}", **span(names, name), "label": "PERSON", "entity": cluster, "kb_id": kb}
        for i, (name, cluster, kb) in enumerate(mentions, 1)
    ]
    d["zones"], d["quotes"], d["claims"], d["dates"] = [], [], [], []
    return Document.model_validate(d)


def test_added_mentions_keep_a_kb_id_only_where_their_cluster_has_no_other() -> None:
    names = "Ann Bob Cid Dan Eve Fay Gus."
    base = _names_doc(
        names, len("Ann Bob Cid"), [("Ann", "a", None), ("Bob", "a", None), ("Cid", "c", "Q1")]
    )
    incoming = _names_doc(
        names,
        None,
        [
            *[("Ann", "x", "Q2"), ("Bob", "y", "Q3"), ("Cid", "z", "Q4")],
            *[("Dan", "x", "Q2"), ("Eve", "y", "Q3"), ("Fay", "z", "Q4"), ("Gus", "w", "Q5")],
        ],
    )
    merged, _ = merge_documents(base, incoming)
    got = [(m["text"], m["entity"], m["kb_id"]) for m in merged["entities"]]
    # x and y both join a: Dan brings it its first KB id, which Eve's then conflicts with;
    # c has its own; w is new
    assert got[3:] == [
        ("Dan", "a", "Q2"),
        ("Eve", "a", None),
        ("Fay", "c", None),
        ("Gus", "w", "Q5"),
    ]
    assert list(check_document(Document.model_validate(merged))) == []


def test_the_kb_ids_of_many_added_mentions_are_checked_in_linear_time() -> None:
    n = 20_000  # checking each against every mention added before it took about 20 s
    words = [f"W{i}" for i in range(n)]
    names = " ".join(words) + "."
    base = _names_doc(names, len(words[0]), [])  # the corpus declares its first word only
    mentions = [(w, f"e{i}", f"Q{i}") for i, w in enumerate(words) if i]
    incoming = _names_doc(names, None, mentions)
    started = time.process_time()
    merged, report = merge_documents(base, incoming)
    assert time.process_time() - started < 2
    assert report.added["entities"] == n - 1
    assert [m["kb_id"] for m in merged["entities"]] == [kb for _, _, kb in mentions]
