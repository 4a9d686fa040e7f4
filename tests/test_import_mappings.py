"""The mapping tables in docs/import_mappings.md are the importers' own tables."""

from __future__ import annotations

from importlib import import_module

import pytest

from conftest import REPO
from newsanno.errors import CATALOGUE
from newsanno.formats.mapping import MAPPED_FORMATS, markdown
from newsanno.formats.registry import exporters, importers
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
    assert name in importers()


def test_timeml_exports() -> None:
    assert "timeml" in exporters()


@pytest.mark.parametrize(
    ("first", "last", "value"),
    [
        ("2014-01-20", "2014-01-26", "2014-W04"),  # Monday to Sunday
        ("2015-09-19", "2015-09-20", "2015-W38-WE"),  # Saturday and Sunday
        ("2010-09-01", "2010-09-30", "2010-09"),
        ("2010-01-01", "2010-12-31", "2010"),
        ("1960-01-01", "1969-12-31", "196"),
        ("1900-01-01", "1999-12-31", "19"),
        ("2006-02-19", "2006-02-26", None),  # Sunday to Sunday: eight days
        ("1965-01-01", "1974-12-31", None),  # ten years, not a decade
        ("2022-06-01", "2022-08-31", None),
        ("2022", "2023", None),
    ],
)
def test_gum_ranges_of_one_calendar_unit(first: str, last: str, value: str | None) -> None:
    from newsanno.formats.gum import calendar_unit

    assert calendar_unit(first, last) == value


def test_rules_and_counts_sections_are_current() -> None:
    from newsanno.formats.mapping import (
        all_rules,
        counts_markdown,
        import_counts,
        rules_markdown,
    )

    doc = (REPO / "docs" / "import_mappings.md").read_text(encoding="utf-8")
    counts = import_counts(REPO / "corpus" / "imports")
    assert set(counts) == {"meantime", "gum"}
    converted = {s: c["converted"] for s, c in counts.items()}
    assert section(doc, "rules") == rules_markdown(all_rules(), converted)
    assert section(doc, "import-counts") == counts_markdown(counts)


def test_every_counted_rule_and_code_is_documented() -> None:
    from newsanno.formats.mapping import all_rules, import_counts

    names = [r.name for r in all_rules()]
    assert len(names) == len(set(names))
    for counts in import_counts(REPO / "corpus" / "imports").values():
        assert set(counts["converted"]) <= set(names)
        assert set(counts["dropped"]) <= set(CATALOGUE)
