"""An article's way in: add an HTML page, pre-annotate it, correct it in Label Studio (its JSON
export, as an annotator would leave it), import it back, validate, build a release."""

from __future__ import annotations

import shutil
from pathlib import Path

import orjson
import pyarrow.parquet as pq

from conftest import CORPUS
from newsanno.cli import main
from newsanno.corpus import load_document, read_manifest
from newsanno.corpus.layout import annotation_path

PAGE = """<!DOCTYPE html><html lang="en"><head><title>Talks drag | The Paper</title>
<meta property="og:title" content="Russia says Ukraine peace talks are dragging">
<meta property="article:published_time" content="2022-04-07T09:00:00Z"></head>
<body><nav>Home | World | Sport | Business</nav><article>
<h1>Russia says Ukraine peace talks are dragging</h1>
<p>\U0001f54a\ufe0f Russia said on Wednesday that peace talks with Ukraine were dragging, as
Ukrainian officials uncovered more evidence of atrocities in Bucha.</p>
<p>Dmitry Peskov told reporters the negotiations were "much slower than we would like", while
Sergei Lavrov accused Kyiv of changing the proposals made in Istanbul.</p></article>
<footer>Copyright 2022 The Paper. All rights reserved.</footer></body></html>"""
DOC_ID = "2022-04-07-russia-says-ukraine-peace-talks-are-dragging"


def test_add_preannotate_label_studio_round_trip_validate_build(tmp_path: Path, capsys) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    flags = ["--license", "CC-BY-4.0", "--redistribution", "full"]
    assert main(["add", str(page), "--corpus", str(corpus), *flags]) == 0
    assert main(["preannotate", "--corpus", str(corpus), "--train", str(CORPUS)]) == 0
    silver = load_document(annotation_path(corpus, DOC_ID)).document
    assert silver is not None and silver.annotation.status == "silver"
    assert silver.annotation.tool is not None and "gazetteer" in silver.annotation.tool
    assert "Dmitry Peskov" in {m.text for m in silver.entities}

    out = tmp_path / "ls"
    assert main(["export", "label-studio", "--corpus", str(corpus), "--out", str(out)]) == 0
    tasks = orjson.loads((out / "tasks.json").read_bytes())
    (task,) = [t for t in tasks if t["data"]["newsanno"]["id"] == DOC_ID]
    text = task["data"]["text"]
    # The annotator accepts the predictions and draws "Istanbul" as a GPE. Label Studio counts
    # UTF-16 units: the dove emoji before it takes two, so the UTF-16 offset is one more.
    istanbul = text.index("Istanbul")
    drawn = {
        "id": "aB3xZ9_q",
        "from_name": "entity",
        "to_name": "text",
        "type": "labels",
        "value": {
            "start": istanbul + 1,
            "end": istanbul + 9,
            "text": "Istanbul",
            "labels": ["GPE"],
        },
    }
    result = [*task["predictions"][0]["result"], drawn]
    task["annotations"] = [{"completed_by": {"email": "ann@example.org"}, "result": result}]
    (out / "tasks.json").write_bytes(orjson.dumps(tasks))
    assert main(["import", "label-studio", str(out / "tasks.json"), "--out", str(corpus)]) == 0

    gold = load_document(annotation_path(corpus, DOC_ID)).document
    assert gold is not None and gold.annotation.status == "gold"
    assert gold.annotation.annotators == ["label-studio:ann@example.org"]
    (new,) = [m for m in gold.entities if m.text == "Istanbul"]
    assert (new.start, new.end, new.label) == (istanbul, istanbul + 8, "GPE")
    assert len(gold.entities) == len(silver.entities) + 1
    assert main(["validate", str(corpus)]) == 0

    dist = tmp_path / "dist"
    assert main(["build", str(corpus), "--out", str(dist), "--quiet", "--workers", "1"]) == 0
    release = dist / f"newsanno-{read_manifest(CORPUS).version}"
    files = sorted((release / "documents").glob("*.parquet"))
    ids = [i for f in files for i in pq.read_table(f, columns=["id"]).column("id").to_pylist()]
    committed = [p.stem for p in (CORPUS / "annotations").glob("*.json")]
    assert sorted(ids) == sorted([DOC_ID, *committed])
    capsys.readouterr()
