"""The package layering of docs/architecture.md, as import-linter contracts (pyproject.toml):
a module that imports from a layer above its own breaks the build of the tests, not a review."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_packages_import_only_from_the_layers_below_them() -> None:
    # its own process: import-linter's command line writes to streams pytest may have closed
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert lint is not None, "import-linter is a dev dependency: pip install -e '.[dev]'"
    run = subprocess.run(
        [lint, "--no-cache", "--config", str(ROOT / "pyproject.toml")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "1 kept, 0 broken" in run.stdout


def test_the_architecture_page_lists_every_layer() -> None:
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    (contract,) = config["tool"]["importlinter"]["contracts"]
    page = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    for layer in contract["layers"]:
        for package in layer.replace("|", ":").split(":"):
            assert f"`{package.strip()}`" in page, package
