"""The one catalogue of problem codes.

Codes are public API: stable, documented in ``docs/errors.md`` (generated), never reused. A
check *yields* :class:`Problem` values; only the CLI decides how to print them and which exit
code follows. Programmer errors are raised as ordinary exceptions, never turned into problems.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class ProblemType:
    code: str
    title: str
    template: str
    severity: Severity = "error"


def _catalogue(*types: ProblemType) -> dict[str, ProblemType]:
    codes = [t.code for t in types]
    if len(codes) != len(set(codes)):
        raise RuntimeError("duplicate problem code in the catalogue")
    return {t.code: t for t in types}


CATALOGUE: dict[str, ProblemType] = _catalogue(
    # --- reading files -------------------------------------------------------------------
    ProblemType("file-not-found", "File not found", "{path} does not exist"),
    ProblemType("not-utf8", "Not UTF-8", "bytes at offset {offset} are not valid UTF-8: {reason}"),
    ProblemType("bom", "Byte order mark", "file starts with a UTF-8 byte order mark; remove it"),
    ProblemType("malformed-json", "Malformed JSON", "{reason}"),
    ProblemType("bad-document-id", "Unsafe document id", "{value!r} is not a safe id: {reason}"),
    ProblemType(
        "id-filename-mismatch",
        "Id does not match file name",
        "document id {doc_id!r} does not match the file name {stem!r}",
    ),
    ProblemType(
        "missing-text", "Annotation without text", "no text file {path} for this annotation file"
    ),
    ProblemType(
        "missing-annotations",
        "Text without annotations",
        "no annotation file {path} for this text file",
    ),
    ProblemType(
        "text-crlf",
        "CRLF line endings",
        "the text has CRLF line endings but its annotations were made on LF text "
        "(a checkout converted line endings?); restore LF endings",
    ),
    ProblemType(
        "text-changed",
        "Text changed",
        "text sha256 is {actual}, annotations were made on {expected}: offsets no longer apply",
    ),
    # --- schema -----------------------------------------------------------------------------
    ProblemType("schema", "Schema violation", "{location}: {reason}"),
    ProblemType("unknown-field", "Unknown field", "{location}: unknown field {field!r}"),
    ProblemType("missing-field", "Missing field", "{location}: required field missing"),
    ProblemType("unknown-label", "Unknown label", "{location}: {value!r} is not one of {allowed}"),
    ProblemType("empty-span", "Empty span", "{location}: end {end} <= start {start}"),
    ProblemType("bad-date-value", "Invalid date value", "{location}: {reason}"),
    # --- integrity ----------------------------------------------------------------------------
    ProblemType(
        "span-out-of-bounds",
        "Span out of bounds",
        "{layer} [{start}, {end}) is outside the text (length {length})",
    ),
    ProblemType(
        "span-text-mismatch",
        "Span text mismatch",
        "{layer} [{start}, {end}) has text {expected!r} in the document but {actual!r} "
        "in the annotation",
    ),
    ProblemType("duplicate-id", "Duplicate id", "id {ann_id!r} is used more than once"),
    ProblemType(
        "duplicate-annotation",
        "Duplicate annotation",
        "identical to {other!r}",
    ),
    ProblemType(
        "dangling-reference",
        "Dangling reference",
        "{field} {target!r} does not resolve to {expected}",
    ),
    ProblemType(
        "reserved-id",
        "Reserved id",
        "entity cluster id {target!r} is reserved for claimants",
    ),
    ProblemType(
        "kb-id-conflict",
        "Conflicting KB ids in a cluster",
        "cluster {entity!r} links to {kb_ids}",
    ),
    ProblemType("zone-overlap", "Overlapping zones", "overlaps zone {other!r}"),
    ProblemType("anchor-cycle", "Anchor cycle", "date anchors form a cycle through {cycle}"),
    ProblemType(
        "layer-not-declared",
        "Annotations for an undeclared layer",
        "{count} {layer} annotations but the layer is not listed in annotation.layers",
    ),
    ProblemType(
        "outside-scope",
        "Annotation outside its layer's scope",
        "{layer} [{start}, {end}) lies outside the annotated regions of the layer",
    ),
    # --- corpus -------------------------------------------------------------------------------
    ProblemType("manifest", "Bad corpus manifest", "{reason}"),
    # --- scale: synthetic corpora, benchmarks, the distributed build ------------------------
    ProblemType(
        "synthetic-target",
        "Not a synthetic corpus folder",
        "{path} holds the corpus {name!r}, not a synthetic one; write synthetic documents "
        "to an empty folder",
    ),
)


@dataclass(frozen=True, slots=True)
class Problem:
    code: str
    message: str
    file: str = ""
    doc_id: str = ""
    annotation_id: str = ""
    severity: Severity = field(default="error")

    def render(self) -> str:
        return f"{self.file}:{self.doc_id}:{self.annotation_id}: {self.code}: {self.message}"


def problem(
    code: str, *, file: str = "", doc_id: str = "", annotation_id: str = "", **fields: object
) -> Problem:
    """Make a problem from the catalogue; an unknown code is a programmer error."""
    ptype = CATALOGUE[code]
    message = ptype.template.format(file=file, doc_id=doc_id, annotation_id=annotation_id, **fields)
    return Problem(code, message, file, doc_id, annotation_id, ptype.severity)


class NewsannoError(Exception):
    """A user-facing failure carrying coded problems; the CLI prints them without a traceback."""

    def __init__(self, problems: list[Problem] | Problem) -> None:
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        super().__init__("\n".join(p.render() for p in self.problems))


def fail(code: str, **kwargs: object) -> NewsannoError:
    """``raise fail("manifest", file=..., reason=...)``: one coded problem as an exception."""
    return NewsannoError(problem(code, **kwargs))  # type: ignore[arg-type]


def catalogue_markdown() -> str:
    """``docs/errors.md``: the public list of codes (a test keeps it in step with the code)."""
    rows = [
        "# Problem codes",
        "",
        "Every problem newsanno reports carries one of these stable codes. Messages name the file,",
        "the document id and the annotation id: `file:doc-id:annotation-id: code: message`.",
        "",
        "| code | severity | title | message |",
        "|---|---|---|---|",
    ]
    for t in CATALOGUE.values():
        template = t.template.replace("|", "\\|").replace("!r", "")
        rows.append(f"| `{t.code}` | {t.severity} | {t.title} | {template} |")
    return "\n".join(rows) + "\n"
