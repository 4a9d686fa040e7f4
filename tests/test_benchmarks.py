"""The benchmark harness runs with one command and reports what the specification asks for."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import REPO

RUN = REPO / "benchmarks" / "run.py"


def test_benchmark_runs_and_writes_the_measurements(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    args = ["--docs", "24", "--work", str(tmp_path), "--json", str(out), "--eval-docs", "24"]
    args += ["--stages", "reference,validate,evaluate"]
    done = subprocess.run([sys.executable, str(RUN), *args], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "| reference |" in done.stdout and "nervaluate, same input" in done.stdout
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["docs"] == 24
    assert result["stages"]["reference"]["documents"] == 24
    assert result["stages"]["validate"]["problems"] == 0
    # 4 schemes x (overall + 9 labels that the synthetic corpus uses or predictions invent)
    assert result["stages"]["evaluate"]["figures_compared"] >= 4 * 9
    for key in ("reference_s", "peak_rss_mb", "evaluate_docs_per_s", "nervaluate_docs_per_s"):
        assert result[key] > 0
    assert result["machine"]["cores"] >= 1 and result["machine"]["versions"]["pyarrow"]
    assert result["synth_s"] is not None


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
