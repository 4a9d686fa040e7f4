"""The benchmark harness runs with one command, and what it reports holds together: every stage
asked for, run over the whole corpus, the build and the reference writing the same documents,
memory measured, and the figures it derives computed from the timings it reports."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO
from newsanno.generated import section

RUN = REPO / "benchmarks" / "run.py"
DOCS = 24
STAGES = ("reference", "validate", "build", "floor", "evaluate")


@pytest.fixture(scope="module")
def bench(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, str, Path]:
    work = tmp_path_factory.mktemp("bench")
    out = work / "results.json"
    args = ["--docs", str(DOCS), "--work", str(work), "--json", str(out)]
    args += ["--eval-docs", str(DOCS), "--stages", ",".join(STAGES)]
    (work / "scale.md").write_text("# Scale\n\nWritten by hand.\n", encoding="utf-8")
    args += ["--page", str(work / "scale.md")]
    done = subprocess.run([sys.executable, str(RUN), *args], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return json.loads(out.read_text(encoding="utf-8")), done.stdout, work / f"synth-0-{DOCS}"


def corpus_content(corpus: Path) -> str:
    """The (id, text) digest of the corpus, straight from its article files."""
    pairs = sorted(
        (p.name.removesuffix(".txt"), hashlib.sha256(p.read_bytes()).hexdigest())
        for p in (corpus / "articles").glob("*.txt")
    )
    assert len(pairs) == DOCS
    return hashlib.sha256("".join(f"{i}\t{h}\n" for i, h in pairs).encode()).hexdigest()


def test_every_stage_ran_over_the_whole_corpus(bench: tuple[dict, str, Path]) -> None:
    result, _, _ = bench
    assert result["docs"] == DOCS
    assert tuple(result["stages"]) == STAGES
    stages = result["stages"]
    for name in ("reference", "validate", "build"):
        assert stages[name]["documents"] == DOCS, name
    assert stages["validate"]["problems"] == 0
    assert sum(stages["build"]["rows"]["documents"].values()) == DOCS
    # 5 quotes per synthetic document, whatever the split
    assert sum(stages["build"]["rows"]["quotes"].values()) == 5 * DOCS
    assert stages["evaluate"]["documents"] == DOCS
    # 4 schemes x (overall + 9 labels that the synthetic corpus uses or predictions invent)
    assert stages["evaluate"]["figures_compared"] >= 4 * 9


def test_the_build_and_the_reference_wrote_the_corpus_documents(
    bench: tuple[dict, str, Path],
) -> None:
    result, stdout, corpus = bench
    expected = corpus_content(corpus)
    assert result["stages"]["reference"]["content"] == expected
    assert result["stages"]["build"]["content"] == expected
    assert result["same_documents"] is True
    assert "documents (id, text) written by both: the same" in stdout


def test_derived_figures_come_from_the_reported_timings(bench: tuple[dict, str, Path]) -> None:
    result, stdout, _ = bench
    stages = result["stages"]
    ref, val, bld, low, ev = (stages[n] for n in STAGES)
    for stage in (ref, val, bld, low):
        # the timed work happens inside the stage's process, whose wall time includes start-up
        assert 0 < stage["seconds"] < stage["wall_s"]
    assert 0 < 3 * ev["ours_s"] + ev["nervaluate_s"] < ev["wall_s"]
    for stage in (ref, val, bld, ev):
        assert stage["peak_rss_mb"] > 10  # a Python process with pyarrow, at least
        assert stage["max_process_rss_mb"] > 10
    assert result["reference_s"] == ref["seconds"]
    assert result["validate_build_s"] == bld["seconds"]
    assert result["ratio"] == pytest.approx(bld["seconds"] / ref["seconds"])
    assert result["build_docs_per_s"] == pytest.approx(DOCS / bld["seconds"])
    assert result["reference_docs_per_s"] == pytest.approx(DOCS / ref["seconds"])
    assert result["peak_rss_mb"] == max(val["peak_rss_mb"], bld["peak_rss_mb"])
    assert result["evaluate_speedup"] == pytest.approx(ev["nervaluate_s"] / ev["ours_s"])
    assert low["seconds"] == pytest.approx(low["read_s"] + low["encode_s"])
    assert low["read_s"] > 0 and low["encode_s"] > 0
    # two workers by default
    assert result["floor_ratio"] == pytest.approx(low["seconds"] / 2 / ref["seconds"])
    assert f"ratio (validated build / reference) = {result['ratio']:.2f}" in stdout
    assert f"| build | {bld['seconds']:.1f} | {DOCS / bld['seconds']:,.0f} |" in stdout
    assert result["machine"]["cores"] >= 1 and result["machine"]["versions"]["pyarrow"]
    assert result["synth_s"] is not None


def test_the_page_gets_the_run_the_aims_and_the_projection(
    bench: tuple[dict, str, Path],
) -> None:
    result, _, corpus = bench
    page = (corpus.parent / "scale.md").read_text(encoding="utf-8")
    assert page.startswith("# Scale\n\nWritten by hand.\n")
    run = section(page, "scale-run")
    assert run is not None
    met = "yes" if result["ratio"] <= 1.0 else "**no**"
    assert f"| validated build / reference <= 1.0 | {result['ratio']:.2f} | {met} |" in run
    minutes = result["stages"]["build"]["seconds"] * 1_000_000 / DOCS / 60
    assert f"build {minutes:,.0f} min" in run
    assert f"--docs {DOCS}`" in run


def test_corpus_is_generated_once_and_reused(tmp_path: Path) -> None:
    sys.path.insert(0, str(RUN.parent))
    try:
        from run import corpus_for
    finally:
        sys.path.remove(str(RUN.parent))
    corpus, seconds = corpus_for(tmp_path, 3, seed=1, workers=1)
    assert seconds is not None and (corpus / ".complete").exists()
    stamp = (corpus / "annotations" / "synth-1-0000000.json").stat().st_mtime_ns
    again, seconds = corpus_for(tmp_path, 3, seed=1, workers=1)
    assert (again, seconds) == (corpus, None)
    assert (corpus / "annotations" / "synth-1-0000000.json").stat().st_mtime_ns == stamp


def test_dates_benchmark_refuses_a_work_directory_in_use(tmp_path: Path) -> None:
    """Its imports go into fixed subfolders: a second run into the same folder is refused with a
    message, and what the folder holds is left alone."""
    kept = tmp_path / "notes.txt"
    kept.write_text("mine\n", encoding="utf-8")
    script = REPO / "scripts" / "benchmark_dates.py"
    args = [sys.executable, str(script), "--work", str(tmp_path), "--no-docs"]
    done = subprocess.run(args, capture_output=True, text=True)
    assert done.returncode == 2
    assert "not empty" in done.stderr and "Traceback" not in done.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]
    assert kept.read_text(encoding="utf-8") == "mine\n"


def test_dates_benchmark_scores_the_tbaq_training_part(tmp_path: Path) -> None:
    """TBAQ files are imported from a folder of their own and scored: the training part only,
    every file of it, none left out."""
    from test_timeml import SAMPLE

    tbaq = tmp_path / "data" / "tempeval3" / "TBAQ-cleaned" / "TimeBank"
    tbaq.mkdir(parents=True)
    names = [f"APW{n:04d}" for n in range(40)]
    training = [
        n for n in names if int(hashlib.sha256(f"{n}.tml".encode()).hexdigest(), 16) % 100 >= 22
    ]
    for name in names:
        (tbaq / f"{name}.tml").write_text(
            SAMPLE.replace("APW19980227.0476", name), encoding="utf-8"
        )
    script = REPO / "scripts" / "benchmark_dates.py"
    args = [sys.executable, str(script), "--data", str(tmp_path / "data"), "--part", "training"]
    done = subprocess.run([*args, "--bootstrap", "10"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "left out" not in done.stderr
    assert f"| TBAQ-cleaned training part | {len(training)} |" in done.stdout
    assert "held-out" not in done.stdout
