"""A build killed with SIGKILL at any point leaves the previous release as it was and no partial
release; two builds of one version racing each other end with one intact release."""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsanno.errors import problem
from newsanno.files import LockedFolder, remove_abandoned
from newsanno.release.metadata import verify_release
from newsanno.release.results import EXAMPLES, ShardResult
from newsanno.release.workdir import Workdir
from newsanno.synth import write_synthetic_corpus

NAME = "synthetic"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_synthetic_corpus(tmp_path_factory.mktemp("k") / "c", 16, seed=11, workers=1)


def build_cmd(corpus: Path, out: Path, version: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "newsanno",
        "build",
        str(corpus),
        "--out",
        str(out),
        "--version",
        version,
        "--allow-synthetic",
        "--quiet",
        "--workers",
        "2",
    ]


def snapshot(root: Path) -> dict[str, str]:
    """Every file of a directory tree with its sha256 (independent of the build's own sums)."""
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def releases(out: Path) -> list[str]:
    """Directories a user (or ``load_dataset``) would take for releases: the visible ones."""
    return sorted(p.name for p in out.iterdir() if not p.name.startswith("."))


def test_sigkill_at_random_points_leaves_the_previous_release_intact(
    corpus: Path, tmp_path: Path
) -> None:
    out = tmp_path / "dist"
    started = time.perf_counter()
    subprocess.run(build_cmd(corpus, out, "0.1.0"), check=True, capture_output=True)
    duration = time.perf_counter() - started
    previous = snapshot(out / f"{NAME}-0.1.0")
    rng = random.Random(20260406)
    kills = 3
    for k in range(kills):
        # one kill in each third of a build's duration: start-up, shards, publishing
        delay = duration * (k + rng.random()) / kills
        proc = subprocess.Popen(
            build_cmd(corpus, out, "0.2.0"),
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(delay)
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        assert snapshot(out / f"{NAME}-0.1.0") == previous
        if (out / f"{NAME}-0.2.0").exists():
            # the kill came after the release was published: then it must be whole
            verify_release(out / f"{NAME}-0.2.0")
            shutil.rmtree(out / f"{NAME}-0.2.0")
        assert releases(out) == [f"{NAME}-0.1.0"]
    # after the kills the version builds normally, with the same files as the first release
    # (same corpus, only the version differs)
    subprocess.run(build_cmd(corpus, out, "0.2.0"), check=True, capture_output=True)
    assert releases(out) == [f"{NAME}-0.1.0", f"{NAME}-0.2.0"]
    verify_release(out / f"{NAME}-0.2.0")
    parquet = {k: v for k, v in previous.items() if k.endswith(".parquet")}
    assert parquet
    assert {k: v for k, v in snapshot(out / f"{NAME}-0.2.0").items() if k in parquet} == parquet
    # and that build removed what the killed ones left behind
    assert not [p.name for p in out.iterdir() if p.name.startswith(".")]


def _die_holding(home: Path, *names: str) -> list[Path]:
    """The work folders of a process killed (SIGKILL) while it held them."""
    script = (
        "import os, signal, sys\nfrom pathlib import Path\n"
        "from newsanno.files import LockedFolder\n"
        "folders = [LockedFolder(Path(sys.argv[1]), name) for name in sys.argv[2:]]\n"
        "for f in folders: (f.path / 'part').write_text('x'); print(f.path, flush=True)\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    run = subprocess.run([sys.executable, "-c", script, str(home), *names], capture_output=True)
    assert run.returncode == -signal.SIGKILL, run.stderr
    return [Path(line) for line in run.stdout.decode().split()]


def test_only_abandoned_work_directories_are_removed(tmp_path: Path) -> None:
    live = Workdir(tmp_path, "x-1.0.0")
    abandoned, other = _die_holding(tmp_path, "x-1.0.0", "y-1.0.0")
    # a user's folder and file whose names only look like a work folder and its lock
    (tmp_path / ".x-1.0.0.notes").mkdir()
    (tmp_path / ".x-1.0.0.notes.lock").write_text("mine\n")
    try:
        assert remove_abandoned(tmp_path, "x-1.0.0") == [abandoned]
        assert live.path.is_dir() and live.lock.is_file()
        assert other.is_dir()
    finally:
        live.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".x-1.0.0.notes",
        ".x-1.0.0.notes.lock",
        other.name,
        other.name + ".lock",
    ]
    LockedFolder(tmp_path, "y-1.0.0").close()  # the next one working on y removes y's
    assert sorted(p.name for p in tmp_path.iterdir()) == [".x-1.0.0.notes", ".x-1.0.0.notes.lock"]


def test_a_shard_counts_every_warning_but_keeps_a_bounded_number(tmp_path: Path) -> None:
    result = ShardResult()
    result.warn(
        [problem("ner-outside-scope", doc_id=f"d{i}", start=0, end=1) for i in range(EXAMPLES + 50)]
    )
    assert result.dropped == {"ner-outside-scope": EXAMPLES + 50}
    assert len(result.warnings) == EXAMPLES


def test_two_concurrent_builds_of_one_version_end_with_one_intact_release(
    corpus: Path, tmp_path: Path
) -> None:
    out = tmp_path / "dist"
    procs = [
        subprocess.Popen(
            build_cmd(corpus, out, "0.3.0"),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    results = [p.communicate() for p in procs]
    for p, (_, stderr) in zip(procs, results, strict=True):
        assert p.returncode == 0, stderr
        assert "Traceback" not in stderr
    verbs = sorted(stdout.split(" ", 1)[0] for stdout, _ in results)
    assert verbs == ["built", "unchanged"]
    assert releases(out) == [f"{NAME}-0.3.0"]
    verify_release(out / f"{NAME}-0.3.0")
    assert not [p for p in out.iterdir() if p.name.startswith(".")]
