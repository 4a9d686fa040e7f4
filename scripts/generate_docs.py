"""Regenerate the files that are written by code: the JSON Schema and the problem-code list."""

from pathlib import Path

from newsanno.errors import catalogue_markdown
from newsanno.formats.mapping import update_docs as update_mapping_docs
from newsanno.model.jsonschema import write_schemas

ROOT = Path(__file__).resolve().parent.parent

if __name__ == "__main__":
    write_schemas(ROOT / "schema")
    (ROOT / "docs" / "errors.md").write_text(catalogue_markdown(), encoding="utf-8")
    update_mapping_docs(ROOT / "docs" / "import_mappings.md", ROOT / "corpus" / "imports")
