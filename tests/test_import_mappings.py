"""The mapping tables in docs/import_mappings.md are the importers' own tables."""

from __future__ import annotations

from importlib import import_module

import pytest

from conftest import REPO
from newsanno.errors import CATALOGUE
from newsanno.formats import EXPORTERS, IMPORTERS
from newsanno.formats.mapping import MAPPED_FORMATS, markdown
from newsanno.generated import section


@pytest.mark.parametrize("name", MAPPED_FORMATS)
def test_generated_table_is_current(name: str) -> None:
    rows = import_module(f"newsanno.formats.{name}").MAPPING
    doc = (REPO / "docs" / "import_mappings.md").read_text(encoding="utf-8")
    assert section(doc, name) == markdown(rows), "run python scripts/generate_docs.py"


@pytest.mark.parametrize("name", MAPPED_FORMATS)
def test_every_drop_has_a_catalogued_code(name: str) -> None:
    rows = import_module(f"newsanno.formats.{name}").MAPPING
    dropped = [r for r in rows if r.target is None]
    assert dropped and all(r.code in CATALOGUE for r in dropped)
    assert name in IMPORTERS


def test_timeml_exports() -> None:
    assert "timeml" in EXPORTERS
