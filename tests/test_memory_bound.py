"""Memory does not grow with the corpus: validate and build of 100,000 synthetic documents stay
under 600 MB for the whole process tree (workers included), within 10% of 10,000 documents.

Slow (minutes; the corpora are generated once under $NEWSANNO_BENCH_DIR, default
/tmp/newsanno-bench, and reused by ``benchmarks/run.py``): ``pytest -m slow``."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from conftest import REPO

BENCHMARKS = REPO / "benchmarks"
LIMIT_MB = 600


@pytest.mark.slow
def test_validate_and_build_memory_is_bounded_at_100k(tmp_path: Path) -> None:
    sys.path.insert(0, str(BENCHMARKS))
    try:
        from measure import run_stage
        from run import corpus_for
    finally:
        sys.path.remove(str(BENCHMARKS))
    work = Path(os.environ.get("NEWSANNO_BENCH_DIR", "/tmp/newsanno-bench"))
    work.mkdir(parents=True, exist_ok=True)
    peaks: dict[tuple[str, int], float] = {}
    for docs in (10_000, 100_000):
        corpus, _ = corpus_for(work, docs, seed=0, workers=2)
        for stage in ("validate", "build"):
            params = {
                "corpus": str(corpus),
                "work": str(tmp_path / f"{stage}-{docs}"),
                "workers": 2,
            }
            Path(params["work"]).mkdir()
            argv = [str(BENCHMARKS / "run.py"), "--docs", str(docs), "--stage", stage]
            result = run_stage([*argv, "--params", json.dumps(params)])
            assert result["documents"] == docs
            peaks[stage, docs] = result["peak_rss_mb"]
    for stage in ("validate", "build"):
        assert peaks[stage, 100_000] <= LIMIT_MB, peaks
        assert peaks[stage, 100_000] <= 1.10 * peaks[stage, 10_000], peaks
