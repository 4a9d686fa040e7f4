"""Recorded, stratified, story-stable splits (``newsanno splits``)."""

from __future__ import annotations

import json
import math
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import CORPUS, small_doc_dict
from newsanno.cli import main
from newsanno.corpus import SplitPolicy, read_manifest, write_document
from newsanno.corpus.splits import assign_split, plan_splits
from newsanno.errors import NewsannoError
from newsanno.model import Document

POLICY = SplitPolicy(ratios={"train": 0.7, "validation": 0.1, "test": 0.2})


def sources_of(sizes: dict[str, int]) -> dict[str, str]:
    return {f"{src}-{i:03d}": src for src, n in sizes.items() for i in range(n)}


@given(
    st.dictionaries(
        st.sampled_from(["meantime", "gum", "text", "html"]),
        st.integers(min_value=1, max_value=120),
        min_size=1,
    )
)
@settings(max_examples=40, deadline=None)
def test_every_source_gets_its_share_of_test_and_validation(sizes: dict[str, int]) -> None:
    plan = plan_splits(sources_of(sizes), POLICY)
    for src, n in sizes.items():
        got = [s for d, s in plan.items() if d.startswith(f"{src}-")]
        assert len(got) == n
        # the largest other ratio is served first: test, then validation, the rest to train
        assert got.count("test") == min(n, math.ceil(0.2 * n))
        assert got.count("validation") == min(n - got.count("test"), math.ceil(0.1 * n))


def test_a_source_of_one_document_goes_to_test() -> None:
    assert plan_splits({"seed": "text"}, POLICY) == {"seed": "test"}


def test_on_tied_ratios_a_source_of_one_document_goes_to_test_not_validation() -> None:
    """Regression: on the ratios `newsanno init` writes (0.8 / 0.1 / 0.1) the tie between
    validation and test went to the split named first, validation."""
    init = SplitPolicy()
    assert (init.ratios["validation"], init.ratios["test"]) == (0.1, 0.1)
    assert plan_splits({"a": "text", "b": "html"}, init) == {"a": "test", "b": "test"}
    # also when validation is named after test, and when its ratio is larger
    for ratios in (
        {"train": 8, "test": 1, "validation": 1},
        {"train": 8, "validation": 2, "test": 1},
    ):
        assert plan_splits({"a": "text"}, SplitPolicy(ratios=ratios)) == {"a": "test"}


def test_a_recorded_document_stays_where_the_rule_would_no_longer_put_it() -> None:
    recorded = SplitPolicy(assigned={"a": "validation"})
    plan = plan_splits({"a": "text", "b": "html", "c": "text"}, recorded)
    # a stays in validation; c, its source's second document, completes the source's test quota
    assert plan == {"a": "validation", "b": "test", "c": "test"}


def test_init_add_and_splits_put_single_document_sources_in_test(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Regression: after `init` and `add` of one text file and one HTML page (two sources of one
    document each), `splits` put both in validation and the corpus had no test split."""
    pytest.importorskip("datasketch")
    corpus = tmp_path / "corpus"
    text, html = tmp_path / "talks.txt", tmp_path / "summit.html"
    text.write_text("Berlin talks\n\nLeaders met in Berlin on Monday.\n", encoding="utf-8")
    html.write_text(
        "<html><head><title>Paris summit</title></head><body><article><p>Ministers met in "
        "Paris on Tuesday to talk about trade.</p></article></body></html>",
        encoding="utf-8",
    )
    assert main(["init", str(corpus)]) == 0
    for article in (text, html):
        assert main(["add", str(article), "--corpus", str(corpus)]) == 0
    assert main(["splits", str(corpus)]) == 0
    capsys.readouterr()
    recorded = json.loads((corpus / "splits.json").read_text())["assigned"]
    assert recorded == {"berlin-talks": "test", "paris-summit": "test"}


def test_the_committed_corpus_keeps_its_recorded_splits(tmp_path: Path) -> None:
    pytest.importorskip("datasketch")
    corpus = Path(shutil.copytree(CORPUS, tmp_path / "corpus"))
    assert main(["splits", str(corpus)]) == 0
    assert (corpus / "splits.json").read_bytes() == (CORPUS / "splits.json").read_bytes()


def test_recorded_documents_never_move_when_the_corpus_grows() -> None:
    first = plan_splits(sources_of({"gum": 24}), POLICY)
    recorded = POLICY.model_copy(update={"assigned": first})
    grown = plan_splits(sources_of({"gum": 60, "meantime": 30}), recorded)
    assert {d: grown[d] for d in first} == first
    new = [s for d, s in grown.items() if d.startswith("gum-") and d not in first]
    assert len(new) == 36
    # the quota counts the recorded documents: 20% of all 60 gum documents are test
    assert sum(1 for d, s in grown.items() if d.startswith("gum-") and s == "test") == 12


def test_a_story_stays_in_one_split_and_follows_a_pinned_member() -> None:
    sources = sources_of({"gum": 40})
    story = ["gum-003", "gum-017", "gum-031"]
    plan = plan_splits(sources, POLICY, [story])
    assert len({plan[d] for d in story}) == 1
    pinned = POLICY.model_copy(update={"overrides": {"gum-017": "validation"}})
    plan = plan_splits(sources, pinned, [story])
    assert {plan[d] for d in story} == {"validation"}


def test_assign_split_prefers_the_record_then_the_pin_then_the_hash() -> None:
    policy = POLICY.model_copy(
        update={"assigned": {"a": "test"}, "overrides": {"a": "train", "b": "validation"}}
    )
    assert assign_split("a", policy) == "test"
    assert assign_split("b", policy) == "validation"
    assert assign_split("c", policy) == assign_split("c", POLICY)


def make_corpus(root: Path, n: int) -> Path:
    corpus = root / "corpus"
    for i in range(n):
        d = small_doc_dict()
        d["id"] = f"doc-{i:02d}"
        write_document(corpus, Document.model_validate(d))
    manifest = {
        "name": "t",
        "version": "1.0.0",
        "description": "d",
        "license": "CC-BY-4.0",
        "splits": {"ratios": {"train": 0.7, "validation": 0.1, "test": 0.2}},
    }
    (corpus / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return corpus


def test_splits_command_records_every_document_and_the_build_uses_the_record(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("datasketch")
    corpus = make_corpus(tmp_path, 10)
    assert main(["splits", str(corpus)]) == 0
    recorded = json.loads((corpus / "splits.json").read_text())["assigned"]
    assert sorted(recorded) == [f"doc-{i:02d}" for i in range(10)]
    # ten copies of one text are one story: they stay together
    assert len(set(recorded.values())) == 1
    assert "1 near-duplicate stories kept whole" in capsys.readouterr().out
    assert read_manifest(corpus).splits.assigned == recorded
    # running again changes nothing
    before = (corpus / "splits.json").read_bytes()
    assert main(["splits", str(corpus)]) == 0
    assert (corpus / "splits.json").read_bytes() == before


def test_a_broken_splits_file_is_a_coded_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = make_corpus(tmp_path, 1)
    (corpus / "splits.json").write_text('{"assigned": {"doc-00": 3}}', encoding="utf-8")
    assert main(["stats", str(corpus)]) == 1
    err = capsys.readouterr().err
    assert "splits.json" in err and ": manifest: " in err


@pytest.mark.parametrize(
    "ratios, reason",
    [
        ({}, "at least one split needs a ratio above 0"),
        ({"train": 0, "test": 0}, "at least one split needs a ratio above 0"),
        ({"train": -1, "test": 1}, "splits.ratios.train: Input should be greater than or equal"),
        ({"train": 1e308, "test": 1e308}, "their sum must be a finite number"),
    ],
)
def test_split_ratios_that_cannot_deal_documents_are_a_manifest_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], ratios: dict, reason: str
) -> None:
    corpus = make_corpus(tmp_path, 2)
    path = corpus / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    manifest["splits"] = {"ratios": ratios}
    path.write_text(json.dumps(manifest), encoding="utf-8")
    for command in ("validate", "splits"):
        assert main([command, str(corpus)]) == 1
        out = capsys.readouterr()
        said = out.out + out.err
        assert ": manifest: " in said and reason in said, said
    assert not (corpus / "splits.json").exists()


@pytest.mark.parametrize(
    "change, reason",
    [
        ({"splits": {"overrides": {"d0": "tset"}}}, "overrides: no split 'tset' in ratios"),
        ({"name": "a" * 129}, "name: String should have at most 128 characters"),
        ({"version": "0.1." + "9" * 300}, "manifest: version: '0.1.99"),
    ],
)
def test_validate_refuses_a_manifest_that_build_could_not_use(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], change: dict, reason: str
) -> None:
    """A typo in an override made a split of its own; a name or version too long for a file
    name passed validate and failed the build, blaming --out."""
    corpus = make_corpus(tmp_path, 2)
    path = corpus / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8")) | change
    path.write_text(json.dumps(manifest), encoding="utf-8")
    assert main(["validate", str(corpus)]) == 1
    out = capsys.readouterr()
    assert ": manifest: " in out.out + out.err and reason in out.out + out.err


def test_a_recorded_split_the_manifest_does_not_declare_is_refused(tmp_path: Path) -> None:
    """Regression: splits.json could record a split no ratio declares, and build made it."""
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    path = corpus / "splits.json"
    path.write_text(path.read_text().replace('"gum-clock": "train"', '"gum-clock": "dev"', 1))
    with pytest.raises(NewsannoError) as e:
        read_manifest(corpus)
    assert "no split 'dev'" in str(e.value.problems[0].message)


@pytest.mark.parametrize("name", ["train-x", "all", "auto"])
def test_a_split_name_datasets_or_evaluate_reads_otherwise_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    """Regression: `train-x` built a release that `datasets` refused (and its shards matched
    the pattern of `train`); `all` one it reads as every split."""
    corpus = make_corpus(tmp_path, 2)
    path = corpus / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    manifest["splits"] = {"ratios": {"train": 1, name: 1}}
    path.write_text(json.dumps(manifest), encoding="utf-8")
    out = tmp_path / "dist"
    assert main(["build", str(corpus), "--out", str(out), "--quiet"]) == 1
    err = capsys.readouterr().err
    assert "unsafe-name" in err and f"'{name}'" in err
    assert not out.exists() or not any(out.iterdir())
