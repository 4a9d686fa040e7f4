"""The Dask path writes the Parquet files the single-machine build writes, with the same rows."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest

from newsanno.distributed import build_parquet
from newsanno.errors import NewsannoError
from newsanno.release import build
from newsanno.synth import write_synthetic_corpus

pytest.importorskip("dask", reason="the distributed extra is not installed")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_synthetic_corpus(tmp_path_factory.mktemp("d") / "c", 40, seed=21, workers=1)


def parquet_files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*.parquet"))


def test_dask_local_processes_write_the_same_rows_as_the_build(
    corpus: Path, tmp_path: Path
) -> None:
    release = build(corpus, tmp_path / "dist", allow_synthetic=True, workers=1, quiet=True)
    report = build_parquet(corpus, tmp_path / "dask", allow_synthetic=True, workers=2)
    files = parquet_files(release.path)
    assert files == parquet_files(tmp_path / "dask") == sorted(report.files)
    assert {f.split("/")[0] for f in files} == {"documents", "ner", "quotes", "claims", "dates"}
    for rel in files:
        ours = pq.read_table(tmp_path / "dask" / rel)
        theirs = pq.read_table(release.path / rel)
        assert ours.schema == theirs.schema
        assert ours.equals(theirs), rel
    assert report.documents == release.documents == 40
    assert report.rows == release.rows
    # 40 documents, 5 quotes each, whatever the split
    assert sum(report.rows["quotes"].values()) == 200


def test_dask_path_refuses_synthetic_documents_and_leaves_no_output(
    corpus: Path, tmp_path: Path
) -> None:
    with pytest.raises(NewsannoError) as err:
        build_parquet(corpus, tmp_path / "out", scheduler="sync")
    assert {p.code for p in err.value.problems} == {"synthetic-document"}
    assert list(tmp_path.iterdir()) == []


def test_dask_path_refuses_an_existing_output(corpus: Path, tmp_path: Path) -> None:
    with pytest.raises(NewsannoError) as err:
        build_parquet(corpus, tmp_path, allow_synthetic=True, scheduler="sync")
    assert [p.code for p in err.value.problems] == ["output-exists"]
