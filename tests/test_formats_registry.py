"""Every format of the registry through the one import pipeline: lossless round trips, the same
treatment of the same tool record in every format, and a plug-in format found by its entry
point."""

from __future__ import annotations

import tempfile
import textwrap
from collections.abc import Callable
from pathlib import Path

import orjson
import pytest
from hypothesis import HealthCheck, given, settings

from conftest import through
from newsanno.cli import main
from newsanno.corpus import load_document, write_document
from newsanno.corpus.layout import annotation_path
from newsanno.formats import importer, registry
from newsanno.formats.corpus_io import ImportOptions
from newsanno.model import Document
from newsanno.model.labels import LAYERS
from strategies import documents

# Formats that carry every layer, metadata and provenance: ours -> format -> ours is the identity.
LOSSLESS = [
    name
    for name, spec in registry.formats().items()
    if spec.read is not None and spec.write is not None and spec.carries == frozenset(LAYERS)
]


def test_every_tool_format_is_lossless_and_listed() -> None:
    assert set(LOSSLESS) >= {"label-studio", "brat", "spacy", "inception"}
    assert "conll" not in LOSSLESS and "timeml" not in LOSSLESS


@pytest.mark.parametrize("name", LOSSLESS)
def test_small_document_round_trips(name: str, small_doc: Document, tmp_path: Path) -> None:
    assert through(name, small_doc, tmp_path) == small_doc


@pytest.mark.parametrize("name", LOSSLESS)
def test_round_trip_keeps_every_field(name: str) -> None:
    @settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(documents())
    def check(doc: Document) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            assert through(name, doc, Path(tmp)) == doc

    check()


# --- one rule per tool record ---------------------------------------------------------------


def _brat(doc: Document, out: Path) -> None:
    from newsanno.formats.brat import document_to_ann

    (out / f"{doc.id}.txt").write_text(doc.text, encoding="utf-8")
    (out / f"{doc.id}.ann").write_text(document_to_ann(doc), encoding="utf-8")


def _label_studio(doc: Document, out: Path) -> None:
    from newsanno.formats.label_studio import document_to_task

    (out / "tasks.json").write_bytes(orjson.dumps([document_to_task(doc)]))


def _spacy(doc: Document, out: Path) -> None:
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import DocBin

    from newsanno.formats.spacy_docbin import document_to_doc

    docbin = DocBin(store_user_data=True, docs=[document_to_doc(doc, spacy.blank("en").vocab)])
    (out / "documents.spacy").write_bytes(docbin.to_bytes())


def _inception(doc: Document, out: Path) -> None:
    pytest.importorskip("cassis")
    from newsanno.formats.cas_xmi import TYPESYSTEM, document_to_cas, typesystem

    ts = typesystem()
    (out / TYPESYSTEM).write_text(ts.to_xml(), encoding="utf-8")
    (out / f"{doc.id}.xmi").write_text(document_to_cas(doc, ts).to_xmi(), encoding="utf-8")


# One document as each tool would save it, written without the exporter's validation so that
# it can hold what a tool lets an annotator save.
TOOL_FILES: dict[str, Callable[[Document, Path], None]] = {
    "brat": _brat,
    "label-studio": _label_studio,
    "spacy": _spacy,
    "inception": _inception,
}


@pytest.mark.parametrize("name", sorted(TOOL_FILES))
def test_a_date_without_value_is_left_out_the_same_way_in_every_format(
    name: str, small_corpus: Path, small_doc: Document, tmp_path: Path
) -> None:
    """A date region saved without its TIMEX value: the import keeps the document and every
    other annotation, leaves the date out and names it (``import-dropped``)."""
    (date,) = small_doc.dates
    unfinished = small_doc.model_copy(deep=True)
    unfinished.dates[0] = date.model_copy(update={"value": ""})
    out = tmp_path / name
    out.mkdir()
    TOOL_FILES[name](unfinished, out)
    report = importer(name)(out, small_corpus, ImportOptions(replace=True))
    assert not [p for p in report.problems if p.severity == "error"], report.problems
    assert report.dropped == {"import-dropped": 1}
    (p,) = [p for p in report.problems if p.code == "import-dropped"]
    assert p.doc_id == small_doc.id and "no TIMEX value" in p.message
    back = load_document(annotation_path(small_corpus, small_doc.id)).document
    assert back is not None and back.dates == []
    assert back.model_dump(exclude={"dates"}) == small_doc.model_dump(exclude={"dates"})


@pytest.mark.parametrize("name", sorted(TOOL_FILES))
def test_one_refused_document_refuses_the_whole_run(
    name: str, small_corpus: Path, small_doc: Document, tmp_path: Path
) -> None:
    """All or nothing per run: a second document whose text is not the corpus text refuses the
    run, and the good one is not written either."""
    before = annotation_path(small_corpus, small_doc.id).read_bytes()
    other = Document.model_validate({**small_doc.model_dump(), "id": "other"})
    write_document(small_corpus, other)
    changed = small_doc.model_copy(update={"zones": []})
    moved = other.model_copy(update={"text": other.text.replace("Moscow", "Moskva")})
    out = tmp_path / name
    out.mkdir()
    for doc in (changed, moved):
        if name == "label-studio":  # one file holds every task
            tasks = orjson.loads((out / "tasks.json").read_bytes()) if doc is moved else []
            _label_studio(doc, out)
            new = orjson.loads((out / "tasks.json").read_bytes())
            (out / "tasks.json").write_bytes(orjson.dumps(tasks + new))
        else:
            TOOL_FILES[name](doc, out)
    report = importer(name)(out, small_corpus)
    codes = [p.code for p in report.problems]
    assert "import-text-mismatch" in codes and codes[-1] == "import-incomplete"
    assert report.documents == 0
    assert annotation_path(small_corpus, small_doc.id).read_bytes() == before


# --- a plug-in format ---------------------------------------------------------------------

PLUGIN = '''
"""A format that only a plug-in package knows: one JSON file per document."""

from pathlib import Path

import orjson

from newsanno.corpus import read_documents
from newsanno.formats import FormatSpec, Report
from newsanno.formats.pipeline import Incoming, count_kept


def export(corpus: Path, out: Path) -> Report:
    report = Report()
    out.mkdir(parents=True, exist_ok=True)
    for doc in read_documents(corpus):
        body = doc.model_dump(mode="json", include={"id", "text", "entities"})
        (out / f"{doc.id}.jsondoc").write_bytes(orjson.dumps(body))
        count_kept(report, doc, ["entities"])
    return report


def read(path: Path, run) -> list[Incoming]:
    body = orjson.loads(path.read_bytes())
    entities = [{k: v for k, v in m.items() if k != "id"} for m in body["entities"]]
    return [Incoming("jsondoc", str(path), body["id"], body["text"], {"entities": entities})]


SPEC = FormatSpec(
    name="jsondoc",
    description="one JSON file per document (entities only)",
    carries=frozenset({"entities"}),
    read=read,
    glob="*.jsondoc",
    write=export,
)
'''


@pytest.fixture
def plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A package installed the way pip installs one: its module and a dist-info whose
    entry_points.txt declares the spec under ``newsanno.formats``."""
    site = tmp_path / "site"
    (site / "jsondoc_format").mkdir(parents=True)
    (site / "jsondoc_format" / "__init__.py").write_text(textwrap.dedent(PLUGIN))
    info = site / "jsondoc_format-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: jsondoc-format\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text("[newsanno.formats]\njsondoc = jsondoc_format:SPEC\n")
    monkeypatch.syspath_prepend(str(site))
    registry.formats.cache_clear()
    yield
    registry.formats.cache_clear()


def test_a_plugin_format_is_found_and_runs_through_the_cli(
    plugin: None, small_corpus: Path, small_doc: Document, tmp_path: Path, capsys
) -> None:
    assert "jsondoc" in registry.importers() and "jsondoc" in registry.exporters()
    out = tmp_path / "json"
    assert main(["export", "jsondoc", "--corpus", str(small_corpus), "--out", str(out)]) == 0
    body = orjson.loads((out / f"{small_doc.id}.jsondoc").read_bytes())
    start = small_doc.text.index("Wednesday")  # an annotator tags a name
    new = {"start": start, "end": start + 9, "text": "Wednesday", "label": "DATE"}
    body["entities"].append(new)
    (out / f"{small_doc.id}.jsondoc").write_bytes(orjson.dumps(body))
    assert main(["import", "jsondoc", str(out), "--out", str(small_corpus), "--replace"]) == 0
    back = load_document(annotation_path(small_corpus, small_doc.id)).document
    assert back is not None
    assert back.entities[:-1] == small_doc.entities  # the same mentions, ids and clusters
    # ids come from the pipeline (the file carries none): the next free one for the new name
    assert (back.entities[-1].id, back.entities[-1].text) == ("m3", "Wednesday")
    assert back.quotes == small_doc.quotes  # layers the format does not carry stay
    assert "import-replaced" in capsys.readouterr().out
