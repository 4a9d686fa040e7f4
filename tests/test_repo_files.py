"""The generated and the promised files in the repository are what the code says they are."""

from __future__ import annotations

import re

from conftest import REPO
from newsanno.errors import CATALOGUE, catalogue_markdown


def test_error_catalogue_doc_is_current() -> None:
    assert (REPO / "docs" / "errors.md").read_text(encoding="utf-8") == catalogue_markdown(), (
        "run `python scripts/generate_docs.py`"
    )


def test_error_codes_are_kebab_case() -> None:
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", code) for code in CATALOGUE)


def test_ci_runs_the_readme_test_command() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    fresh = readme.split("## On a fresh machine", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)\n```", fresh, flags=re.S)
    assert len(blocks) == 2, "README gives exactly two fresh-machine commands"
    test_command = blocks[1].strip()
    assert "pytest" in test_command
    assert test_command in (REPO / ".ci" / "run").read_text(encoding="utf-8")
