"""Releases: what ``newsanno build`` writes loads with the real ``datasets`` library offline and
holds exactly what the corpus holds."""

from __future__ import annotations

import hashlib
import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings

from conftest import CORPUS, REPO, SEED_ID, small_doc_dict, span
from newsanno.cli import main
from newsanno.corpus import read_documents, write_document
from newsanno.corpus.manifest import SplitPolicy, read_manifest
from newsanno.corpus.splits import assign_split, split_ids
from newsanno.errors import NewsannoError
from newsanno.model import Document
from newsanno.model.tokens import tokenize
from newsanno.release import build, build_release, config_rows, document_from_row, document_row
from newsanno.release.arrow import DOCUMENT_SCHEMA, NER_TAGS
from newsanno.release.tokens import sentences
from strategies import documents

os.environ["HF_HUB_OFFLINE"] = "1"
MANIFEST = (
    '{"name": "newsanno", "version": "1.0.0", "description": "test corpus", '
    '"license": "CC-BY-4.0"}\n'
)


def make_corpus(root: Path, *docs: dict[str, Any]) -> Path:
    corpus = root / "corpus"
    for d in docs:
        write_document(corpus, Document.model_validate(d))
    (corpus / "manifest.json").write_text(MANIFEST, encoding="utf-8")
    return corpus


def doc_dict(doc_id: str, **meta: Any) -> dict[str, Any]:
    d = small_doc_dict()
    d["id"] = doc_id
    d["meta"] = {**d["meta"], **meta}
    return d


def load(release: Path, config: str | None = None, **kwargs: Any) -> Any:
    import datasets

    cache = release.parent / f".hf-cache-{config}-{kwargs.get('split')}"
    return datasets.load_dataset(str(release), config, cache_dir=str(cache), **kwargs)


@pytest.fixture(scope="module")
def release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("release")
    corpus = make_corpus(root, small_doc_dict(), doc_dict("other-doc"))
    return build_release(corpus, root / "dist", quiet=True)


# --- splits -------------------------------------------------------------------------------


def test_split_is_a_hash_of_salt_and_id() -> None:
    policy = SplitPolicy(ratios={"train": 0.5, "test": 0.5}, salt="s")
    for doc_id in ("a", "b", "c", "d"):
        h = int(hashlib.sha256(f"s\0{doc_id}".encode()).hexdigest()[:16], 16) / 2**64
        assert assign_split(doc_id, policy) == ("train" if h < 0.5 else "test")


def test_a_document_keeps_its_split_when_the_corpus_grows() -> None:
    policy = SplitPolicy()
    small = split_ids([f"doc-{i}" for i in range(50)], policy)
    large = split_ids([f"doc-{i}" for i in range(500)], policy)
    for split, ids in small.items():
        assert set(ids) <= set(large[split])


def test_overrides_pin_documents_and_empty_splits_are_left_out() -> None:
    policy = SplitPolicy(overrides={"b": "test"})
    assert split_ids(["b"], policy) == {"test": ["b"]}


# --- tokens and sentences -----------------------------------------------------------------


def test_tokens_split_at_whitespace_nbsp_and_annotation_boundaries() -> None:
    text = "On\u00a0Wednesday O\u2019Neill\u2019s Kremlin-backed (U.S.) plan"
    words = [text[s:e] for s, e in tokenize(text, [text.index("backed")])]
    assert words == [
        "On",
        "Wednesday",
        "O\u2019Neill\u2019s",
        "Kremlin-",
        "backed",
        "(",
        "U.S",
        ".",
        ")",
        "plan",
    ]


def test_sentences_end_at_lines_and_full_stops_but_not_inside_mentions() -> None:
    text = 'He said no. Then he left.\nNext "one." and the St. Louis fan'
    louis = text.index("St. Louis")
    spans = sentences(text, [(louis, louis + 9)])
    assert [text[s:e] for s, e in spans] == [
        "He said no. ",
        "Then he left.\n",
        'Next "one." and the St. Louis fan',
    ]


# --- rows and round trips -----------------------------------------------------------------


@settings(max_examples=40, deadline=None)
@given(documents())
def test_document_rows_round_trip_through_arrow(doc: Document) -> None:
    table = pa.Table.from_pylist([document_row(doc, withhold=False)], schema=DOCUMENT_SCHEMA)
    assert document_from_row(table.to_pylist()[0]) == doc


@settings(max_examples=40, deadline=None)
@given(documents())
def test_derived_rows_point_at_the_text(doc: Document) -> None:
    rows, problems = config_rows(doc, withhold=False)
    text = doc.text
    tagged = []
    for row in rows["ner"]:
        spans = list(zip(row["token_starts"], row["token_ends"], strict=True))
        assert row["tokens"] == [text[s:e] for s, e in spans]
        assert all(not t.isspace() and t.strip() == t for t in row["tokens"])
        tagged += [(s, NER_TAGS[t]) for (s, _), t in zip(spans, row["ner_tags"], strict=True)]
    begins = {s for s, tag in tagged if tag.startswith("B-")}
    dropped = {p.annotation_id for p in problems if p.code != "ner-split-word"}
    lead = {m.id: len(m.text) - len(m.text.lstrip()) for m in doc.entities}
    names = [m for m in doc.entities if m.mention_type == "name" and m.id not in dropped]
    assert begins == {m.start + lead[m.id] for m in names}
    for config in ("quotes", "claims", "dates"):
        for row in rows[config]:
            assert row["context"][row["start"] : row["end"]] == row["text"]
            start = row["context_start"] + row["start"]
            assert text[start : start + len(row["text"])] == row["text"]
    for row in rows["quotes"]:
        if row["cue_start"] is not None:
            assert 0 <= row["cue_start"] <= row["cue_end"] <= len(row["context"])
            assert row["context"][row["cue_start"] : row["cue_end"]] == row["cue_text"]


def test_each_config_loads_offline_and_the_documents_equal_the_corpus(release: Path) -> None:
    corpus_docs = list(read_documents(release.parent.parent / "corpus"))
    ds = load(release)
    rows = [r for split in ds.values() for r in split]
    assert sorted(document_from_row(r).id for r in rows) == ["other-doc", "small-doc"]
    assert {document_from_row(r).id: document_from_row(r) for r in rows} == {
        d.id: d for d in corpus_docs
    }
    for config in ("ner", "quotes", "claims", "dates"):
        assert len(load(release, config, split="train")) > 0


def test_ner_rows_are_sentences_with_bio_class_labels(release: Path) -> None:
    from datasets import ClassLabel

    ner = load(release, "ner", split="train")
    tags = ner.features["ner_tags"].feature
    assert isinstance(tags, ClassLabel) and tags.names == list(NER_TAGS)
    rows = [r for r in ner if r["document_id"] == "small-doc"]
    assert [r["tokens"] for r in rows] == [
        ["Moscow", "denies", "it", "."],
        ["On", "Wednesday", "Dmitry", "Peskov", "said", '"', "talks", "are", "dragging", '"', "."],
        ["\U0001f600"],
    ]
    assert [tags.int2str(t) for t in rows[1]["ner_tags"]] == [
        "O", "O", "B-PERSON", "I-PERSON", "O", "O", "O", "O", "O", "O", "O",
    ]  # fmt: skip
    assert [tags.int2str(t) for t in rows[0]["ner_tags"]] == ["B-GPE", "O", "O", "O"]
    assert rows[1]["token_starts"][:2] == [19, 22] and rows[1]["token_ends"][:2] == [21, 31]


def test_quote_claim_and_date_rows_carry_their_context(release: Path) -> None:
    line = 'On\u00a0Wednesday Dmitry Peskov said "talks are dragging". \U0001f600'
    (quote,) = [r for r in load(release, "quotes", split="train") if r["id"] == "small-doc:q1"]
    assert quote["context"] == line and quote["context_start"] == 19
    assert line[quote["start"] : quote["end"]] == "talks are dragging"
    assert (quote["speaker_name"], quote["speaker_label"], quote["cue_text"]) == (
        "Dmitry Peskov",
        "PERSON",
        "said",
    )
    claims = {r["id"]: r for r in load(release, "claims", split="train")}
    c2 = claims["small-doc:c2"]
    assert (c2["context"], c2["start"], c2["end"]) == ("Moscow denies it.", 0, 16)
    assert (c2["claimant_name"], c2["claimant_label"]) == ("Moscow", "GPE")
    assert c2["relations"] == [{"type": "denies", "target": "c1"}]
    assert claims["small-doc:c1"]["reported_by"] == "q1"
    dates = {r["id"]: r for r in load(release, "dates", split="train")}
    t1 = dates["small-doc:t1"]
    assert t1["context"] == 'On\u00a0Wednesday Dmitry Peskov said "talks are dragging".'
    assert (t1["value"], t1["anchor"], t1["anchor_value"]) == (
        "2022-04-06",
        "document",
        "2022-04-06",
    )


def test_front_matter_features_are_the_parquet_columns(release: Path) -> None:
    import yaml

    from newsanno.release.card import split_front_matter

    front, _ = split_front_matter((release / "README.md").read_text(encoding="utf-8"))
    for info in yaml.safe_load(front)["dataset_info"]:
        config = info["config_name"]
        names = [f["name"] for f in info["features"]]
        for path in (release / config).glob("*.parquet"):
            assert pq.read_schema(path).names == names
        assert sum(s["num_examples"] for s in info["splits"]) == sum(
            pq.read_metadata(p).num_rows for p in (release / config).glob("*.parquet")
        )


def test_manifest_overrides_move_a_document_to_its_pinned_split(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path, small_doc_dict(), doc_dict("other-doc"))
    manifest = MANIFEST.replace("}\n", ', "splits": {"overrides": {"other-doc": "test"}}}\n')
    (corpus / "manifest.json").write_text(manifest, encoding="utf-8")
    ds = load(build_release(corpus, tmp_path / "dist", quiet=True))
    assert {name: [r["id"] for r in split] for name, split in ds.items()} == {
        "train": ["small-doc"],
        "test": ["other-doc"],
    }


def test_streaming_yields_the_same_first_row(release: Path) -> None:
    stream = load(release, "ner", split="train", streaming=True)
    assert next(iter(stream)) == load(release, "ner", split="train")[0]


def test_parquet_row_groups_are_bounded_and_zstd(release: Path) -> None:
    meta = pq.ParquetFile(release / "ner" / "train-00000.parquet").metadata
    assert meta.row_group(0).column(0).compression == "ZSTD"
    assert all(meta.row_group(i).num_rows <= 1000 for i in range(meta.num_row_groups))


def test_croissant_validates_and_lists_every_record_set(release: Path) -> None:
    import mlcroissant as mlc

    ds = mlc.Dataset(str(release / "croissant.json"))
    assert [rs.name for rs in ds.metadata.record_sets] == [
        "documents", "ner", "quotes", "claims", "dates",
    ]  # fmt: skip
    ids = sorted(r["documents/id"] for r in ds.records("documents"))
    assert ids == [b"other-doc", b"small-doc"]


def test_committed_corpus_round_trips_with_every_config_in_every_split(tmp_path: Path) -> None:
    out = build_release(CORPUS, tmp_path / "dist", quiet=True)
    rows = sorted((r for split in load(out).values() for r in split), key=lambda r: r["id"])
    assert [document_from_row(r) for r in rows] == list(read_documents(CORPUS))
    assert SEED_ID in {r["id"] for r in rows}
    # a benchmark: every config has train, validation and test, test holding 20% or more
    for config in ("documents", "ner", "quotes", "claims", "dates"):
        assert set(load(out, config)) == {"train", "validation", "test"}, config
    splits = load(out)
    assert len(splits["test"]) >= 0.2 * len(rows) and len(splits["validation"]) >= 0.1 * len(rows)


# --- integrity ----------------------------------------------------------------------------


def test_rebuilds_are_byte_identical_and_a_same_content_rebuild_is_a_no_op(
    tmp_path: Path,
) -> None:
    corpus = make_corpus(tmp_path, small_doc_dict(), doc_dict("other-doc"), doc_dict("c"))
    first = build(corpus, tmp_path / "a", quiet=True, workers=2)
    second = build(corpus, tmp_path / "b", quiet=True, workers=1)
    assert (first.path / "SHA256SUMS").read_bytes() == (second.path / "SHA256SUMS").read_bytes()
    again = build(corpus, tmp_path / "a", quiet=True)
    assert again.created is False and first.created is True


def test_a_released_version_never_changes(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path, small_doc_dict())
    build(corpus, tmp_path / "dist", quiet=True)
    changed = doc_dict("small-doc", title="Another title")
    write_document(corpus, Document.model_validate(changed))
    with pytest.raises(NewsannoError) as e:
        build(corpus, tmp_path / "dist", quiet=True)
    assert [p.code for p in e.value.problems] == ["release-exists"]
    assert build(corpus, tmp_path / "dist", quiet=True, version="1.0.1").created


@pytest.mark.parametrize("exists", [False, True], ids=["new folders", "existing folder"])
def test_a_failed_build_leaves_nothing(tmp_path: Path, exists: bool) -> None:
    """Not even the folders it made for --out."""
    corpus = make_corpus(tmp_path, small_doc_dict(), doc_dict("other-doc"))
    (corpus / "articles" / "other-doc.txt").write_text("changed", encoding="utf-8")
    out = tmp_path / "releases" / "dist"
    if exists:
        out.mkdir(parents=True)
    with pytest.raises(NewsannoError) as e:
        build(corpus, out, quiet=True)
    assert "text-changed" in {p.code for p in e.value.problems}
    assert {p.doc_id for p in e.value.problems} == {"other-doc"}
    if exists:
        assert list(out.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", *(["releases"] * exists)]


def test_an_interrupted_build_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsanno.release import builder as release_module

    def interrupt(root: Path) -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr(release_module, "write_checksums", interrupt)
    corpus = make_corpus(tmp_path, small_doc_dict())
    with pytest.raises(KeyboardInterrupt):
        build(corpus, tmp_path / "dist", quiet=True)
    assert not (tmp_path / "dist").exists()


def test_synthetic_documents_need_allow_synthetic(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path, doc_dict("small-doc", synthetic=True))
    with pytest.raises(NewsannoError) as e:
        build(corpus, tmp_path / "dist", quiet=True)
    assert [(p.code, p.doc_id) for p in e.value.problems] == [("synthetic-document", "small-doc")]
    out = build_release(corpus, tmp_path / "dist", quiet=True, allow_synthetic=True)
    assert "**Synthetic data:** 1 document(s)" in (out / "README.md").read_text(encoding="utf-8")


def test_nested_mentions_keep_the_longest_and_are_counted(tmp_path: Path) -> None:
    d = small_doc_dict()
    text = d["text"]
    start = text.index("Peskov")
    d["entities"].append(
        {"id": "m3", "start": start, "end": start + 6, "text": "Peskov", "label": "PERSON"}
    )
    report = build(make_corpus(tmp_path, d), tmp_path / "dist", quiet=True)
    assert [(p.code, p.annotation_id) for p in report.warnings] == [
        ("ner-overlapping-mention", "m3")
    ]
    assert "| `ner-overlapping-mention` | 1 |" in (report.path / "README.md").read_text("utf-8")


def test_ner_tags_names_only_so_pronouns_and_nominals_get_no_tag_and_no_warning() -> None:
    d = small_doc_dict()
    text = d["text"]
    d["entities"] += [
        {
            **span(text, "it"),
            "id": "m3",
            "label": "GPE",
            "entity": "russia",
            "mention_type": "pronoun",
        },
        {**span(text, "Peskov said"), "id": "m4", "label": "PERSON", "mention_type": "nominal"},
    ]
    rows, problems = config_rows(Document.model_validate(d), withhold=False)
    assert [[NER_TAGS[t] for t in r["ner_tags"]] for r in rows["ner"]] == [
        ["B-GPE", "O", "O", "O"],
        ["O", "O", "B-PERSON", "I-PERSON", "O", "O", "O", "O", "O", "O", "O"],
        ["O"],
    ]
    assert problems == [], "a nominal overlapping a name is not an overlapping NER mention"


def test_sentences_outside_the_entity_regions_are_left_out_and_counted(tmp_path: Path) -> None:
    d = small_doc_dict()
    emoji = d["text"].index("\U0001f600")
    d["annotation"]["layers"][1] = {"layer": "entities", "regions": [{"start": 0, "end": emoji}]}
    report = build(make_corpus(tmp_path, d), tmp_path / "dist", quiet=True)
    assert [(p.code, p.start, p.end) for p in report.warnings] == [
        ("ner-outside-scope", emoji, emoji + 1)
    ]
    ner = load(report.path, "ner", split="train")
    assert [r["tokens"][0] for r in ner] == ["Moscow", "On"]
    assert "| `ner-outside-scope` | 1 |" in (report.path / "README.md").read_text("utf-8")


def test_a_document_without_an_entities_layer_has_no_ner_rows() -> None:
    d = small_doc_dict()
    d["annotation"]["layers"] = [{"layer": "dates"}]
    d.update(zones=[], entities=[], quotes=[], claims=[])
    rows, problems = config_rows(Document.model_validate(d), withhold=False)
    assert rows["ner"] == [] and len(rows["dates"]) == 1
    assert [p.code for p in problems] == ["ner-outside-scope"] * 3


def test_cli_builds_with_defaults_twice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_corpus(tmp_path, small_doc_dict())
    monkeypatch.chdir(tmp_path)
    assert main(["build", "--quiet"]) == 0
    assert main(["build", "--quiet"]) == 0
    assert (tmp_path / "dist" / "newsanno-1.0.0" / "SHA256SUMS").is_file()
    assert main(["build", "--quiet", "--version", "1.0"]) == 1


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_drawn_on_a_terminal_unless_quiet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = make_corpus(tmp_path, small_doc_dict(), doc_dict("other-doc"))
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    build(corpus, tmp_path / "a", workers=1)
    assert "\rbuilding: 2/2 documents, " in terminal.getvalue()
    terminal.truncate(0)
    build(corpus, tmp_path / "b", quiet=True)
    assert terminal.getvalue().strip("\x00") == ""


def test_no_progress_lines_when_stderr_is_a_file_or_pipe(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = make_corpus(tmp_path, small_doc_dict(), doc_dict("other-doc"))
    build(corpus, tmp_path / "a", workers=1)
    assert capsys.readouterr().err == ""


def test_stats_command_prints_counts_per_split_layer_and_label(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = make_corpus(tmp_path, small_doc_dict())
    assert main(["stats", str(corpus)]) == 0
    out = capsys.readouterr().out
    for row in (
        "| source (documents) | train | total |",
        "| text | 1 | 1 |",
        "| zones | headline | 1 | 1 |",
        "| entities | GPE | 1 | 1 |",
        "| entities | PERSON | 1 | 1 |",
        "| quotes | direct | 1 | 1 |",
        "| claims | claim | 2 | 2 |",
        "| claims | denies | 1 | 1 |",
        "| dates | DATE | 1 | 1 |",
        "| not stated | CC-BY-4.0 | - | - | full | 1 |",
    ):
        assert row in out


# --- the committed card -------------------------------------------------------------------


def test_committed_card_sections_are_current() -> None:
    from newsanno.generated import section
    from newsanno.release import corpus_stats
    from newsanno.release.stats import imports_table

    card = (REPO / "DATASET_CARD.md").read_text(encoding="utf-8")
    stats = corpus_stats(CORPUS)
    assert section(card, "stats") == stats.stats_table(), "run `newsanno stats --card ...`"
    assert section(card, "licenses") == stats.licenses_table()
    assert section(card, "provenance") == stats.provenance_table()
    assert section(card, "imports") == imports_table(CORPUS)


@pytest.mark.slow
def test_benchmark_build_stays_within_the_memory_bound() -> None:
    import re
    import subprocess
    import sys

    out = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "bench_build.py"), "--docs", "6000"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    parent, worker = map(int, re.search(r"parent (\d+) MB.*worker (\d+) MB", out).groups())
    assert parent <= 600 and worker <= 600, out


def test_sigterm_stops_a_command_as_ctrl_c_does(tmp_path: Path) -> None:
    """`timeout`, CI cancellation and `docker stop` send SIGTERM: the command ends with the
    same cleanup and message as on Ctrl-C (here while it waits on a pipe nobody writes)."""
    fifo = tmp_path / "pred.jsonl"
    os.mkfifo(fifo)
    cmd = [sys.executable, "-m", "newsanno", "evaluate", "--gold", str(CORPUS), "--pred", str(fifo)]
    run = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True)
    time.sleep(1.5)
    run.send_signal(signal.SIGTERM)
    _, err = run.communicate(timeout=30)
    assert run.returncode == 130
    assert err.strip() == "interrupted"


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL], ids=["TERM", "KILL"])
def test_a_killed_build_leaves_no_worker_behind(tmp_path: Path, sig: signal.Signals) -> None:
    """Worker processes end with their build, even one killed outright: an orphan went on
    writing into a folder the next build had removed as abandoned."""
    corpus = tmp_path / "synth"
    assert main(["synth", "--out", str(corpus), "--docs", "6000"]) == 0
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "newsanno", "build", str(corpus), "--out", str(out)]
    run = subprocess.Popen([*cmd, "--allow-synthetic", "--quiet", "--workers", "2"])
    time.sleep(3)
    workers = subprocess.run(["pgrep", "-P", str(run.pid)], capture_output=True, text=True)
    assert workers.stdout.split(), "the build had not started its workers"
    run.send_signal(sig)
    run.wait(timeout=30)
    deadline = time.monotonic() + 1.5  # a worker polls its parent every 0.5 s
    alive = workers.stdout.split()
    while alive and time.monotonic() < deadline:
        time.sleep(0.2)
        alive = [w for w in alive if _running(int(w))]
    assert alive == []
    if sig == signal.SIGTERM:
        assert run.returncode == 130 and list(out.iterdir()) == []


def _running(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return False


def test_a_card_template_that_is_not_utf8_is_reported(
    small_corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Regression: a DATASET_CARD.md beside the corpus in another encoding was a traceback."""
    (small_corpus.parent / "DATASET_CARD.md").write_bytes(b"# Caf\xe9 news\n")
    out = tmp_path / "dist"
    assert main(["build", str(small_corpus), "--out", str(out), "--quiet"]) == 1
    assert "not-utf8" in capsys.readouterr().err
    assert not out.exists() or not any(out.iterdir())


@pytest.mark.parametrize("there", ["empty folder", "file", "other files"])
def test_what_stands_at_the_release_path_is_named_for_what_it_is(
    tmp_path: Path, there: str
) -> None:
    """Regression: all three were reported as a release of this version with other content."""
    corpus = make_corpus(tmp_path, small_doc_dict())
    final = tmp_path / "dist" / f"{read_manifest(corpus).name}-1.0.0"
    final.parent.mkdir()
    if there == "file":
        final.write_text("notes\n", encoding="utf-8")
    else:
        final.mkdir()
        if there == "other files":
            (final / "notes.txt").write_text("notes\n", encoding="utf-8")
    if there == "empty folder":
        assert build(corpus, tmp_path / "dist", quiet=True, version="1.0.0").path == final
        assert (final / "SHA256SUMS").is_file()
        return
    with pytest.raises(NewsannoError) as e:
        build(corpus, tmp_path / "dist", quiet=True, version="1.0.0")
    assert [p.code for p in e.value.problems] == ["bad-output"]
    assert "not a release" in e.value.problems[0].message
