"""``newsanno add``: normalisation, HTML extraction, duplicates, refusing moved offsets."""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

import orjson
import pytest

from conftest import SMALL_TEXT, small_doc_dict
from newsanno.cli import main
from newsanno.corpus import load_document, read_manifest, write_document
from newsanno.corpus.layout import MANIFEST, annotation_path
from newsanno.errors import NewsannoError
from newsanno.ingest import add_article, normalize
from newsanno.ingest.add import add_articles
from newsanno.model import Document

MANIFEST_JSON = {"name": "t", "version": "0.1.0", "description": "t", "license": "CC-BY-4.0"}
STORY = (
    "Ukrainian officials said on Tuesday that evidence of atrocities had been found in Bucha, "
    "a town near Kyiv, after Russian forces withdrew from the region around the capital. "
    "Investigators from several countries arrived to document what happened in the suburbs, "
    "and the mayor asked for international help to identify the victims and find witnesses. "
    "Western governments announced new sanctions while talks between the delegations stalled."
)
PAGE = """<!DOCTYPE html><html lang="en"><head><title>Talks stall | The Paper</title>
<meta property="og:title" content="Talks stall after Bucha">
<meta property="article:published_time" content="2022-04-05T10:00:00Z">
<meta property="og:site_name" content="The Paper"></head>
<body><nav>Home | World | Sport | Business | Opinion</nav>
<article><h1>Talks stall after Bucha</h1><p>{story}</p>
<p>Moscow denied any role and called the images a provocation staged for Western media.</p>
</article><footer>Copyright 2022 The Paper. All rights reserved.</footer></body></html>"""


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    root.mkdir()
    (root / MANIFEST).write_bytes(orjson.dumps(MANIFEST_JSON))
    return root


def _file(tmp_path: Path, name: str, data: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def test_normalize_changes_only_line_ends_bom_and_composition() -> None:
    assert normalize("a\r\nb\rc\n") == ("a\nb\nc\n", ["newlines"])
    assert normalize("\ufeffcafe\u0301") == ("caf\u00e9", ["bom", "nfc"])
    kept = "\u00a0\u201cquoted\u201d \u2014 \U0001f600  two  spaces\t"
    assert normalize(kept) == (kept, [])


def test_add_text_file_normalises_and_records_the_source(corpus: Path, tmp_path: Path) -> None:
    raw = b"Cafe\xcc\x81 owners protest\r\nin Kyiv.\r\n"
    src = _file(tmp_path, "cafe.txt", raw)
    result = add_article(corpus, src, meta={"title": "Cafe owners protest"})
    doc = result.document
    assert doc.id == "cafe-owners-protest"
    assert doc.text == "Caf\u00e9 owners protest\nin Kyiv.\n"
    assert result.normalized == ["newlines", "nfc"]
    assert doc.meta.source is not None
    assert doc.meta.source.sha256 == hashlib.sha256(raw).hexdigest()
    assert doc.meta.source.format == "text"
    assert (doc.meta.license, doc.meta.redistribution) == ("unknown", "annotations-only")
    assert doc.annotation.layers == [] and doc.annotation.status == "silver"
    loaded = load_document(annotation_path(corpus, doc.id))
    assert loaded.ok and loaded.document == doc


def test_a_byte_order_mark_removed_is_recorded(corpus: Path, tmp_path: Path) -> None:
    src = _file(tmp_path, "bom.txt", b"\xef\xbb\xbfKyiv talks\r\nresume.\r\n")
    result = add_article(corpus, src, meta={"title": "Kyiv talks"})
    assert result.document.text == "Kyiv talks\nresume.\n"
    assert result.normalized == ["bom", "newlines"]
    assert result.document.meta.source is not None
    assert result.document.meta.source.rule == "normalised: bom, newlines"


def test_add_html_extracts_the_article_and_flags_win(corpus: Path, tmp_path: Path) -> None:
    src = _file(tmp_path, "page.html", PAGE.format(story=STORY))
    doc = add_article(
        corpus, src, meta={"license": "proprietary", "publisher": "Paper Ltd"}
    ).document
    assert STORY in doc.text and "Moscow denied any role" in doc.text
    assert "Copyright" not in doc.text and "Business" not in doc.text
    assert doc.meta.title == "Talks stall after Bucha"
    assert (doc.meta.published, doc.meta.published_source) == ("2022-04-05", "stated")
    assert (doc.meta.publisher, doc.meta.license) == ("Paper Ltd", "proprietary")
    assert doc.id == "2022-04-05-talks-stall-after-bucha"
    assert doc.meta.source is not None and doc.meta.source.format == "html"
    assert doc.meta.source.extractor is not None
    assert doc.meta.source.extractor.startswith("trafilatura ")
    assert doc.meta.source.settings["include_comments"] is False


def test_exact_duplicate_is_refused(corpus: Path, tmp_path: Path) -> None:
    add_article(corpus, _file(tmp_path, "a.txt", STORY), meta={"title": "A"})
    with pytest.raises(NewsannoError) as e:
        add_article(corpus, _file(tmp_path, "b.txt", STORY + "\r\n"[:0]), meta={"title": "B"})
    assert [p.code for p in e.value.problems] == ["add-duplicate"]
    assert e.value.problems[0].other == "a"


def test_near_duplicate_is_pinned_to_the_same_split(corpus: Path, tmp_path: Path) -> None:
    add_article(corpus, _file(tmp_path, "a.txt", STORY), meta={"title": "A"})
    wire_copy = STORY.replace("Western governments", "European governments")
    result = add_article(corpus, _file(tmp_path, "b.txt", wire_copy), meta={"title": "B"})
    assert [p.code for p in result.problems] == ["add-near-duplicate"]
    overrides = read_manifest(corpus).splits.overrides
    assert set(overrides) == {"a", "b"} and overrides["a"] == overrides["b"]


def test_near_duplicate_can_be_refused(corpus: Path, tmp_path: Path) -> None:
    add_article(corpus, _file(tmp_path, "a.txt", STORY), meta={"title": "A"})
    wire_copy = STORY.replace("Western governments", "European governments")
    with pytest.raises(NewsannoError) as e:
        add_article(corpus, _file(tmp_path, "b.txt", wire_copy), meta={"title": "B"}, near="refuse")
    assert [p.code for p in e.value.problems] == ["add-near-duplicate"]


def test_a_different_story_is_not_a_near_duplicate(corpus: Path, tmp_path: Path) -> None:
    add_article(corpus, _file(tmp_path, "a.txt", STORY), meta={"title": "A"})
    result = add_article(corpus, _file(tmp_path, "b.txt", SMALL_TEXT), meta={"title": "B"})
    assert result.problems == []


def _annotated(corpus: Path, text: str) -> Document:
    data = small_doc_dict(text)
    doc = Document.model_validate(data)
    write_document(corpus, doc)
    return doc


def test_refuses_when_normalisation_would_move_annotations(corpus: Path, tmp_path: Path) -> None:
    # The corpus text was stored decomposed (an import kept it so); NFC would shift every
    # offset after "e\u0301" by one.
    text = SMALL_TEXT + " Cafe\u0301"
    doc = _annotated(corpus, text)
    src = _file(tmp_path, "again.txt", text)
    with pytest.raises(NewsannoError) as e:
        add_article(corpus, src, meta={"title": "again"}, doc_id=doc.id, replace=True)
    (p,) = e.value.problems
    assert (p.code, p.doc_id) == ("add-would-move-offsets", "small-doc")
    assert p.offset == len(SMALL_TEXT) + 4
    assert load_document(annotation_path(corpus, doc.id)).document == doc


def test_replace_with_the_same_text_keeps_annotations(corpus: Path, tmp_path: Path) -> None:
    doc = _annotated(corpus, SMALL_TEXT)
    src = _file(tmp_path, "again.txt", SMALL_TEXT.replace("\n", "\r\n"))
    with pytest.raises(NewsannoError) as e:
        add_article(corpus, src, meta={"title": "New title"}, doc_id=doc.id)
    assert [p.code for p in e.value.problems] == ["add-exists"]
    new = add_article(corpus, src, meta={"title": "New title"}, doc_id=doc.id, replace=True)
    assert new.document.meta.title == "New title"
    assert new.document.entities == doc.entities and new.document.quotes == doc.quotes


def test_a_text_waiting_for_annotations_is_not_replaced_by_another(
    corpus: Path, tmp_path: Path
) -> None:
    """Regression: an article without its annotation file was overwritten without a word."""
    waiting = corpus / "articles" / "story.txt"
    waiting.parent.mkdir()
    waiting.write_text(STORY + "\n", encoding="utf-8")
    other = _file(tmp_path, "other.txt", "Another story.\n")
    with pytest.raises(NewsannoError) as e:
        add_article(corpus, other, meta={"title": "Other"}, doc_id="story")
    assert [p.code for p in e.value.problems] == ["add-exists"]
    assert waiting.read_text(encoding="utf-8") == STORY + "\n"
    same = _file(tmp_path, "same.txt", STORY + "\n")  # its own text: it gets metadata
    assert add_article(corpus, same, meta={"title": "Story"}, doc_id="story").document.text
    assert annotation_path(corpus, "story").is_file()


def test_cli_reports_a_missing_file_with_its_code(corpus: Path, capsys) -> None:
    assert main(["add", "nowhere.txt", "--corpus", str(corpus), "--title", "x"]) == 1
    assert "file-not-found" in capsys.readouterr().err


def test_html_in_a_legacy_charset_is_decoded_as_declared(corpus: Path, tmp_path: Path) -> None:
    page = PAGE.replace("<head>", '<head><meta charset="windows-1252">').format(
        story=STORY.replace("the mayor", "the caf\u00e9 owner")
    )
    src = _file(tmp_path, "legacy.html", page.encode("cp1252"))
    doc = add_article(corpus, src, meta={"license": "proprietary"}).document
    assert "the caf\u00e9 owner asked" in doc.text


def test_adding_near_duplicates_does_not_recheck_every_pin(corpus: Path, tmp_path: Path) -> None:
    """Each pin re-read and re-checked the whole manifest: over thousands of copies of one story,
    every add cost as much as all the adds before it (60 adds here took 5 s)."""
    data = {**MANIFEST_JSON, "splits": {"overrides": {f"d{i}": "train" for i in range(50_000)}}}
    (corpus / MANIFEST).write_bytes(orjson.dumps(data))
    add_article(corpus, _file(tmp_path, "a.txt", STORY), meta={"title": "A"})
    copies = [_file(tmp_path, f"{i}.txt", f"Copy {i}\n{STORY}") for i in range(60)]
    started = time.process_time()
    results = list(add_articles(corpus, copies))
    assert time.process_time() - started < 2
    assert all(r.pinned and r.problems[0].code == "add-near-duplicate" for r in results)
    overrides = read_manifest(corpus).splits.overrides
    assert len(overrides) == 50_061 and len({overrides[r.document.id] for r in results}) == 1
