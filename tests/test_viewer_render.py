"""The HTML views without a browser: segmentation, escaping, details cards, the report, the
command. The page is read back with the standard library's HTML parser, as a browser would."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import CORPUS, SEED_ID, small_doc_dict, span
from newsanno.cli import main
from newsanno.corpus import load_document
from newsanno.model import Document
from newsanno.model.labels import ENTITY_LABELS, ZONE_KINDS
from newsanno.viewer import MAX_DEPTH, Mark, render_document, render_marks
from newsanno.viewer.palette import ENTITY_COLOURS, ZONE_COLOURS
from newsanno.viewer.report import read_evaluation
from newsanno.viewer.site import write_site
from strategies import documents

HOSTILE_TEXT = (
    'Moscow denies it.</p><script>window.pwned=1;alert("x")</script>\n\n'
    'On Wednesday Dmitry Peskov said "talks are dragging" & <img src=x onerror="window.pwned=2">'
    " \u0642\u0627\u0644 \u0628\u064a\u0633\u0643\u0648\u0641 \u05e9\u05dc\u05d5\u05dd"
    " \u202eevil\u202c \U0001f469\u200d\U0001f469\u200d\U0001f467 \U0001f1fa\U0001f1e6 e\u0301."
)


def hostile_doc() -> Document:
    """The small document over a text full of markup, right-to-left script and emoji, with
    hostile metadata and links."""
    d = small_doc_dict(HOSTILE_TEXT)
    d["meta"]["title"] = "</title><script>window.pwned=3</script> \u05e9\u05dc\u05d5\u05dd"
    d["meta"]["publisher"] = '"><svg onload="window.pwned=4">'
    d["entities"] += [
        {"id": "m3", **span(HOSTILE_TEXT, "<script>"), "label": "PRODUCT"},
        {
            "id": "m4",
            **span(HOSTILE_TEXT, "\u0628\u064a\u0633\u0643\u0648\u0641"),
            "label": "PERSON",
        },
        {
            "id": "m5",
            **span(HOSTILE_TEXT, "\U0001f469\u200d\U0001f469\u200d\U0001f467"),
            "label": "NORP",
            "links": ["javascript:window.pwned=5", "https://example.org/?a=<b>"],
        },
        {"id": "m6", **span(HOSTILE_TEXT, "\U0001f1fa\U0001f1e6"), "label": "GPE"},
    ]
    d["claims"].append(
        {"id": "c3", **span(HOSTILE_TEXT, "\u202eevil\u202c"), "claimant": "unattributed"}
    )
    return Document.model_validate(d)


class DocText(HTMLParser):
    """Reads ``<article id="doc">``: its text, and which annotation ids cover each character."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # open elements inside the article; 0: outside
        self.stack: list[str | None] = []
        self.text: list[str] = []
        self.cover: list[set[str]] = []
        self.html_ids: dict[str, str] = {}
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if self.depth == 0:
            if a.get("id") == "doc":
                self.depth = 1
            return
        self.tags.add(tag)
        self.depth += 1
        self.stack.append(a.get("data-ann"))
        if a.get("id") and a.get("data-ann"):
            self.html_ids[a["data-ann"]] = a["id"]

    def handle_endtag(self, tag: str) -> None:
        if self.depth == 0:
            return
        self.depth -= 1
        if self.depth > 0:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self.depth > 0:
            covering = {x for x in self.stack if x}
            self.text.append(data)
            self.cover += [covering] * len(data)


def read_doc(page: str) -> DocText:
    parser = DocText()
    parser.feed(page)
    parser.close()
    return parser


def expected_cover(doc: Document) -> list[set[str]]:
    """Hand-derived: each character is covered by every annotation (or quote cue) over it."""
    cover: list[set[str]] = [set() for _ in doc.text]
    extents = [(a.id, a.start, a.end) for layer in (doc.zones, doc.entities) for a in layer]
    extents += [(a.id, a.start, a.end) for layer in (doc.quotes, doc.claims) for a in layer]
    extents += [(t.id, t.start, t.end) for t in doc.dates]
    extents += [(q.id, q.cue.start, q.cue.end) for q in doc.quotes if q.cue]
    for ann_id, start, end in extents:
        for i in range(start, end):
            cover[i].add(ann_id)
    return cover


def test_small_doc_text_and_coverage(small_doc: Document) -> None:
    parsed = read_doc(render_document(small_doc))
    assert "".join(parsed.text) == small_doc.text
    assert parsed.cover == expected_cover(small_doc)
    # "Moscow" (0-6) lies in zone z1, entity m1 and claim c2, which denies c1
    assert parsed.cover[0] == {"z1", "m1", "c2"}
    assert parsed.tags == {"span"}


@settings(max_examples=60, deadline=None)
@given(documents())
def test_any_document_keeps_its_text_and_coverage(doc: Document) -> None:
    parsed = read_doc(render_document(doc))
    assert "".join(parsed.text) == doc.text
    assert parsed.cover == expected_cover(doc)


@st.composite
def texts_and_marks(
    draw: st.DrawFn,
    alphabet: str = "ab <>&\"'\n\u05e9\U0001f600",
    max_size: int = 60,
    most: int = 12,
    least: int = 0,
) -> tuple[str, list[Mark]]:
    text = draw(st.text(alphabet=alphabet, min_size=1, max_size=max_size))
    marks = []
    for i in range(draw(st.integers(least, most))):
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, len(text)))
        marks.append(Mark(start, end, f"a{i}", "ann", rank=draw(st.integers(0, 2))))
    return text, marks


@settings(max_examples=200, deadline=None)
@given(texts_and_marks())
def test_crossing_marks_nest_properly(case: tuple[str, list[Mark]]) -> None:
    text, marks = case
    parsed = read_doc(f'<article id="doc">{render_marks(text, marks).html}</article>')
    assert "".join(parsed.text) == text
    want = [{m.ann_id for m in marks if m.start <= i < m.end} for i in range(len(text))]
    assert parsed.cover == want
    assert parsed.html_ids == {m.ann_id: f"ann-{m.ann_id}" for m in marks}


@settings(max_examples=150, deadline=None)
# more marks than MAX_DEPTH over a short text: many characters are covered by more of them
# than are drawn
@given(texts_and_marks("ab <&", 12, most=MAX_DEPTH + 12, least=MAX_DEPTH - 2))
def test_deep_overlaps_draw_the_outermost_marks_and_name_the_rest(
    case: tuple[str, list[Mark]],
) -> None:
    text, marks = case
    rendered = render_marks(text, marks)
    parsed = read_doc(f'<article id="doc">{rendered.html}</article>')
    assert "".join(parsed.text) == text
    # over each character, the MAX_DEPTH marks that nest outermost: lowest rank, then earliest
    # start, then latest end, then first given
    want = []
    for i in range(len(text)):
        over = sorted(
            (k for k, m in enumerate(marks) if m.start <= i < m.end),
            key=lambda k: (marks[k].rank, marks[k].start, -marks[k].end, k),
        )
        want.append({marks[k].ann_id for k in over[:MAX_DEPTH]})
    assert parsed.cover == want
    partly = [
        m.ann_id for m in marks if any(m.ann_id not in want[i] for i in range(m.start, m.end))
    ]
    assert rendered.clipped == partly
    drawn = {m for cover in want for m in cover}
    assert parsed.html_ids == {m: f"ann-{m}" for m in drawn}


def _staircase(n: int) -> Document:
    """``n`` mentions of one cluster over "Kyiv Kyiv ...", each 5n - 1 characters long and
    starting a word after the one before: each crosses the next n - 1."""
    text = "Kyiv " * (2 * n)
    d = small_doc_dict()
    d["text"] = text
    d["zones"], d["claims"], d["quotes"], d["dates"] = [], [], [], []
    words = text[: 5 * n - 1]  # the text of every mention: the text repeats itself
    d["entities"] = [
        {"id": f"m{i}", "start": 5 * i, "end": 5 * i + len(words), "text": words}
        | {"label": "GPE", "entity": "kyiv"}
        for i in range(n)
    ]
    d["annotation"]["layers"] = [{"layer": "entities"}]
    return Document.model_validate(d)


def test_crossing_spans_grow_the_page_linearly() -> None:
    """Each mark used to be reopened at every boundary and each card to quote its whole span
    and its cluster's name: 1,000 crossing mentions of 5,000 characters made a 12 MB page,
    4,000 a 167 MB one. Now four times the mentions make about four times the page."""
    small, large = (len(render_document(_staircase(n))) for n in (250, 1000))
    assert large < 5 * small
    assert large < 1000 * 5000


def test_a_page_names_the_marks_it_could_not_draw() -> None:
    text = "Kyiv " * 20
    d = small_doc_dict()
    d["text"] = text
    d["zones"], d["claims"], d["quotes"], d["dates"] = [], [], [], []
    d["entities"] = [
        {"id": f"m{i}", "start": 0, "end": 4 + 5 * i, "text": text[: 4 + 5 * i], "label": "GPE"}
        for i in range(MAX_DEPTH + 2)
    ]
    d["annotation"]["layers"] = [{"layer": "entities"}]
    page = render_document(Document.model_validate(d))
    notice = f"More than {MAX_DEPTH} annotations overlap in places. Not drawn in full there"
    assert f"{notice} (2): m0, m1." in page  # the shortest nest innermost


def test_a_quote_left_out_with_its_cue_is_named_once() -> None:
    d = small_doc_dict()
    text = d["text"]
    quote = d["quotes"][0]  # with its cue, inside the claims below
    d["zones"], d["dates"] = [], []
    start = quote["cue"]["start"]
    d["claims"] = [
        {"id": f"c{i}", "start": start, "end": len(text) - i, "text": text[start : len(text) - i]}
        | {"claimant": "unattributed"}
        for i in range(MAX_DEPTH)
    ]
    d["annotation"]["layers"] = [{"layer": x} for x in ("entities", "quotes", "claims")]
    page = render_document(Document.model_validate(d))
    assert "Not drawn in full there (1): q1." in page


def test_long_values_and_anchor_texts_do_not_multiply() -> None:
    """A date's value and an entity's KB id went whole into every fragment of their element,
    and each date card quoted the whole text of the date it is anchored on: a 200 KB document
    made a 400 MB page."""

    def page_size(n: int) -> int:
        text = "day " * n + "x" * 5000
        d = small_doc_dict()
        d["text"] = text
        d["claims"], d["quotes"] = [], []
        d["zones"] = [
            {"id": f"z{i}", "start": 4 * i, "end": 4 * i + 3, "kind": "body"} for i in range(n)
        ]
        whole = {"start": 0, "end": len(text), "text": text}
        d["entities"] = [{"id": "m1", **whole, "label": "ORG", "kb_id": "Q" + "1" * 5000}]
        d["dates"] = [{"id": "t0", **whole, "type": "DURATION", "value": "P1D" + "1D" * 2500}]
        d["dates"] += [
            {"id": f"t{i + 1}", "start": 4 * i, "end": 4 * i + 3, "text": "day"}
            | {"type": "DURATION", "value": "P1D", "anchor": "t0"}
            for i in range(n)
        ]
        return len(render_document(Document.model_validate(d)))

    small, large = page_size(100), page_size(400)
    assert large < 5 * small
    assert large < 400 * 3000


def test_crossing_spans_become_fragments_and_zones_stay_whole() -> None:
    text = "abcdef"
    marks = [Mark(0, 4, "x", "ann"), Mark(2, 6, "y", "ann"), Mark(0, 6, "z", "ann", rank=0)]
    html = render_marks(text, marks).html
    assert html.count('data-ann="z"') == 1  # the zone-like rank-0 mark is never split
    assert html.count('data-ann="x"') == 1
    assert html.count('data-ann="y"') == 2  # y crosses x's end: split at 4
    assert re.sub(r"<[^>]+>", "", html) == text


def test_hostile_text_is_escaped_and_inert() -> None:
    doc = hostile_doc()
    page = render_document(doc)
    assert page.count("<script") == 1  # ours, at the end
    assert "<img" not in page and "<svg" not in page
    assert 'href="javascript:' not in page
    assert "&lt;script&gt;" in page and 'window.pwned=1;alert("x")&lt;/script&gt;' in page
    parsed = read_doc(page)
    assert "".join(parsed.text) == doc.text
    assert parsed.cover == expected_cover(doc)


def test_hostile_title_is_escaped_in_title_and_heading() -> None:
    page = render_document(hostile_doc())
    assert "<title>&lt;/title&gt;&lt;script&gt;window.pwned=3&lt;/script&gt;" in page
    assert "&quot;&gt;&lt;svg onload=&quot;window.pwned=4&quot;&gt;" in page


def test_only_our_script_may_run() -> None:
    page = render_document(hostile_doc())
    script = page.rsplit("<script>", 1)[1].split("</script>", 1)[0]
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert f"script-src 'sha256-{digest}'" in csp
    assert "default-src 'none'" in csp


def test_nothing_is_fetched_from_elsewhere(small_doc: Document) -> None:
    page = render_document(small_doc)
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page.replace("wikidata.org", ""))
    assert "@import" not in page and "url(" not in page


def test_cards_give_the_details(small_doc: Document) -> None:
    page = render_document(small_doc)
    cards = dict(
        re.findall(r'<section class="card[^"]*" data-detail="([^"]+)" hidden>(.*?)</section>', page)
    )
    assert sorted(cards) == ["c1", "c2", "m1", "m2", "q1", "t1", "z1"]
    assert "Dmitry Peskov" in cards["q1"] and 'data-goto="m2"' in cards["q1"]  # speaker link
    assert "“said” [" in cards["q1"]
    assert '<dt>denies</dt><dd><a href="#ann-c1" data-goto="c1">c1</a>' in cards["c2"]
    assert '<dt>denies by</dt><dd><a href="#ann-c2" data-goto="c2">c2</a>' in cards["c1"]
    assert (
        "<code>2022-04-06</code>" in cards["t1"] and "publication date (2022-04-06)" in cards["t1"]
    )
    assert "<dt>metonymy</dt><dd>yes</dd>" in cards["m1"]
    assert '<dt>speaker of</dt><dd><a href="#ann-q1" data-goto="q1">q1</a>' in cards["m2"]
    assert '<dt>claimant of</dt><dd><a href="#ann-c2" data-goto="c2">c2</a>' in cards["m1"]


def test_quote_arrow_points_at_the_speaker(small_doc: Document) -> None:
    page = render_document(small_doc)
    arrow = re.search(r'<span class="arrow" data-for="q1"[^>]*>', page).group(0)
    assert 'data-goto="m2"' in arrow and 'data-speaker="Dmitry Peskov"' in arrow


def test_claims_show_what_they_deny_or_support(small_doc: Document) -> None:
    chips = re.findall(
        r'<span class="rel rel-(\w+)" data-for="(\w+)" data-goto="(\w+)"',
        render_document(small_doc),
    )
    assert chips == [("denies", "c2", "c1")]


def test_dates_carry_their_value_for_hover(small_doc: Document) -> None:
    tag = re.search(r'<span[^>]*data-ann="t1"[^>]*>', render_document(small_doc)).group(0)
    assert 'title="DATE 2022-04-06"' in tag and 'data-value="2022-04-06"' in tag


def test_palette_covers_every_label() -> None:
    assert set(ENTITY_COLOURS) == set(ENTITY_LABELS)
    assert set(ZONE_COLOURS) == set(ZONE_KINDS)


def test_seed_renders_with_every_annotation() -> None:
    doc = load_document(CORPUS / "annotations" / f"{SEED_ID}.json").document
    assert doc is not None
    parsed = read_doc(render_document(doc))
    assert "".join(parsed.text) == doc.text
    assert parsed.cover == expected_cover(doc)
    assert "not licensed for redistribution" in render_document(doc)


# --- the report and the command ---------------------------------------------------------------

EVALUATION = {
    "documents": 1,
    "layers": ["entities"],
    "unpredicted_documents": 0,
    "unscored_documents": {},
    "bootstrap": {"resamples": 0, "seed": 0},
    "headline": [{"figure": "entities/strict", "metric": "f1"}],
    "macro_f1": {"entities/strict": 0.5},
    "figures": {
        "entities/strict": {
            "cor": 1,
            "inc": 0,
            "par": 0,
            "mis": 1,
            "spu": 0,
            "precision": 1.0,
            "recall": 0.5,
            "f1": 2 / 3,
            "accuracy": 1.0,
        },
        "entities/strict/GPE": {"cor": 1, "mis": 0, "precision": 1.0, "recall": 1.0, "f1": 1.0},
    },
    "note": "<b>made by hand</b>",
}


def show_site(corpus: Path, tmp_path: Path, results: Path) -> Path:
    """``newsanno show --all`` with evaluation results; the site's folder."""
    out = tmp_path / "site"
    args = ["--corpus", str(corpus), "--out", str(out), "--eval", str(results)]
    assert main(["show", "--all", *args]) == 0
    return out


def test_site_index_pages_and_report(small_corpus: Path, tmp_path: Path) -> None:
    results = tmp_path / "results.json"
    results.write_text(json.dumps(EVALUATION), encoding="utf-8")
    out = show_site(small_corpus, tmp_path, results)
    assert (out / "docs" / "small-doc.html").is_file()
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="docs/small-doc.html"' in index
    report = (out / "report.html").read_text(encoding="utf-8")
    rows = re.findall(r"<tr><td>(\w+)</td><td>(\w+)</td><td class=\"n\">(\d+)</td></tr>", report)
    # small_doc: 1 headline zone, GPE + PERSON, 1 direct quote, 2 claims (one denies), 1 DATE
    assert sorted(rows) == sorted(
        [
            ("zones", "headline", "1"),
            ("entities", "GPE", "1"),
            ("entities", "PERSON", "1"),
            ("quotes", "direct", "1"),
            ("claims", "claim", "2"),
            ("claims", "denies", "1"),
            ("dates", "DATE", "1"),
        ]
    )
    assert report.count("<svg") == 5 + 1  # one chart per layer, one of headline figures
    cells = '<td class="n">100.0</td><td class="n">50.0</td><td class="n">66.7</td>'
    assert f"<td>entities/strict</td>{cells}" in report
    assert "66.7%" in report  # the headline bar
    assert "entities/strict/GPE" in report
    assert "&lt;b&gt;made by hand&lt;/b&gt;" in report  # unknown keys shown, escaped


def test_site_lists_documents_it_cannot_show(small_corpus: Path, tmp_path: Path, capsys) -> None:
    (small_corpus / "articles" / "small-doc.txt").write_text("changed", encoding="utf-8")
    out = tmp_path / "site"
    site = write_site(small_corpus, out)
    assert site.pages == 0
    assert [p.code for p in site.problems][:1] == ["text-changed"]
    assert "not shown" in (out / "index.html").read_text(encoding="utf-8")
    assert "text-changed" in (out / "report.html").read_text(encoding="utf-8")
    assert main(["show", "--all", "--corpus", str(small_corpus), "--out", str(out)]) == 1


def test_show_one_document(small_corpus: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "one.html"
    assert main(["show", "small-doc", "--corpus", str(small_corpus), "--out", str(out)]) == 0
    assert 'data-ann="q1"' in out.read_text(encoding="utf-8")
    by_path = tmp_path / "two.html"
    ann = small_corpus / "annotations" / "small-doc.json"
    assert main(["show", str(ann), "--out", str(by_path)]) == 0
    assert by_path.read_text(encoding="utf-8") == out.read_text(encoding="utf-8")


def test_show_unknown_document_is_a_coded_problem(
    small_corpus: Path, tmp_path: Path, capsys
) -> None:
    assert (
        main(["show", "nope", "--corpus", str(small_corpus), "--out", str(tmp_path / "x.html")])
        == 1
    )
    assert "file-not-found" in capsys.readouterr().err
    assert not (tmp_path / "x.html").exists()


def test_show_refuses_an_id_that_leads_out_of_the_corpus(
    small_corpus: Path, tmp_path: Path, capsys
) -> None:
    """An id is not a path: ``../elsewhere/annotations/small-doc`` would read a document of
    another folder (a path to an annotation file, ending in .json, is how to name one)."""
    other = tmp_path / "elsewhere"
    shutil.copytree(small_corpus, other)
    doc = os.path.relpath(other / "annotations" / "small-doc", small_corpus / "annotations")
    out = tmp_path / "x.html"
    assert main(["show", doc, "--corpus", str(small_corpus), "--out", str(out)]) == 1
    assert "bad-document-id" in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.parametrize(
    ("content", "code"),
    [("{", "malformed-json"), ("[1, 2]", "bad-evaluation"), ('{"figures": [1]}', "bad-evaluation")],
)
def test_bad_evaluation_file(tmp_path: Path, content: str, code: str) -> None:
    from newsanno.errors import NewsannoError

    path = tmp_path / "results.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(NewsannoError) as e:
        read_evaluation(path)
    assert [p.code for p in e.value.problems] == [code]
    assert e.value.problems[0].file == str(path)


def test_report_shows_what_newsanno_evaluate_writes(
    small_corpus: Path, small_doc: Document, tmp_path: Path, capsys
) -> None:
    """End to end: predictions missing Peskov's mention, scored by ``newsanno evaluate --format
    json``, then shown by ``newsanno show --all --eval``. Strict entities: 1 correct, 1 missed,
    so P = 100.0, R = 50.0, F1 = 66.7."""
    from newsanno.evaluate import write_predictions

    pred = small_doc.model_copy(update={"entities": small_doc.entities[:1]})
    write_predictions(iter([pred]), tmp_path / "pred.jsonl")
    args = ["--gold", str(small_corpus), "--pred", str(tmp_path / "pred.jsonl")]
    assert main(["evaluate", *args, "--format", "json", "--bootstrap", "0"]) == 0
    results = tmp_path / "results.json"
    results.write_text(capsys.readouterr().out, encoding="utf-8")
    out = show_site(small_corpus, tmp_path, results)
    report = (out / "report.html").read_text(encoding="utf-8")
    cells = '<td class="n">100.0</td><td class="n">50.0</td><td class="n">66.7</td>'
    assert f"<td>entities/strict</td>{cells}" in report
    assert '<td>quotes/exact</td><td class="n">100.0</td><td class="n">100.0</td>' in report
