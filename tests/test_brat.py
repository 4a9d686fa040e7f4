"""brat standoff: fragments at newlines, notes and relations, round trips, refused texts."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from conftest import small_doc_dict, through
from newsanno.corpus import load_document
from newsanno.corpus.layout import annotation_path
from newsanno.errors import Problem
from newsanno.formats import exporter, importer
from newsanno.formats.brat import ann_to_layers, annotation_conf, document_to_ann, fragments
from newsanno.formats.pipeline import span_budget
from newsanno.model import Document
from newsanno.model.document import Cue


def test_fragments_cut_at_newlines() -> None:
    text = "ab\n\ncd\ne"
    assert fragments(text, 0, 8) == [(0, 2), (4, 6), (7, 8)]
    assert fragments(text, 2, 4) == [(2, 4)]


def test_small_document_lines(small_doc: Document) -> None:
    ann = document_to_ann(small_doc).splitlines()
    # "Moscow" is [0, 6), labelled GPE, with its id and cluster in a note, metonymy an attribute.
    # T1 is the headline zone (with its note and kind), so the mention is T2 on line 4.
    assert ann[3] == "T2\tGPE 0 6\tMoscow"
    assert ann[4] == '#2\tAnnotatorNotes T2\t{"id":"m1","entity":"russia"}'
    assert "A3\tMetonymy T2" in ann
    # the quote's speaker is the first mention of cluster peskov (T3, "Dmitry Peskov").
    assert any(line.endswith("\tSpeaker Arg1:T4 Arg2:T3") for line in ann)


def test_conf_declares_every_type() -> None:
    conf = annotation_conf()
    assert "\nQuote\n" in conf and "\nTimex\n" in conf and "\nPERSON\n" in conf
    assert "QuoteType\tArg:Quote, Value:direct|indirect|mixed" in conf


def test_annotation_made_in_brat_gets_an_id_and_a_cluster(small_corpus: Path, tmp_path) -> None:
    doc = load_document(annotation_path(small_corpus, "small-doc")).document
    assert doc is not None
    start = doc.text.index("Peskov")
    out = tmp_path / "brat"
    exporter("brat")(small_corpus, out)
    ann = out / "small-doc.ann"
    ann.write_text(ann.read_text() + f"T99\tPERSON {start} {start + 6}\tPeskov\n")
    report = importer("brat")(out, small_corpus)
    assert report.problems == [] and report.documents == 1
    back = load_document(annotation_path(small_corpus, "small-doc")).document
    assert back is not None
    new = [m for m in back.entities if m.start == start]
    assert [(m.id, m.label, m.text) for m in new] == [("m3", "PERSON", "Peskov")]


def test_import_refuses_a_changed_text(small_corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "brat"
    exporter("brat")(small_corpus, out)
    txt = out / "small-doc.txt"
    txt.write_text(txt.read_text().replace("Moscow", "Moskva"))
    before = annotation_path(small_corpus, "small-doc").read_bytes()
    report = importer("brat")(out, small_corpus)
    assert [(p.code, p.doc_id) for p in report.problems] == [
        ("import-text-mismatch", "small-doc"),
        ("import-incomplete", ""),
    ]
    assert annotation_path(small_corpus, "small-doc").read_bytes() == before


def test_import_refuses_a_span_whose_text_does_not_match(small_corpus: Path, tmp_path) -> None:
    out = tmp_path / "brat"
    exporter("brat")(small_corpus, out)
    ann = out / "small-doc.ann"
    ann.write_text(ann.read_text().replace("T2\tGPE 0 6\tMoscow", "T2\tGPE 1 7\tMoscow"))
    report = importer("brat")(out, small_corpus)
    assert [p.code for p in report.problems] == ["import-malformed", "import-incomplete"]
    assert report.documents == 0


def test_unknown_document_is_refused(tmp_path: Path, small_corpus: Path) -> None:
    doc = Document.model_validate({**small_doc_dict(), "id": "elsewhere"})
    src = tmp_path / "elsewhere.ann"
    src.write_text(document_to_ann(doc))
    report = importer("brat")(src, small_corpus)
    assert [p.code for p in report.problems] == ["import-unknown-document", "import-incomplete"]


def test_cue_ending_in_a_newline_keeps_its_extent(small_doc: Document, tmp_path: Path) -> None:
    """Regression: a cue's exact extent was read from its fragments, losing the newline."""
    text = small_doc.text
    nl = text.index("\n")
    cue = Cue(start=nl - 3, end=nl + 1, text=text[nl - 3 : nl + 1])
    quote = small_doc.quotes[0].model_copy(update={"cue": cue})
    doc = Document.model_validate({**small_doc.model_dump(), "quotes": [quote.model_dump()]})
    assert through("brat", doc, tmp_path) == doc


@pytest.mark.parametrize("brk", ["\r\n", "\r", "\u2028", "\x85", "\x0c"])
def test_a_quote_over_any_line_break_comes_back(brk: str, tmp_path: Path) -> None:
    """Regression: .ann lines were split wherever Python sees a line end (CR, U+2028, ...),
    so a span over a CRLF line break could not be imported back."""
    d = small_doc_dict()
    text = f"Putin said:{brk}we will win.{brk}"
    end = text.index("win.") + 4
    d["text"] = text
    d["zones"], d["entities"], d["claims"], d["dates"] = [], [], [], []
    quote = {"id": "q1", "start": 0, "end": end, "text": text[:end], "type": "direct"}
    quote |= {"cue": {"start": 6, "end": 10, "text": "said"}, "speaker": None}
    d["quotes"] = [quote | {"speaker_explicit": False, "speaker_reason": "unknown"}]
    doc = Document.model_validate(d)
    assert through("brat", doc, tmp_path) == doc


def test_relations_and_attributes_outside_the_conf_are_coded(small_corpus: Path, tmp_path) -> None:
    out = tmp_path / "brat"
    exporter("brat")(small_corpus, out)
    ann = out / "small-doc.ann"
    ann.write_text(ann.read_text() + "R99\tEquiv Arg1:T2 Arg2:T3\nA99\tNegated T2\n")
    report = importer("brat")(out, small_corpus)
    assert [p.code for p in report.problems] == [
        "import-malformed",
        "import-malformed",
        "import-incomplete",
    ]
    assert "'Equiv'" in report.problems[0].message and report.documents == 0


# --- lines that break the format, or would silently replace another ----------------------

TEXT = 'Bob Smith said "we will win" in Paris.\n\nOn Monday.\n'
BOB = 'T1\tPERSON 0 9\tBob Smith\n#1\tAnnotatorNotes T1\t{"id":"m1","entity":"bob"}\n'


def _read(ann: str) -> tuple[dict[str, list[dict]], list[Problem]]:
    problems: list[Problem] = []
    budget = span_budget(Path("doc-a.ann"), 0)
    layers = ann_to_layers(ann, TEXT, "doc-a.ann", "doc-a", problems, budget)
    return layers, problems


def _spans(layers: dict[str, list[dict]]) -> list[tuple[int, int, str]]:
    return [(m["start"], m["end"], m["text"]) for m in layers["entities"]]


@pytest.mark.parametrize(
    ("extra", "ident", "line"),
    [
        ("T1\tGPE 32 37\tParis\n", "T1", 3),
        ('#1\tAnnotatorNotes T1\t{"id":"m7","entity":"paris"}\n', "#1", 3),
        ('#2\tAnnotatorNotes T1\t{"id":"m7","entity":"paris"}\n', "#2", 3),
        ("A1\tMentionType T1 name\nA1\tMentionType T1 nominal\n", "A1", 4),
        ("A1\tMentionType T1 name\nA2\tMentionType T1 nominal\n", "A2", 4),
        ("T2\tGPE 32 37\tParis\nR1\tSpeaker Arg1:T1 Arg2:T2\nR1\tCue Arg1:T1 Arg2:T2\n", "R1", 5),
        (
            'T2\tGPE 32 37\tParis\n#2\tAnnotatorNotes T2\t{"entity":"x","id":"m2","entity":"y"}\n',
            "#2",
            4,
        ),
    ],
)
def test_an_id_or_value_given_twice_is_malformed(extra: str, ident: str, line: int) -> None:
    """Regression: a second line with an id (or a second value of one attribute or note)
    silently replaced the first."""
    layers, problems = _read(BOB + extra)
    assert [(p.code, p.file, p.doc_id, p.annotation_id) for p in problems] == [
        ("import-malformed", "doc-a.ann", "doc-a", ident)
    ]
    assert f"line {line}:" in problems[0].message
    assert layers["entities"][0]["id"] == "m1" and layers["entities"][0]["entity"] == "bob"


QUOTE = (
    'T2\tQuote 16 27\twe will win\n#2\tAnnotatorNotes T2\t{"id":"q1"}\n'
    "T3\tCue 10 14\tsaid\nT4\tCue 0 14\tBob Smith said\nT5\tGPE 32 37\tParis\n"
    "T6\tTimex 43 49\tMonday\nT7\tTimex 32 37\tParis\n"
)


@pytest.mark.parametrize(
    ("relations", "said"),
    [
        (
            "R1\tCue Arg1:T2 Arg2:T3\nR2\tCue Arg1:T2 Arg2:T4\n",
            "quote T2 (q1) already has its Cue relation",
        ),
        (
            "R1\tSpeaker Arg1:T2 Arg2:T1\nR2\tSpeaker Arg1:T2 Arg2:T5\n",
            "quote T2 (q1) already has its Speaker relation",
        ),
        (
            "R1\tAnchor Arg1:T6 Arg2:T7\nR2\tAnchor Arg1:T6 Arg2:T7\n",
            "date T6 already has its Anchor relation",
        ),
    ],
)
def test_a_second_single_relation_is_malformed(relations: str, said: str) -> None:
    """Regression: a second Cue (Speaker, Claimant, ReportedBy, Anchor) from one annotation
    under another relation id silently replaced the first."""
    _, problems = _read(BOB + QUOTE + relations)
    refused = [p for p in problems if p.code != "import-dropped"]  # cues QUOTE leaves unlinked
    assert [(p.code, p.file, p.doc_id, p.annotation_id) for p in refused] == [
        ("import-malformed", "doc-a.ann", "doc-a", "R2")
    ]
    assert refused[0].message.startswith(f"line 11: {said} (R1, line 10)")


@pytest.mark.parametrize(
    ("ann", "dropped"),
    [
        ("T2\tQuote 16 27\twe will win\nT3\tCue 10 14\tsaid\n", ["T3"]),
        (
            "T2\tQuote 16 27\twe will win\nT3\tCue 10 14\tsaid\nR1\tSpeaker Arg1:T2 Arg2:T3\n",
            ["R1", "T3"],
        ),
        ('#2\tAnnotatorNotes T9\t{"entity": "bob"}\n', ["#2"]),
        ("A1\tZoneKind T1 body\n", ["A1"]),
    ],
)
def test_what_is_left_out_is_reported(ann: str, dropped: list[str]) -> None:
    """Regression: a cue no relation links, a relation to a cue, a note without its target and
    another layer's attribute were left out without a word."""
    _, problems = _read(BOB + ann)
    assert [(p.code, p.annotation_id) for p in problems] == [
        ("import-dropped", ident) for ident in dropped
    ]


def test_claims_may_deny_several_claims() -> None:
    claims = (
        "T2\tClaim 16 27\twe will win\nT3\tClaim 0 14\tBob Smith said\nT4\tClaim 32 37\tParis\n"
    )
    relations = "R1\tDenies Arg1:T2 Arg2:T3\nR2\tDenies Arg1:T2 Arg2:T4\n"
    layers, problems = _read(BOB + claims + relations)
    assert problems == []
    assert [r["target"] for r in layers["claims"][0]["relations"]] == ["T3", "T4"]


def test_a_second_cue_refuses_the_import(small_corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "brat"
    exporter("brat")(small_corpus, out)
    ann = out / "small-doc.ann"
    lines = ann.read_text().splitlines()
    cue = next(line for line in lines if "\tCue Arg1:" in line)
    lines.append("R99\t" + cue.split("\t")[1])
    ann.write_text("\n".join(lines) + "\n")
    before = annotation_path(small_corpus, "small-doc").read_bytes()
    report = importer("brat")(out, small_corpus)
    assert [(p.code, p.file, p.doc_id, p.annotation_id) for p in report.problems] == [
        ("import-malformed", str(ann), "small-doc", "R99"),
        ("import-incomplete", str(out), "", ""),
    ]
    assert f"line {len(lines)}: quote " in report.problems[0].message
    assert "(q1) already has its Cue relation" in report.problems[0].message
    assert annotation_path(small_corpus, "small-doc").read_bytes() == before


def test_a_duplicate_id_refuses_the_import(small_corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "brat"
    exporter("brat")(small_corpus, out)
    ann = out / "small-doc.ann"
    ann.write_text(ann.read_text() + "T2\tPERSON 32 45\tDmitry Peskov\n")
    before = annotation_path(small_corpus, "small-doc").read_bytes()
    report = importer("brat")(out, small_corpus)
    assert [(p.code, p.annotation_id) for p in report.problems] == [
        ("import-malformed", "T2"),
        ("import-incomplete", ""),
    ]
    assert "id T2 is already given on line 4" in report.problems[0].message
    assert annotation_path(small_corpus, "small-doc").read_bytes() == before


@pytest.mark.parametrize(
    ("offsets", "shown", "span"),
    [
        ("0 3;4 9", "Bob Smith", (0, 9, "Bob Smith")),  # a space between: one stretch
        ("32 38;40 42", "Paris. On", (32, 42, "Paris.\n\nOn")),  # cut at newlines, as exported
    ],
)
def test_fragments_with_only_white_space_between_are_one_span(
    offsets: str, shown: str, span: tuple[int, int, str]
) -> None:
    layers, problems = _read(f"T1\tPERSON {offsets}\t{shown}\n")
    assert problems == [] and _spans(layers) == [span]


@pytest.mark.parametrize(
    ("offsets", "shown"),
    [
        ("0 3;32 37", "Bob Paris"),  # skips words
        ("4 9;0 3", "Smith Bob"),  # out of order
        ("0 9;4 9", "Bob Smith Smith"),  # overlapping
    ],
)
def test_fragments_with_a_gap_are_a_discontinuous_span(offsets: str, shown: str) -> None:
    """Regression: fragments became one span from the first start to the last end."""
    layers, problems = _read(f"{BOB}T2\tGPE 32 37\tParis\nT3\tPERSON {offsets}\t{shown}\n")
    assert [(p.code, p.annotation_id) for p in problems] == [("discontinuous-span", "T3")]
    assert problems[0].severity == "warning" and offsets in problems[0].message
    assert _spans(layers) == [(0, 9, "Bob Smith"), (32, 37, "Paris")]


def test_fragments_naming_the_text_many_times_are_refused_in_little_memory() -> None:
    """Regression: the text of every fragment was put together before the line's own text was
    compared with it. A 3.2 MB line naming a 10 KB text 400,000 times ran out of memory after
    4 GB; the 20,000 times here took 79 MB."""
    text = "a " * 1000
    ann = "T1\tPERSON " + ";".join([f"0 {len(text)}"] * 20_000) + "\tx\n"
    problems: list[Problem] = []
    tracemalloc.start()
    try:
        ann_to_layers(ann, text, "doc-a.ann", "doc-a", problems, span_budget(Path("doc-a.ann"), 0))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 16 * 2**20
    assert [(p.code, p.annotation_id) for p in problems] == [("import-malformed", "T1")]
    assert "length 1, but its 20,000 fragments" in problems[0].message
    assert "have 40,019,999 characters" in problems[0].message


@pytest.mark.parametrize(
    "extent", ["null", "5", '"ab"', '["0","9"]', "[0.5,9]", "[0,5,9]", "[true,9]"]
)
def test_an_extent_that_is_not_two_integers_is_malformed(extent: str) -> None:
    """Regression: these gave a traceback, or a Python message without the document."""
    ann = BOB.replace('"bob"}', f'"bob","extent":{extent}}}')
    _, problems = _read(ann)
    assert [(p.code, p.doc_id, p.annotation_id) for p in problems] == [
        ("import-malformed", "doc-a", "#1")
    ]
    assert problems[0].message.startswith("line 2: extent ")


def test_an_extent_keeps_the_newlines_fragments_cannot_hold() -> None:
    ann = 'T1\tCue 32 38\tParis.\n#1\tAnnotatorNotes T1\t{"extent":[32,40]}\n'
    layers, problems = _read(ann.replace("Cue", "PERSON"))
    assert problems == [] and _spans(layers) == [(32, 40, "Paris.\n\n")]


@pytest.mark.parametrize("extent", ["[32,37]", "[0,10]", "[0,8]"])
def test_a_stale_extent_does_not_move_the_span_edited_in_brat(extent: str) -> None:
    """Regression: the extent of the note overrode the offsets the annotator edited in brat."""
    layers, problems = _read(BOB.replace('"bob"}', f'"bob","extent":{extent}}}'))
    assert [(p.code, p.annotation_id, p.severity) for p in problems] == [
        ("import-dropped", "#1", "warning")
    ]
    assert "T1 (0 9)" in problems[0].message
    assert _spans(layers) == [(0, 9, "Bob Smith")]


@pytest.mark.parametrize(
    ("line", "ident", "said"),
    [
        ("T1\tPERSON 0 \u0669\tBob Smith", "T1", "offset '\u0669' is not a number in ASCII digits"),
        ("T1\tPERSON 0 +9\tBob Smith", "T1", "offset '+9' is not a number in ASCII digits"),
        (
            "T1\tPERSON 0 " + "9" * 5000 + "\tBob Smith",
            "T1",
            "offset 9999999999... (5000 digits) is outside",
        ),
        ("T1 PERSON 0 9 Bob Smith", "", "no tab"),
        ("T1\tPERSON 0 9 Bob Smith", "T1", "a text-bound line is T<n>, a tab"),
        ("R1\tCue Arg1:T1", "R1", "a relation line is R<n>"),
        ("#1\tAnnotatorNotes\t{}", "#1", "a note line is #<n>"),
    ],
)
def test_a_malformed_line_gets_a_clear_message(line: str, ident: str, said: str) -> None:
    """Regression: int() took '٩' as 9; other lines gave Python's own messages."""
    _, problems = _read(line + "\n")
    assert [(p.code, p.annotation_id) for p in problems] == [("import-malformed", ident)]
    assert problems[0].message.startswith(f"line 1: {said}")
    assert len(problems[0].message) < 300


@pytest.mark.parametrize(
    ("note", "said"),
    [
        ('{"entity": {"a": 1}}', 'entity {"a":1} in the note of T1 is not a string'),
        ('{"id": 7}', "id 7 in the note of T1 is not a string"),
        ('{"links": "https://x"}', 'links "https://x" in the note of T1 is not a JSON array'),
    ],
    ids=["entity object", "id number", "links string"],
)
def test_a_note_field_of_the_wrong_kind_is_named(
    small_corpus: Path, tmp_path: Path, note: str, said: str
) -> None:
    out = tmp_path / "brat"
    exporter("brat")(small_corpus, out)
    (out / "small-doc.ann").write_text(
        f"T1\tGPE 0 6\tMoscow\n#1\tAnnotatorNotes T1\t{note}\n", encoding="utf-8"
    )
    before = annotation_path(small_corpus, "small-doc").read_bytes()
    report = importer("brat")(out, small_corpus)
    assert [p.code for p in report.problems] == ["import-malformed", "import-incomplete"]
    assert said in report.problems[0].message
    assert annotation_path(small_corpus, "small-doc").read_bytes() == before
