"""The package layering of docs/architecture.md, as import-linter contracts (pyproject.toml):
a module that imports from a layer above its own breaks the build of the tests, not a review."""

from __future__ import annotations

import os
from pathlib import Path

from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parent.parent


def test_packages_import_only_from_the_layers_below_them(capsys) -> None:
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        code = lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True)
    finally:
        os.chdir(cwd)
    out = capsys.readouterr().out
    assert code == 0, out
    assert "1 kept, 0 broken" in out


def test_the_architecture_page_lists_every_layer() -> None:
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    (contract,) = config["tool"]["importlinter"]["contracts"]
    page = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    for layer in contract["layers"]:
        for package in layer.replace("|", ":").split(":"):
            assert f"`{package.strip()}`" in page, package
