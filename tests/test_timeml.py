"""TimeML import and export on small files written for these tests."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from conftest import CORPUS
from newsanno.cli import main
from newsanno.corpus import read_documents
from newsanno.errors import NewsannoError
from newsanno.formats import exporter, importer
from newsanno.model import Document

SAMPLE = """<?xml version="1.0" ?>
<TimeML xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<DOCID>APW19980227.0476</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-02-27" temporalFunction="false" \
functionInDocument="CREATION_TIME">February 27, 1998</TIMEX3></DCT>
<TITLE>Talks resume</TITLE>
<TEXT>
Talks <EVENT eid="e1" class="OCCURRENCE">resumed</EVENT> <TIMEX3 tid="t1" type="DATE" \
value="1998-02-26" temporalFunction="true" functionInDocument="NONE" anchorTimeID="t0">\
Thursday</TIMEX3> &amp; will last <TIMEX3 tid="t2" type="DURATION" value="P3D" \
temporalFunction="false" functionInDocument="NONE" mod="APPROX">about three days</TIMEX3>, \
<SIGNAL sid="s1">until</SIGNAL> <TIMEX3 tid="t3" type="DATE" value="1998-03-01" \
temporalFunction="true" functionInDocument="NONE" anchorTimeID="t1" \
comment="relative to t1">Sunday</TIMEX3>.
Next <TIMEX3 tid="t4" type="DATE" value="FY1999" temporalFunction="false" \
functionInDocument="NONE">fiscal year</TIMEX3> <TIMEX3 tid="t5" type="DATE" \
value="1999" functionInDocument="NONE"></TIMEX3>
</TEXT>
<MAKEINSTANCE eventID="e1" eiid="ei1" tense="PAST" aspect="NONE" polarity="POS" pos="VERB"/>
<TLINK lid="l1" relType="IS_INCLUDED" eventInstanceID="ei1" relatedToTime="t1"/>
</TimeML>
"""
TEXT = "\nTalks resumed Thursday & will last about three days, until Sunday.\nNext fiscal year \n"


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    path = tmp_path / "in" / "apw.tml"
    path.parent.mkdir()
    path.write_text(SAMPLE, encoding="utf-8")
    return path


def _timexes(root: ET.Element) -> list[tuple[dict[str, str], str]]:
    return [(dict(t.attrib), "".join(t.itertext())) for t in root.iter("TIMEX3")]


def _kept(root: ET.Element) -> list[tuple[dict[str, str], str]]:
    """Every TIMEX3 a date annotation can hold: a valid value and some text."""
    return [(a, text) for a, text in _timexes(root) if a["value"] != "FY1999" and text]


def test_import(sample: Path, tmp_path: Path) -> None:
    report = importer("timeml")(sample, tmp_path / "c")
    (doc,) = read_documents(tmp_path / "c")
    assert doc.text == TEXT
    assert [(t.id, t.text, t.type, t.value, t.anchor, t.mod) for t in doc.dates] == [
        ("t1", "Thursday", "DATE", "1998-02-26", "document", None),
        ("t2", "about three days", "DURATION", "P3D", None, "APPROX"),
        ("t3", "Sunday", "DATE", "1998-03-01", "t1", None),
    ]
    assert (doc.meta.title, doc.meta.published, doc.meta.published_source) == (
        "Talks resume",
        "1998-02-27",
        "stated",
    )
    assert report.dropped == {"invalid-timex": 1, "unanchored-timex": 1, "not-carried": 4}


def test_round_trip_keeps_every_timex_attribute_and_the_text(sample: Path, tmp_path: Path) -> None:
    importer("timeml")(sample, tmp_path / "c")
    report = exporter("timeml")(tmp_path / "c", tmp_path / "out")
    assert report.documents == 1
    (out,) = (tmp_path / "out").glob("*.tml")
    before, after = ET.parse(sample).getroot(), ET.parse(out).getroot()
    assert "".join(after.find("TEXT").itertext()) == "".join(before.find("TEXT").itertext())
    assert _timexes(after.find("DCT")) == _timexes(before.find("DCT"))
    assert _timexes(after.find("TEXT")) == _kept(before.find("TEXT"))
    assert after.findtext("DOCID") == "APW19980227.0476"


def test_export_of_a_document_not_from_timeml(tmp_path: Path, small_corpus: Path) -> None:
    exporter("timeml")(small_corpus, tmp_path / "out")
    root = ET.parse(tmp_path / "out" / "small-doc.tml").getroot()
    assert _timexes(root.find("DCT"))[0][0]["value"] == "2022-04-06"
    ((attrs, text),) = _timexes(root.find("TEXT"))
    assert (attrs["tid"], attrs["value"], attrs["anchorTimeID"], text) == (
        "t1",
        "2022-04-06",
        "t0",
        "Wednesday",
    )


def test_cli_import_and_export(sample: Path, tmp_path: Path) -> None:
    assert main(["import", "timeml", str(sample.parent), "--out", str(tmp_path / "c")]) == 0
    assert main(["validate", str(tmp_path / "c")]) == 0
    args = ["export", "timeml", "--corpus", str(tmp_path / "c"), "--out", str(tmp_path / "o")]
    assert main(args) == 0
    assert (tmp_path / "o" / "apw19980227-0476.tml").exists()


def test_unsafe_or_repeated_tids_get_ids_and_export_back(tmp_path: Path) -> None:
    tml = (
        '<TimeML><TEXT><TIMEX3 tid="t 1" type="DATE" value="2001">2001</TIMEX3> and '
        '<TIMEX3 tid="t2" type="DATE" value="2002">2002</TIMEX3> and '
        '<TIMEX3 tid="t2" type="DATE" value="2003">2003</TIMEX3></TEXT></TimeML>'
    )
    (tmp_path / "x.tml").write_text(tml, encoding="utf-8")
    importer("timeml")(tmp_path / "x.tml", tmp_path / "c")
    (doc,) = read_documents(tmp_path / "c")
    assert [t.id for t in doc.dates] == ["timex1", "t2", "timex3"]
    exporter("timeml")(tmp_path / "c", tmp_path / "o")
    root = ET.parse(tmp_path / "o" / "x.tml").getroot()
    assert [a["tid"] for a, _ in _timexes(root)] == ["t 1", "t2", "t2"]


def test_reimport_with_another_text_is_refused(sample: Path, tmp_path: Path) -> None:
    importer("timeml")(sample, tmp_path / "c")
    again = importer("timeml")(sample, tmp_path / "c")  # the same text: annotations replaced
    assert again.documents == 1 and not any(p.severity == "error" for p in again.problems)
    sample.write_text(SAMPLE.replace("will last", "may last"), encoding="utf-8")
    report = importer("timeml")(sample, tmp_path / "c")
    assert "import-text-mismatch" in [p.code for p in report.problems]
    (doc,) = read_documents(tmp_path / "c")
    assert doc.text == TEXT


def test_malformed_file_is_a_coded_problem(tmp_path: Path) -> None:
    (tmp_path / "bad.tml").write_text("<TimeML><TEXT>open", encoding="utf-8")
    report = importer("timeml")(tmp_path / "bad.tml", tmp_path / "c")
    assert [p.code for p in report.problems] == ["import-malformed", "import-incomplete"]
    assert not (tmp_path / "c").exists()


# XML 1.0 cannot carry control characters but tab, LF and CR, nor U+FFFE and U+FFFF; everything
# else round-trips, CR (which a parser would turn into LF, or CR LF into LF) included.
_xml_text = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff")
    | st.sampled_from("\t\n\r"),
    min_size=1,
    max_size=40,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    pieces=st.lists(st.tuples(_xml_text, _xml_text), min_size=1, max_size=4),
    values=st.lists(st.sampled_from(["2022-04-06", "XXXX-02-24", "PRESENT_REF"]), min_size=4),
)
def test_ours_to_timeml_to_ours(tmp_path_factory, pieces, values) -> None:
    """Text and dates survive ours -> TimeML -> ours for any text XML can carry."""
    text, dates = "", []
    for n, ((before, inside), value) in enumerate(zip(pieces, values, strict=False), 1):
        text += before
        dates.append({"id": f"t{n}", "start": len(text), "end": len(text) + len(inside)})
        dates[-1].update(text=inside, type="DATE", value=value)
        text += inside
    assume(not text.startswith("\ufeff"))  # a text file cannot start with U+FEFF (checks)
    doc = Document.model_validate(
        {
            "id": "d",
            "text": text,
            "meta": {
                "title": "t",
                "published_source": "unknown",
                "language": "en",
                "license": "unknown",
                "redistribution": "annotations-only",
            },
            "annotation": {
                "annotators": ["x"],
                "status": "gold",
                "guideline_version": "1",
                "layers": [{"layer": "dates"}],
            },
            "dates": dates,
        }
    )
    from newsanno.formats.timeml import to_timeml

    tmp = tmp_path_factory.mktemp("rt")
    (tmp / "d.tml").write_text(to_timeml(doc), encoding="utf-8")
    importer("timeml")(tmp / "d.tml", tmp / "c")
    (back,) = read_documents(tmp / "c")
    assert back.text == doc.text
    assert [d.model_dump() for d in back.dates] == [d.model_dump() for d in doc.dates]


# --- attribute names from settings: only names XML carries ------------------------------------

XML_LANG = SAMPLE.replace('tid="t1" type="DATE"', 'tid="t1" xml:lang="en" type="DATE"')


def test_a_setting_that_is_no_xml_name_leaves_the_document_out(sample: Path, tmp_path) -> None:
    """Regression: a TIMEX3 attribute in a namespace (``xml:lang``) came back from import as
    ``{http://www.w3.org/XML/1998/namespace}lang`` and was written as that name: a .tml no XML
    parser reads."""
    (sample.parent / "lang.tml").write_text(XML_LANG.replace("APW19980227.0476", "LANG"))
    corpus, out = tmp_path / "c", tmp_path / "out"
    importer("timeml")(sample.parent, corpus)
    report = exporter("timeml")(corpus, out)
    errors = [p for p in report.problems if p.severity == "error"]
    name = "{http://www.w3.org/XML/1998/namespace}lang"
    assert [(p.code, p.file, p.doc_id, p.annotation_id, p.name) for p in errors] == [
        ("xml-unsafe-name", str(corpus / "annotations" / "lang.json"), "lang", "t1", name)
    ]
    assert errors[0].where == f"meta.source.settings['timex.t1.{name}']"
    assert report.documents == 1 and not (out / "lang.tml").exists()
    ET.parse(out / "apw19980227-0476.tml")  # the other document: well-formed


def test_a_dct_setting_that_is_no_xml_name_is_named(tmp_path: Path, small_corpus: Path) -> None:
    from newsanno.corpus import write_document
    from newsanno.model.document import Source

    (doc,) = read_documents(small_corpus)
    source = Source(format="timeml", settings={"dct.tid": "t0", "dct.time zone": "UTC"})
    write_document(
        small_corpus,
        doc.model_copy(update={"meta": doc.meta.model_copy(update={"source": source})}),
    )
    code = main(["export", "timeml", "--corpus", str(small_corpus), "--out", str(tmp_path / "o")])
    assert code == 1
    report = exporter("timeml")(small_corpus, tmp_path / "o")
    assert [(p.code, p.annotation_id, p.where) for p in report.problems] == [
        ("xml-unsafe-name", "", "meta.source.settings['dct.time zone']")
    ]


def test_settings_never_override_what_the_date_itself_says(
    tmp_path: Path, small_corpus: Path
) -> None:
    """Regression: a ``timex.<tid>.value`` (or type, mod, anchorTimeID) setting, left from an
    import or written by hand, replaced the annotated value in the export, undoing a
    correction; a setting of another name is still written."""
    from newsanno.corpus import write_document
    from newsanno.model.document import Source

    (doc,) = read_documents(small_corpus)
    stale = {"value": "1999-01-01", "type": "SET", "mod": "START", "anchorTimeID": "t9"}
    settings = {"dct.tid": "t0", **{f"timex.t1.{k}": v for k, v in stale.items()}}
    settings["timex.t1.functionInDocument"] = "NONE"
    source = Source(format="timeml", settings=settings)
    write_document(
        small_corpus,
        doc.model_copy(update={"meta": doc.meta.model_copy(update={"source": source})}),
    )
    report = exporter("timeml")(small_corpus, tmp_path / "o")
    assert not [p for p in report.problems if p.severity == "error"]
    root = ET.parse(tmp_path / "o" / f"{doc.id}.tml").getroot()
    assert _timexes(root)[-1] == (
        {
            "tid": "t1",
            "functionInDocument": "NONE",
            "type": "DATE",
            "value": "2022-04-06",
            "anchorTimeID": "t0",
        },
        "Wednesday",
    )


@pytest.mark.parametrize(
    ("name", "ok"),
    [
        ("anchorTimeID", True),
        ("functionInDocument", True),
        ("x-y.z_1", True),
        ("\u00e9t\u00e9", True),
        ("", False),
        ("1st", False),
        ("time zone", False),
        ("a:b", False),  # an unbound prefix
        ("xml:lang", False),  # bound, read back as {namespace}lang
        ("xmlns", False),  # a namespace declaration
        ("{urn:x}y", False),
        ("a='1' b", False),
        ("a=''/><b c", False),
        ("a\x0c", False),
        ("\u2c00x", False),  # an XML name of the fifth edition only: expat refuses it
    ],
)
def test_attribute_names(name: str, ok: bool) -> None:
    from newsanno.formats.xml_safety import is_attribute_name

    assert is_attribute_name(name) is ok


def test_an_export_with_an_invalid_document_writes_nothing(tmp_path: Path) -> None:
    """Regression: the valid documents were exported and the folder kept, beside the error."""
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    first = sorted((corpus / "articles").iterdir())[0]
    first.write_text(first.read_text(encoding="utf-8") + "changed", encoding="utf-8")
    out = tmp_path / "tml"
    with pytest.raises(NewsannoError) as e:
        exporter("timeml")(corpus, out)
    assert "text-changed" in {p.code for p in e.value.problems}
    assert not out.exists()
