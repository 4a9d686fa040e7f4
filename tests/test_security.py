"""Hostile corpora, releases, prediction and import files: nothing outside the output is touched,
nothing tampered is trusted, nothing explodes. One regression test per reported reproduction,
named after what broke."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
import zlib
from pathlib import Path
from typing import Any

import orjson
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from conftest import CORPUS, SHARED, small_doc_dict
from newsanno.cli import main
from newsanno.corpus import write_document
from newsanno.corpus.layout import is_safe_id
from newsanno.errors import CATALOGUE, NewsannoError
from newsanno.formats import importer
from newsanno.model import Document
from newsanno.release import build, build_release
from newsanno.release.arrow import DOCUMENT_SCHEMA

DOC = "small-doc"
MANIFEST = {"name": "t", "version": "1.0.0", "description": "test corpus", "license": "CC0-1.0"}


def snapshot(root: Path) -> dict[str, str]:
    """Every entry under ``root``, links not followed: its content digest, link target or kind."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            path = Path(dirpath, name)
            rel = str(path.relative_to(root))
            if path.is_symlink():
                out[rel] = "-> " + os.readlink(path)
            elif path.is_dir():
                out[rel] = "dir"
            else:
                out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def outside(root: Path, out: Path) -> dict[str, str]:
    """The snapshot of ``root`` without the output folder ``out``."""
    rel = str(out.relative_to(root))
    return {k: v for k, v in snapshot(root).items() if k != rel and not k.startswith(rel + "/")}


def make_corpus(folder: Path, manifest: dict[str, Any] | None = None, **meta: Any) -> Path:
    d = small_doc_dict()
    d["meta"] = {**d["meta"], **meta}
    write_document(folder, Document.model_validate(d))
    other = {**d, "id": "other-doc"}
    write_document(folder, Document.model_validate(other))
    (folder / "manifest.json").write_bytes(orjson.dumps(manifest or MANIFEST))
    return folder


def codes(output: Any) -> list[str]:
    """Problem codes in a captured output, one per problem line (``file:doc:ann: code: msg``,
    ``file: code: msg`` or ``code: msg``)."""
    text = output if isinstance(output, str) else output.out + output.err
    found = []
    for line in text.splitlines():
        for m in re.finditer(r"(?:^|: )([a-z0-9-]+): ", line):
            if m.group(1) in CATALOGUE:
                found.append(m.group(1))
                break
    return found


def reseal(release: Path) -> None:
    """Rewrite SHA256SUMS after an edit, as whoever tampers with a release would."""
    lines = []
    for path in sorted(p for p in release.rglob("*") if p.is_file() and p.name != "SHA256SUMS"):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        lines.append(f"{digest}  {path.relative_to(release).as_posix()}\n")
    (release / "SHA256SUMS").write_text("".join(lines), encoding="utf-8")


@pytest.fixture(scope="module")
def public(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("public")
    corpus = make_corpus(root / "corpus", redistribution="annotations-only")
    return build_release(corpus, root / "dist", public=True, quiet=True)


def copy_of(release: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "dist" / release.name
    shutil.copytree(release, copy)
    return copy


# --- 1. paths from data ---


@pytest.mark.parametrize(
    "splits",
    [
        {"ratios": {"../../../../x": 1.0}},
        {"ratios": {"train": 1.0, "../../../../x": 0.0}, "overrides": {DOC: "../../../../x"}},
        {"ratios": {"/tmp/x": 1.0}},
        {"ratios": {"train\n": 1.0}},
    ],
)
def test_split_names_from_the_manifest_never_leave_the_release(
    tmp_path: Path, splits: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = make_corpus(tmp_path / "corpus", {**MANIFEST, "splits": splits})
    out = tmp_path / "a" / "b" / "dist"
    before = outside(tmp_path, tmp_path / "a")
    assert main(["build", str(corpus), "--out", str(out), "--quiet"]) == 1
    assert codes(capsys.readouterr()) == ["unsafe-name"]
    assert outside(tmp_path, tmp_path / "a") == before
    assert not list(tmp_path.rglob("x-00000.parquet"))


def test_rehydrate_refuses_a_release_whose_manifest_names_a_split_outside_it(
    public: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    release = copy_of(public, tmp_path)
    manifest = orjson.loads((release / "manifest.json").read_bytes())
    manifest["splits"] = {"ratios": {"../../../../x": 1.0}}
    (release / "manifest.json").write_bytes(orjson.dumps(manifest))
    reseal(release)
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / f"{DOC}.txt").write_text(small_doc_dict()["text"], encoding="utf-8")
    (texts / "other-doc.txt").write_text(small_doc_dict()["text"], encoding="utf-8")
    before = snapshot(tmp_path)
    assert main(["rehydrate", str(release), "--texts", str(texts), "--quiet"]) == 1
    assert codes(capsys.readouterr()) == ["unsafe-name"]
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("make_id", [lambda c: f"../annotations/{DOC}", lambda c: str(c)])
def test_prediction_ids_must_be_ids_of_the_gold_corpus(
    tmp_path: Path, make_id: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = make_corpus(tmp_path / "corpus")
    elsewhere = make_corpus(tmp_path / "elsewhere")
    gold = orjson.loads((corpus / "annotations" / f"{DOC}.json").read_bytes())
    pred = tmp_path / "p.jsonl"
    doc_id = make_id(elsewhere / "annotations" / DOC)
    pred.write_bytes(orjson.dumps({**gold, "id": doc_id}) + b"\n")
    assert main(["evaluate", "--gold", str(corpus), "--pred", str(pred)]) == 1
    assert codes(capsys.readouterr()) == ["pred-unknown-document"]


def test_rehydrate_checks_a_row_id_before_it_names_a_text_file(
    public: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    release = copy_of(public, tmp_path)
    [shard] = sorted((release / "documents").glob("*.parquet"))
    table = pq.read_table(shard)
    ids = [f"../{i}" for i in table.column("id").to_pylist()]
    pq.write_table(table.set_column(0, "id", pa.array(ids)), shard)
    reseal(release)
    texts = tmp_path / "texts"
    texts.mkdir()
    (tmp_path / f"{DOC}.txt").write_text("secret", encoding="utf-8")
    assert main(["rehydrate", str(release), "--texts", str(texts), "--quiet"]) == 1
    captured = capsys.readouterr()
    err = captured.out + captured.err
    assert set(codes(err)) == {"bad-document-id"}
    assert "secret" not in err


def test_a_version_with_a_trailing_newline_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = make_corpus(tmp_path / "corpus")
    assert (
        main(["build", str(corpus), "--out", str(tmp_path / "dist"), "--version", "1.0.0\n"]) == 1
    )
    assert codes(capsys.readouterr()) == ["bad-version"]
    assert not (tmp_path / "dist").exists()
    assert not is_safe_id("evil\n")


# --- 2. tampered releases ---


def _predictions(tmp_path: Path) -> Path:
    pred = tmp_path / "p.jsonl"
    main(["predict", "--corpus", str(CORPUS), "--extractor", "quotes", "--out", str(pred)])
    return pred


@pytest.fixture(scope="module")
def full(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("full")
    return build_release(make_corpus(root / "corpus"), root / "dist", quiet=True)


def test_evaluate_refuses_a_release_whose_shard_was_edited(
    full: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    release = copy_of(full, tmp_path)
    [shard] = sorted((release / "documents").glob("*.parquet"))
    table = pq.read_table(shard)
    pq.write_table(table.slice(0, 1), shard)  # one gold document fewer: the scores would change
    pred = tmp_path / "p.jsonl"
    pred.write_bytes(b"")
    assert main(["evaluate", "--gold", str(release), "--pred", str(pred)]) == 1
    captured = capsys.readouterr()
    err = captured.out + captured.err
    assert codes(err) == ["not-a-release"] and "differ from SHA256SUMS" in err


@pytest.mark.parametrize("command", ["evaluate", "rehydrate"])
def test_a_release_with_a_document_in_two_rows_is_refused(
    full: Path, public: Path, tmp_path: Path, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Regression: the later row silently replaced the earlier one (here: empty layers)."""
    release = copy_of(full if command == "evaluate" else public, tmp_path)
    [shard] = sorted((release / "documents").glob("*.parquet"))
    table = pq.read_table(shard)
    pq.write_table(pa.concat_tables([table, table.slice(0, 1)]), shard)
    reseal(release)
    if command == "evaluate":
        pred = tmp_path / "p.jsonl"
        pred.write_bytes(b"")
        args = ["evaluate", "--gold", str(release), "--pred", str(pred)]
    else:
        texts = tmp_path / "texts"
        texts.mkdir()
        (texts / f"{DOC}.txt").write_text(small_doc_dict()["text"], encoding="utf-8")
        args = ["rehydrate", str(release), "--texts", str(texts), "--out", str(tmp_path / "o")]
    assert main(args) == 1
    captured = capsys.readouterr()
    assert codes(captured) == ["not-a-release"]
    assert "has more than one row" in captured.out + captured.err


def _rehydrate_or_evaluate(command: str, release: Path, built: Path, tmp_path: Path) -> list[str]:
    """The command line that reads every row of ``release``, a copy of ``built``."""
    if command == "evaluate":
        pred = tmp_path / "p.jsonl"
        corpus = str(built.parent.parent / "corpus")
        assert (
            main(["predict", "--corpus", corpus, "--extractor", "dates", "--out", str(pred)]) == 0
        )
        return ["evaluate", "--gold", str(release), "--pred", str(pred), "--split", "all"]
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / f"{DOC}.txt").write_text(small_doc_dict()["text"], encoding="utf-8")
    return ["rehydrate", str(release), "--texts", str(texts), "--out", str(tmp_path / "o")]


@pytest.mark.parametrize("command", ["evaluate", "rehydrate"])
def test_a_release_row_without_an_id_is_a_problem_naming_its_shard(
    full: Path, public: Path, tmp_path: Path, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Regression: a null id made ``evaluate`` stop with a TypeError when it sorted the ids."""
    built = full if command == "evaluate" else public
    release = copy_of(built, tmp_path)
    [shard] = sorted((release / "documents").glob("*.parquet"))
    table = pq.read_table(shard)
    ids = pa.array([None, *table.column("id").to_pylist()[1:]], table.schema.field("id").type)
    pq.write_table(table.set_column(table.schema.get_field_index("id"), "id", ids), shard)
    reseal(release)
    assert main(_rehydrate_or_evaluate(command, release, built, tmp_path)) == 1
    captured = capsys.readouterr()
    expected = "not-a-release" if command == "evaluate" else "bad-document-id"
    lines = [x for x in (captured.out + captured.err).splitlines() if expected in x]
    assert set(codes(captured)) == {expected} and all(x.startswith(str(shard)) for x in lines)


@pytest.mark.parametrize("command", ["evaluate", "rehydrate"])
def test_a_release_row_that_fails_the_checks_names_its_shard(
    full: Path, public: Path, tmp_path: Path, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Regression: problems found in a release row named no file (":small-doc:m1: ...")."""
    built = full if command == "evaluate" else public
    release = copy_of(built, tmp_path)
    [shard] = sorted((release / "documents").glob("*.parquet"))
    rows = pq.read_table(shard).to_pylist()
    rows[0]["entities"][0]["end"] = 10**6  # past the end of the text
    pq.write_table(pa.Table.from_pylist(rows, schema=pq.read_schema(shard)), shard)
    reseal(release)
    assert main(_rehydrate_or_evaluate(command, release, built, tmp_path)) == 1
    captured = capsys.readouterr()
    assert "span-out-of-bounds" in codes(captured)
    line = next(x for x in (captured.out + captured.err).splitlines() if "out-of-bounds" in x)
    assert line.startswith(str(shard))


@pytest.mark.parametrize(
    ("column", "value"), [("text_length", 3), ("text_sha256", None), ("text_sha256", "0" * 64)]
)
def test_a_release_row_that_lies_about_its_text_is_refused_by_evaluate(
    full: Path, tmp_path: Path, column: str, value: object, capsys: pytest.CaptureFixture[str]
) -> None:
    """Regression: a row whose text_length or text_sha256 is not its text's was scored."""
    release = copy_of(full, tmp_path)
    [shard] = sorted((release / "documents").glob("*.parquet"))
    rows = pq.read_table(shard).to_pylist()
    rows[0][column] = value
    pq.write_table(pa.Table.from_pylist(rows, schema=pq.read_schema(shard)), shard)
    reseal(release)
    assert main(_rehydrate_or_evaluate("evaluate", release, full, tmp_path)) == 1
    captured = capsys.readouterr()
    assert codes(captured) == ["not-a-release"]
    assert captured.err.startswith(f"{shard}:") and column in captured.err


def test_a_release_row_of_the_wrong_shape_is_a_problem_in_rehydrate(
    public: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Regression: a layer that is null made rehydrate stop with a TypeError."""
    release = copy_of(public, tmp_path)
    [shard] = sorted((release / "documents").glob("*.parquet"))
    rows = pq.read_table(shard).to_pylist()
    rows[0]["entities"] = None
    pq.write_table(pa.Table.from_pylist(rows, schema=pq.read_schema(shard)), shard)
    reseal(release)
    assert main(_rehydrate_or_evaluate("rehydrate", release, public, tmp_path)) == 1
    captured = capsys.readouterr()
    assert codes(captured) == ["not-a-release"]
    assert (captured.out + captured.err).startswith(f"{shard}:")


@pytest.mark.parametrize("damage", ["unlisted-shard", "empty-sums", "readme-link", "no-two-spaces"])
def test_rehydrate_reads_nothing_the_checksums_do_not_vouch_for(
    public: Path, tmp_path: Path, damage: str, capsys: pytest.CaptureFixture[str]
) -> None:
    release = copy_of(public, tmp_path)
    secret = tmp_path / "secret.md"
    secret.write_text("local secret", encoding="utf-8")
    if damage == "unlisted-shard":
        shutil.copyfile(
            next((release / "documents").glob("*.parquet")),
            release / "documents" / "train-99999.parquet",
        )
    elif damage == "empty-sums":
        (release / "SHA256SUMS").write_bytes(b"")
    elif damage == "readme-link":  # unlisted, and a link to a local file
        (release / "README.md").unlink()
        (release / "README.md").symlink_to(secret)
        sums = (release / "SHA256SUMS").read_text(encoding="utf-8").splitlines(keepends=True)
        kept = "".join(line for line in sums if not line.endswith("  README.md\n"))
        (release / "SHA256SUMS").write_text(kept, encoding="utf-8")
    else:
        sums = (release / "SHA256SUMS").read_text(encoding="utf-8")
        (release / "SHA256SUMS").write_text(sums.replace("  ", " ", 1), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["rehydrate", str(release), "--texts", str(tmp_path), "--out", str(out)]) == 1
    captured = capsys.readouterr()
    err = captured.out + captured.err
    assert codes(err) in (["not-a-release"], ["outside-root"])
    assert "local secret" not in err
    assert not out.exists()


def test_croissant_without_a_version_is_a_coded_problem(
    public: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    release = copy_of(public, tmp_path)
    meta = orjson.loads((release / "croissant.json").read_bytes())
    del meta["version"]
    (release / "croissant.json").write_bytes(orjson.dumps(meta))
    reseal(release)
    assert main(["rehydrate", str(release), "--texts", str(tmp_path)]) == 1
    assert codes(capsys.readouterr()) == ["not-a-release"]


def test_build_compares_an_existing_release_by_content(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus")
    release = build_release(corpus, tmp_path / "dist", quiet=True)
    assert not build(corpus, tmp_path / "dist", quiet=True).created  # same content: unchanged
    [shard] = sorted((release / "documents").glob("*.parquet"))
    os.chmod(shard, 0o644)
    table = pq.read_table(shard)
    pq.write_table(table.slice(0, 1), shard)  # SHA256SUMS untouched
    with pytest.raises(NewsannoError) as e:
        build(corpus, tmp_path / "dist", quiet=True)
    assert [p.code for p in e.value.problems] == ["release-exists"]


# --- 3. symbolic links ---


def test_validate_does_not_follow_a_text_link_out_of_the_corpus(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = make_corpus(tmp_path / "corpus")
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET " * 10, encoding="utf-8")
    text = corpus / "articles" / f"{DOC}.txt"
    text.unlink()
    text.symlink_to(secret)
    assert main(["validate", str(corpus)]) == 1
    out = capsys.readouterr()
    assert "outside-root" in out.out + out.err
    assert "TOP SECRET" not in out.out + out.err


@pytest.mark.parametrize("name", [f"articles/{DOC}.txt", "manifest.json"])
@pytest.mark.parametrize("command", ["validate", "stats", "splits"])
def test_a_link_loop_in_the_corpus_is_an_unreadable_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, command: str
) -> None:
    corpus = make_corpus(tmp_path / "corpus")
    looped = corpus / name
    looped.unlink()
    looped.symlink_to(looped.name)
    assert main([command, str(corpus)]) == 1
    out = capsys.readouterr()
    assert "unreadable-file" in codes(out) and "symbolic link loop" in out.out + out.err


def test_a_link_inside_the_corpus_is_still_read(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus")
    text = corpus / "articles" / f"{DOC}.txt"
    (corpus / "articles" / "kept.bin").write_bytes(text.read_bytes())
    text.unlink()
    text.symlink_to(corpus / "articles" / "kept.bin")
    assert main(["validate", str(corpus)]) == 0


def test_add_does_not_read_a_text_link_out_of_the_corpus(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = make_corpus(tmp_path / "corpus")
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", encoding="utf-8")
    (corpus / "articles" / "leak.txt").symlink_to(secret)
    article = tmp_path / "new.txt"
    article.write_text("A headline\nTOP SECRET", encoding="utf-8")
    assert main(["add", str(article), "--corpus", str(corpus)]) == 1
    assert codes(capsys.readouterr()) == ["outside-root"]


def test_synth_does_not_write_through_links(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "target.txt"
    target.write_text("keep me", encoding="utf-8")
    out = tmp_path / "synth"
    assert main(["synth", "--out", str(out), "--docs", "2", "--workers", "1"]) == 0
    victim = next((out / "articles").glob("*.txt"))
    victim.unlink()
    victim.symlink_to(target)
    assert main(["synth", "--out", str(out), "--docs", "2", "--workers", "1"]) == 1
    assert codes(capsys.readouterr()) == ["outside-root"]
    assert target.read_text(encoding="utf-8") == "keep me"


def test_build_does_not_copy_a_manifest_link_out_of_the_corpus(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = make_corpus(tmp_path / "corpus")
    outside_manifest = tmp_path / "elsewhere.json"
    (corpus / "manifest.json").rename(outside_manifest)
    (corpus / "manifest.json").symlink_to(outside_manifest)
    assert main(["build", str(corpus), "--out", str(tmp_path / "dist"), "--quiet"]) == 1
    assert codes(capsys.readouterr()) == ["outside-root"]


def test_an_import_id_is_checked_before_it_names_a_corpus_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = make_corpus(tmp_path / "deep" / "corpus")
    secret = tmp_path / "secret.json"
    secret.write_text('{"id": "TOP SECRET"}', encoding="utf-8")
    task = {"id": 1, "data": {"text": "x", "newsanno": {"id": "../../../secret"}}}
    task["annotations"] = [{"result": []}]
    (tmp_path / "tasks.json").write_text(json.dumps([task]), encoding="utf-8")
    before = snapshot(tmp_path)
    assert main(["import", "label-studio", str(tmp_path / "tasks.json"), "--out", str(corpus)]) == 1
    captured = capsys.readouterr()
    assert codes(captured) == ["bad-document-id", "import-incomplete"]
    assert "TOP SECRET" not in captured.out + captured.err
    assert snapshot(tmp_path) == before


# --- 4. imports lose nothing, all or nothing ---


def test_importing_exported_timeml_into_the_corpus_deletes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    before = snapshot(corpus)
    assert main(["export", "timeml", "--corpus", str(corpus), "--out", str(tmp_path / "tml")]) == 0
    assert main(["import", "timeml", str(tmp_path / "tml"), "--out", str(corpus)]) == 1
    captured = capsys.readouterr()
    err = captured.out + captured.err
    assert "import-would-drop" in codes(err)
    assert "17 zones" in err and " claims that the timeml import" in err
    assert snapshot(corpus) == before


TML = """<?xml version="1.0" encoding="UTF-8"?>
<TimeML><DOCID>{id}</DOCID><DCT><TIMEX3 tid="t0" type="DATE" value="2022-04-06"
functionInDocument="CREATION_TIME">2022-04-06</TIMEX3></DCT>
<TEXT>It rained on <TIMEX3 tid="t1" type="DATE" value="2022-04-05">Tuesday</TIMEX3>.</TEXT>
</TimeML>
"""


def test_an_import_with_one_bad_file_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "tml"
    src.mkdir()
    (src / "a-good.tml").write_text(TML.format(id="a-good"), encoding="utf-8")
    (src / "b-bad.tml").write_text("<TimeML><TEXT>unclosed", encoding="utf-8")
    out = tmp_path / "corpus"
    assert main(["import", "timeml", str(src), "--out", str(out)]) == 1
    assert "import-malformed" in codes(capsys.readouterr())
    assert not out.exists()
    (src / "b-bad.tml").unlink()
    assert main(["import", "timeml", str(src), "--out", str(out)]) == 0
    assert (out / "articles" / "a-good.txt").is_file()


@pytest.mark.parametrize("folder", ["articles", "annotations"])
def test_an_import_does_not_write_through_a_corpus_folder_linked_elsewhere(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], folder: str
) -> None:
    src = tmp_path / "tml"
    src.mkdir()
    (src / "a-good.tml").write_text(TML.format(id="a-good"), encoding="utf-8")
    corpus = make_corpus(tmp_path / "corpus")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    if (corpus / folder).exists():
        shutil.rmtree(corpus / folder)
    (corpus / folder).symlink_to(elsewhere, target_is_directory=True)
    before = snapshot(tmp_path)
    assert main(["import", "timeml", str(src), "--out", str(corpus)]) == 1
    assert codes(capsys.readouterr()) == ["outside-root"]
    assert snapshot(tmp_path) == before


def test_an_import_that_cannot_write_one_document_writes_none(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "tml"
    src.mkdir()
    for name in ("a-good", "b-good"):
        (src / f"{name}.tml").write_text(TML.format(id=name), encoding="utf-8")
    corpus = make_corpus(tmp_path / "corpus")
    (corpus / "articles" / "b-good.txt").mkdir()  # no file can take its place
    before = snapshot(tmp_path)
    assert main(["import", "timeml", str(src), "--out", str(corpus)]) == 1
    assert codes(capsys.readouterr()) == ["bad-output"]
    assert snapshot(tmp_path) == before


def test_importing_a_source_again_keeps_corrections_made_since(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "tml"
    src.mkdir()
    (src / "a-good.tml").write_text(TML.format(id="a-good"), encoding="utf-8")
    corpus = tmp_path / "corpus"
    assert main(["import", "timeml", str(src), "--out", str(corpus)]) == 0
    assert main(["import", "timeml", str(src), "--out", str(corpus)]) == 0  # unchanged: fine
    path = corpus / "annotations" / "a-good.json"
    path.write_text(path.read_text().replace("2022-04-05", "2022-04-04"))  # a correction
    before = snapshot(tmp_path)
    capsys.readouterr()
    assert main(["import", "timeml", str(src), "--out", str(corpus)]) == 1
    assert codes(capsys.readouterr()) == ["import-conflict", "import-incomplete"]
    assert snapshot(tmp_path) == before
    assert main(["import", "timeml", str(src), "--out", str(corpus), "--replace"]) == 0
    assert codes(capsys.readouterr()) == ["import-replaced"]
    assert "2022-04-05" in path.read_text()


def test_stats_card_is_an_output_checked_like_any_other(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Regression: --card rewrote any path: the corpus manifest, an article, a FIFO (hung)."""
    corpus = make_corpus(tmp_path / "corpus")
    fifo, latin1 = tmp_path / "fifo.md", tmp_path / "latin1.md"
    os.mkfifo(fifo)  # outside the snapshot, whose reading would block on it
    latin1.write_bytes(b"caf\xe9\n")
    before = snapshot(corpus)
    for card in (corpus / "manifest.json", corpus / "articles" / f"{DOC}.txt", fifo):
        assert main(["stats", str(corpus), "--card", str(card)]) == 1
        assert codes(capsys.readouterr()) == ["bad-output"]
    assert main(["stats", str(corpus), "--card", str(latin1)]) == 1
    assert codes(capsys.readouterr()) == ["not-utf8"]
    assert snapshot(corpus) == before
    assert latin1.read_bytes() == b"caf\xe9\n" and fifo.is_fifo()


@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity"])
def test_a_number_json_has_not_is_malformed_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], number: str
) -> None:
    """Regression: pydantic's parser took it for a float of the free-form settings, and every
    command that read the corpus stopped with a traceback."""
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    path = corpus / "annotations" / "gum-clock.json"
    data = path.read_text(encoding="utf-8")
    assert data.count('"newdoc_id":"GUM_news_clock"}') == 1
    path.write_text(
        data.replace(
            '"newdoc_id":"GUM_news_clock"}', f'"newdoc_id":"GUM_news_clock","x":{number}}}'
        )
    )
    build = ["build", str(corpus), "--out", str(tmp_path / "r")]
    for command in (["validate", str(corpus)], ["stats", str(corpus)], build):
        assert main(command) == 1
        captured = capsys.readouterr()
        assert "malformed-json" in codes(captured)
        assert "gum-clock.json:gum-clock::" in captured.out + captured.err


@pytest.mark.parametrize(
    "args",
    [
        ["evaluate", "--gold", "corpus", "--pred", "p.jsonl", "--bootstrap", "-1"],
        ["evaluate", "--gold", "corpus", "--pred", "p.jsonl", "--seed", "-1"],
        ["build", "corpus", "--workers", "0"],
        ["synth", "--out", "s", "--docs", "-5"],
        ["validate", "corpus", "--workers", "two"],
    ],
)
def test_a_count_out_of_range_is_a_usage_error(
    args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stop:
        main(args)
    assert stop.value.code == 2
    assert f"argument {args[-2]}:" in capsys.readouterr().err


@pytest.mark.parametrize("name", [":Extractor", ".module:Extractor"])
def test_an_extractor_without_an_absolute_module_is_a_coded_problem(
    tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "p.jsonl"
    assert main(["predict", "--extractor", name, "--corpus", str(CORPUS), "--out", str(out)]) == 1
    assert codes(capsys.readouterr()) == ["bad-extractor"]


def test_a_file_name_that_is_not_utf8_is_a_bad_document_id(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Regression: such a name reached the JSON output, the split hash and the viewer as a lone
    surrogate, and each stopped with a traceback."""
    corpus = make_corpus(tmp_path / "corpus")
    name = os.fsdecode(b"g\xff.json")
    try:
        shutil.copy(corpus / "annotations" / f"{DOC}.json", corpus / "annotations" / name)
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system takes UTF-8 names only")
    assert main(["validate", "--format", "json", str(corpus)]) == 1
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines() if x.startswith("{")]
    assert [x["value"] for x in lines if x["code"] == "bad-document-id"] == ["g\\xff"]
    assert main(["build", str(corpus), "--out", str(tmp_path / "r")]) == 1
    assert "bad-document-id" in codes(capsys.readouterr())
    assert main(["show", "--all", "--corpus", str(corpus), "--out", str(tmp_path / "site")]) == 1
    assert "bad-document-id" in codes(capsys.readouterr())
    assert (tmp_path / "site" / "index.html").is_file()  # the valid documents are shown


def test_files_written_together_are_all_or_none(tmp_path: Path) -> None:
    from newsanno.files import write_together

    kept = tmp_path / "kept.txt"
    kept.write_text("before")

    def files():
        yield kept, b"after"
        yield tmp_path / "new.txt", b"new"
        raise KeyboardInterrupt  # Ctrl-C while the third file is being made

    with pytest.raises(KeyboardInterrupt):
        write_together(files())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kept.txt"]
    assert kept.read_text() == "before"
    write_together(iter([(kept, b"after"), (tmp_path / "new.txt", b"new")]))
    assert kept.read_text() == "after" and (tmp_path / "new.txt").read_text() == "new"


def test_a_stop_signal_waits_for_the_renames_that_make_a_change_whole() -> None:
    import signal

    from newsanno.files import _uninterrupted

    with pytest.raises(KeyboardInterrupt), _uninterrupted():
        signal.raise_signal(signal.SIGINT)
        finished = True  # reached: the signal waited for the end of the block
    assert finished


REAL_SOURCES = {
    "meantime": (SHARED / "data" / "meantime" / "corpus_gm", "*.xml", "<Document"),
    "gum": (SHARED / "data" / "gum" / "news", "*.conllu", "# newdoc id = \n1\tx"),
}


@pytest.mark.parametrize("fmt", sorted(REAL_SOURCES))
def test_a_real_import_with_one_broken_file_writes_nothing(
    tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, pattern, broken = REAL_SOURCES[fmt]
    if not folder.is_dir():
        pytest.skip(f"{fmt} not available at {folder} (shared data folder)")
    src = tmp_path / "src"
    src.mkdir()
    real = sorted(folder.glob(pattern))[0]
    shutil.copyfile(real, src / real.name)  # a scratch copy, read by the test only
    (src / ("zz-broken" + real.suffix)).write_text(broken, encoding="utf-8")
    out = tmp_path / "corpus"
    assert main(["import", fmt, str(src), "--out", str(out)]) == 1
    assert "import-incomplete" in codes(capsys.readouterr())
    assert not out.exists()
    (src / ("zz-broken" + real.suffix)).unlink()
    assert main(["import", fmt, str(src), "--out", str(out)]) == 0
    assert len(list((out / "articles").glob("*.txt"))) == 1


# --- 5. work that explodes ---


def _run_measured(args: list[str], tmp_path: Path) -> tuple[int, str, float, int]:
    """Exit status, stderr, seconds and peak RSS (MB) of ``newsanno ARGS`` in its own process."""
    # VmHWM, not ru_maxrss: Linux carries the parent's peak into ru_maxrss across fork and exec
    code = (
        "import re, sys\n"
        "from newsanno.cli import main\n"
        "rc = main(sys.argv[1:])\n"
        "status = open('/proc/self/status').read()\n"
        "print('MAXRSS', re.search(r'VmHWM:\\s+(\\d+)', status).group(1), file=sys.stderr)\n"
        "sys.exit(rc)\n"
    )
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=tmp_path
    )
    output = done.stdout + done.stderr
    seconds = time.perf_counter() - started
    rss = int(done.stderr.rsplit("MAXRSS ", 1)[1].split()[0]) // 1024
    return done.returncode, output, seconds, rss


def test_a_docbin_zip_bomb_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    pytest.importorskip("spacy")
    bomb = zlib.compressobj(9)
    data = b"".join(bomb.compress(b"\0" * (1 << 20)) for _ in range(1000)) + bomb.flush()
    assert len(data) < 2 << 20  # a gigabyte of zeros in about a megabyte
    (tmp_path / "bomb.spacy").write_bytes(data)
    rc, err, seconds, rss = _run_measured(
        ["import", "spacy", "bomb.spacy", "--out", str(tmp_path / "corpus")], tmp_path
    )
    assert rc == 1 and "too-large" in codes(err)
    assert seconds < 20 and rss < 500, (seconds, rss)


LONG_TEXT = "a " * 50_000 + "b"
LONG_SPANS = 700  # each nearly all of the text: 70 million characters of span text


def _long_document() -> Document:
    layers = ("zones", "entities", "quotes", "claims", "dates")
    return Document.model_validate(
        small_doc_dict() | {"text": LONG_TEXT} | dict.fromkeys(layers, [])
    )


def _long_spans(fmt: str, folder: Path) -> Path:
    """A source in ``fmt`` of one new document whose ``LONG_SPANS`` entity mentions each cover
    nearly all of ``LONG_TEXT``, given by their offsets only (MEANTIME, GUM, TimeML: by the
    one long word they all name, :func:`_long_word`)."""
    doc = _long_document()
    ends = [len(LONG_TEXT) - 2 * k for k in range(LONG_SPANS)]
    folder.mkdir()
    if fmt in ("meantime", "gum", "timeml"):
        _long_word(fmt, folder)
    elif fmt == "label-studio":
        from newsanno.formats.label_studio import document_to_task

        task = document_to_task(doc)
        value = {"start": 0, "labels": ["PERSON"]}
        result = [
            {"id": f"m{k}", "from_name": "entity", "to_name": "text", "type": "labels"}
            | {"value": value | {"end": end}}
            for k, end in enumerate(ends)
        ]
        task["annotations"] = [{"result": result}]
        (folder / "tasks.json").write_bytes(orjson.dumps([task]))
    elif fmt == "inception":
        pytest.importorskip("cassis")
        from newsanno.formats.cas_xmi import NAMED_ENTITY, document_to_cas, typesystem

        ts = typesystem()
        cas = document_to_cas(doc, ts)
        for k, end in enumerate(ends):
            cas.add(ts.get_type(NAMED_ENTITY)(begin=0, end=end, annId=f"m{k}", value="PERSON"))
        (folder / "TypeSystem.xml").write_text(ts.to_xml(), encoding="utf-8")
        (folder / f"{doc.id}.xmi").write_text(cas.to_xmi(), encoding="utf-8")
    else:
        spacy = pytest.importorskip("spacy")
        from spacy.tokens import DocBin, Span

        from newsanno.formats.spacy_docbin import document_to_doc

        sdoc = document_to_doc(doc, spacy.blank("en").vocab)
        n = len(sdoc)
        group = [Span(sdoc, 0, n - k, label="PERSON", span_id=f"m{k}") for k in range(LONG_SPANS)]
        sdoc.spans["entities"] = group
        docbin = DocBin(store_user_data=True)
        docbin.add(sdoc)
        docbin.to_disk(folder / "documents.spacy")
    return folder


LONG_WORD = "a" * len(LONG_TEXT)


def _long_word(fmt: str, folder: Path) -> None:
    """A MEANTIME, GUM or TimeML file of one new document whose ``LONG_SPANS`` annotations each
    hold ``LONG_WORD``: the file gives the word once (GUM: twice), the annotations name it."""
    many = range(LONG_SPANS)
    if fmt == "meantime":
        mentions = "".join(
            f'<ENTITY_MENTION m_id="m{k}"><token_anchor t_id="2"/></ENTITY_MENTION>' for k in many
        )
        refers = "".join(f'<source m_id="m{k}"/>' for k in many) + '<target m_id="e"/>'
        xml = (
            '<Document doc_id="1"><token t_id="1" sentence="0">Long</token>'
            f'<token t_id="2" sentence="1">{LONG_WORD}</token><Markables>{mentions}'
            '<ENTITY m_id="e" ent_type="PER" TAG_DESCRIPTOR="a"/></Markables>'
            f"<Relations><REFERS_TO>{refers}</REFERS_TO></Relations></Document>"
        )
        (folder / "long.xml").write_text(xml, encoding="utf-8")
    elif fmt == "gum":  # a name ("Bob") is looked for in the words of each mention
        first = f"1\t{LONG_WORD}\t_\tDET\tDT\t_\t2\tdet\t_\tEntity=" + "(1-person" * LONG_SPANS
        bob = "2\tBob\t_\tPROPN\tNNP\t_\t0\troot\t_\tEntity=" + "1)" * LONG_SPANS
        conllu = f"# text = {LONG_WORD} Bob\n{first}\n{bob}\n"
        (folder / "long.conllu").write_text(conllu, encoding="utf-8")
    else:  # TimeML: nested dates, each tag given once
        dates = '<TIMEX3 type="DATE" value="2017">' * LONG_SPANS + LONG_WORD
        tml = f"<TimeML><TEXT>{dates}{'</TIMEX3>' * LONG_SPANS}</TEXT></TimeML>"
        (folder / "long.tml").write_text(tml, encoding="utf-8")


@pytest.mark.parametrize("fmt", ["label-studio", "inception", "spacy", "meantime", "gum", "timeml"])
def test_spans_that_repeat_a_long_text_are_refused_by_the_import(fmt: str, tmp_path: Path) -> None:
    """Regression: every imported span keeps its text, so offsets alone could ask for any amount
    of it: 2,000 of them over a 40 KB text made a 73 MB annotation file from 300 KB of Label
    Studio or XMI, and 3,000 over 80 KB one of 221 MB (1.3 GB of memory) from a 70 KB DocBin.
    MEANTIME mentions and GUM brackets name a long word, and nested TimeML dates wrap one, as
    often as they like: 2,000 MEANTIME mentions of a 400 KB word ran out of memory after 5.4 GB
    (0.9 MB of XML), and a GUM name is looked for in a copy of every word of its mention (2,000
    names: 92 s). The span texts of a source file, and those words, are held to the limit of
    compressed input."""
    src = _long_spans(fmt, tmp_path / fmt)
    assert sum(f.stat().st_size for f in src.iterdir()) < 400_000
    started = time.perf_counter()
    report = importer(fmt)(src, tmp_path / "corpus")
    assert time.perf_counter() - started < 10
    assert [p.code for p in report.problems] == ["too-large", "import-incomplete"]
    assert "the text of the spans in" in report.problems[0].message
    assert not (tmp_path / "corpus").exists()


def _brat_lines(kind: str) -> str:
    """``.ann`` lines of ``LONG_SPANS`` annotations, each short, each making the import cut
    nearly all of ``LONG_TEXT`` (which ends in "b"): the text of the one cue every quote links,
    the text between two fragments, or the text a note's extent would widen its span by."""
    n, many = len(LONG_TEXT), range(1, LONG_SPANS + 1)
    if kind == "cue":
        quotes = (
            f"T{k}\tQuote 0 1\ta\nA{k}\tQuoteType T{k} direct\nR{k}\tCue Arg1:T{k} Arg2:T0"
            for k in many
        )
        return f"T0\tCue 0 {n}\t{LONG_TEXT}\n" + "\n".join(quotes) + "\n"
    if kind == "fragments":
        return "".join(f"T{k}\tPERSON 0 1;{n - 1} {n}\ta b\n" for k in many)
    note = orjson.dumps({"extent": [0, n]}).decode()
    return "".join(f"T{k}\tPERSON 0 1\ta\n#{k}\tAnnotatorNotes T{k}\t{note}\n" for k in many)


@pytest.mark.parametrize("kind", ["cue", "fragments", "extent"])
def test_brat_lines_that_repeat_a_long_text_are_refused(kind: str, tmp_path: Path) -> None:
    """Regression: a brat line is short, but a quote keeps the text of its cue, and the text
    between fragments and under a note's extent is read before the span is accepted: 10,000
    quotes linking one cue over a 470 KB text (1.4 MB of .ann) asked for 4.6 GB, and 20,000
    notes took 3 min 23 s. Those texts are held to the limit of the spans of other formats."""
    doc = _long_document()
    corpus, src = tmp_path / "corpus", tmp_path / "brat"
    write_document(corpus, doc)
    (corpus / "manifest.json").write_bytes(orjson.dumps(MANIFEST))
    src.mkdir()
    (src / f"{doc.id}.ann").write_text(_brat_lines(kind), encoding="utf-8")
    before = snapshot(corpus)
    started = time.perf_counter()
    report = importer("brat")(src, corpus)
    assert time.perf_counter() - started < 10
    assert [p.code for p in report.problems] == ["too-large", "import-incomplete"]
    assert "the text of the spans in small-doc.ann" in report.problems[0].message
    assert snapshot(corpus) == before


def _bombed_release(release: Path, padding: int, rows: int) -> None:
    """Replace the documents shard by ``rows`` valid documents, each padded with ``padding``
    repeated characters (dictionary-encoded and zstd: kilobytes on disk), and reseal."""
    [shard] = sorted((release / "documents").glob("*.parquet"))
    row = pq.read_table(shard).slice(0, 1).to_pylist()[0]
    text = small_doc_dict()["text"] + "a" * padding
    derived = {"text_length": len(text), "text_sha256": hashlib.sha256(text.encode()).hexdigest()}
    batch = [
        {**row, **derived, "id": f"d{i}", "text": text, "text_withheld": False} for i in range(rows)
    ]
    table = pa.Table.from_pylist(batch, schema=DOCUMENT_SCHEMA)
    del batch, text
    pq.write_table(table, shard, compression="zstd", use_dictionary=True)
    reseal(release)


@pytest.mark.parametrize(("padding", "rows"), [(1 << 20, 150), (96 << 20, 1)])
def test_a_parquet_text_bomb_is_refused_by_evaluate_and_rehydrate(
    full: Path, tmp_path: Path, padding: int, rows: int
) -> None:
    """150 rows of 1 MB (a small dictionary repeated: refused while decoding, in batches) and
    one row of 96 MB (refused from the sizes its pages declare, before decoding)."""
    release = copy_of(full, tmp_path)
    _bombed_release(release, padding, rows)
    assert sum(p.stat().st_size for p in (release / "documents").iterdir()) < 1 << 20
    pred = tmp_path / "p.jsonl"
    # a right prediction for the first document: the rest of the gold is then read as missed
    text = small_doc_dict()["text"] + "a" * padding
    line = {"id": "d0", "text_sha256": hashlib.sha256(text.encode()).hexdigest(), "entities": []}
    pred.write_bytes(orjson.dumps(line))
    (tmp_path / "texts").mkdir()  # apart from the output: a release is never written into it
    texts = str(tmp_path / "texts")
    for args in (
        ["evaluate", "--gold", str(release), "--pred", str(pred)],
        ["rehydrate", str(release), "--texts", texts, "--out", str(tmp_path / "o")],
    ):
        rc, err, seconds, rss = _run_measured(args, tmp_path)
        assert rc == 1 and "too-large" in codes(err), err[-500:]
        assert seconds < 30 and rss < 400, (args[0], seconds, rss)
    assert not (tmp_path / "o").exists()


ENTITY_BOMB = (
    '<?xml version="1.0"?>\n<!DOCTYPE Document [\n<!ENTITY a "{a}">\n'
    '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\n]>\n'
    '<Document doc_name="x"><token t_id="1" sentence="0" number="0">&b;</token></Document>\n'
)


def test_an_xml_entity_declaration_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "meantime"
    src.mkdir()
    (src / "bomb.xml").write_text(ENTITY_BOMB.format(a="x" * 50_000), encoding="utf-8")
    started = time.perf_counter()
    assert main(["import", "meantime", str(src), "--out", str(tmp_path / "corpus")]) == 1
    assert time.perf_counter() - started < 5
    assert codes(capsys.readouterr()) == ["xml-dtd", "import-incomplete"]
    assert not (tmp_path / "corpus").exists()


def test_a_dtd_in_inception_files_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("cassis")
    src = tmp_path / "src"
    src.mkdir()
    (src / "TypeSystem.xml").write_text(ENTITY_BOMB.format(a="x"), encoding="utf-8")
    (src / "a.xmi").write_text("<xmi/>", encoding="utf-8")
    assert main(["import", "inception", str(src), "--out", str(tmp_path / "c")]) == 1
    assert codes(capsys.readouterr()) == ["xml-dtd"]


# --- 6. card injection ---

LINK = re.compile(r"(?<!\\)\]\(javascript:")  # an unescaped link target
INJECTED = (
    "Evil\n<!-- /generated:licenses -->\n# Injected heading\n"
    "[click](javascript:alert(1)) <script>x</script>"
)


def test_card_values_from_data_stay_data(tmp_path: Path) -> None:
    manifest = {**MANIFEST, "description": INJECTED}
    corpus = make_corpus(
        tmp_path / "corpus",
        manifest,
        publisher=INJECTED,
        rights_holder=INJECTED,
        attribution=INJECTED,
    )
    release = build_release(corpus, tmp_path / "dist", quiet=True)
    readme = (release / "README.md").read_text(encoding="utf-8")
    for marker in ("licenses", "stats", "release"):
        assert readme.count(f"<!-- generated:{marker} -->") == 1
        assert readme.count(f"<!-- /generated:{marker} -->") == 1
    assert not LINK.search(readme) and "<script>" not in readme
    assert not any(line.startswith("# Injected") for line in readme.splitlines())

    card = tmp_path / "CARD.md"
    card.write_text("# Card\n", encoding="utf-8")
    assert main(["stats", str(corpus), "--card", str(card)]) == 0
    once = card.read_text(encoding="utf-8")
    assert main(["stats", str(corpus), "--card", str(card)]) == 0
    assert card.read_text(encoding="utf-8") == once
    assert once.count("<!-- /generated:licenses -->") == 1
    assert not LINK.search(once)


# --- 7. coded problems, not tracebacks ---


def test_a_malformed_type_system_is_a_coded_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("cassis")
    src = tmp_path / "src"
    src.mkdir()
    (src / "TypeSystem.xml").write_text("<typeSystemDescription><types>", encoding="utf-8")
    (src / "a.xmi").write_text("<xmi/>", encoding="utf-8")
    assert main(["import", "inception", str(src), "--out", str(tmp_path / "c")]) == 1
    assert codes(capsys.readouterr()) == ["import-malformed"]


@pytest.mark.parametrize(
    "task",
    [
        {"id": 1, "data": ["not", "an", "object"]},
        {"id": 2, "data": {"text": "x", "newsanno": {"id": "x"}}, "annotations": [1, 2]},
        {"id": 3, "data": {"text": "x", "newsanno": ["x"]}},
        {"id": 4, "data": {"text": "x", "newsanno": {"id": "x"}}, "predictions": {"a": 1}},
    ],
)
def test_label_studio_tasks_of_the_wrong_shape_are_coded_problems(
    tmp_path: Path, task: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "tasks.json").write_text(json.dumps([task]), encoding="utf-8")
    out = tmp_path / "corpus"
    assert main(["import", "label-studio", str(tmp_path / "tasks.json"), "--out", str(out)]) == 1
    assert "import-malformed" in codes(capsys.readouterr())


@pytest.mark.parametrize("annotation", ["x", {"layers": "abc"}, {"layers": [{}]}])
def test_a_label_studio_annotation_record_of_the_wrong_shape_is_a_coded_problem(
    tmp_path: Path, annotation: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    """Predictions only, stamped gold on import: the task's own annotation record is read."""
    meta = {"title": "T", "published_source": "unknown", "license": "unknown"}
    task = {
        "data": {"text": "Putin spoke.", "newsanno": {"id": "d0", "meta": meta}},
        "predictions": [{"result": []}],
    }
    task["data"]["newsanno"]["annotation"] = annotation
    (tmp_path / "tasks.json").write_text(json.dumps([task]), encoding="utf-8")
    out = tmp_path / "corpus"
    args = ["import", "label-studio", str(tmp_path / "tasks.json"), "--out", str(out)]
    assert main([*args, "--status", "gold"]) == 1
    assert codes(capsys.readouterr())[0] == "import-malformed"
    assert not out.exists()


@pytest.mark.parametrize(
    "evaluation",
    [
        {
            "figures": {"entities": {"f1": "x"}},
            "headline": [{"figure": "entities", "metric": "f1"}],
        },
        {"figures": {}, "headline": ["entities"]},
        {"figures": {}, "macro_f1": [1]},
    ],
)
def test_show_with_a_malformed_evaluation_is_a_coded_problem(
    tmp_path: Path, evaluation: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "ev.json").write_text(json.dumps(evaluation), encoding="utf-8")
    args = ["show", "--all", "--corpus", str(CORPUS), "--out", str(tmp_path / "site")]
    assert main([*args, "--eval", str(tmp_path / "ev.json")]) == 1
    assert codes(capsys.readouterr()) == ["bad-evaluation"]


@pytest.mark.parametrize("kind", ["file", "dangling-link"])
def test_build_out_that_is_no_folder_is_a_coded_problem(
    tmp_path: Path, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = make_corpus(tmp_path / "corpus")
    out = tmp_path / "dist"
    if kind == "file":
        out.write_text("x", encoding="utf-8")
    else:
        out.symlink_to(tmp_path / "nowhere")
    assert main(["build", str(corpus), "--out", str(out), "--quiet"]) == 1
    assert codes(capsys.readouterr()) == ["bad-output"]
    assert not (tmp_path / "nowhere").exists()


def test_an_import_does_not_overwrite_a_text_that_has_no_annotation_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Regression: an article waiting for its annotations was replaced by the import's text."""
    src = tmp_path / "tml"
    src.mkdir()
    (src / "a-good.tml").write_text(TML.format(id="a-good"), encoding="utf-8")
    corpus = make_corpus(tmp_path / "corpus")
    (corpus / "articles" / "a-good.txt").write_text("Another article.\n", encoding="utf-8")
    before = snapshot(tmp_path)
    assert main(["import", "timeml", str(src), "--out", str(corpus)]) == 1
    assert codes(capsys.readouterr())[0] == "import-text-mismatch"
    assert snapshot(tmp_path) == before
    # the same text waiting there takes its annotations
    fresh = tmp_path / "fresh"
    assert main(["import", "timeml", str(src), "--out", str(fresh)]) == 0
    text = (fresh / "articles" / "a-good.txt").read_bytes()
    (corpus / "articles" / "a-good.txt").write_bytes(text)
    assert main(["import", "timeml", str(src), "--out", str(corpus)]) == 0
    assert (corpus / "annotations" / "a-good.json").is_file()
