"""The code base stays ruff-clean and ruff-formatted (configuration in pyproject.toml)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from conftest import REPO

PATHS = ["src", "tests", "scripts", "benchmarks"]


def _ruff() -> str:
    found = shutil.which("ruff", path=str(REPO / ".venv" / "bin")) or shutil.which("ruff")
    if found is None:
        pytest.skip("ruff is not installed (pip install -e '.[dev]')")
    return found


@pytest.mark.parametrize("args", [["check"], ["format", "--check"]], ids=["check", "format"])
def test_ruff(args: list[str]) -> None:
    paths = [p for p in PATHS if (REPO / p).exists()]
    result = subprocess.run([_ruff(), *args, *paths], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
