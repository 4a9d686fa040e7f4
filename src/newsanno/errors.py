"""The one catalogue of problem codes.

Codes are public API: stable, documented in ``docs/errors.md`` (generated), never reused. A
check *yields* :class:`Problem` values; only the CLI decides how to print them and which exit
code follows. Programmer errors are raised as ordinary exceptions, never turned into problems.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from string import Formatter
from typing import Any, Literal

Severity = Literal["error", "warning"]

#: What every problem has; a message template may name them, but they are not its fields.
WHERE = ("file", "doc_id", "annotation_id")


@dataclass(frozen=True, slots=True)
class ProblemType:
    code: str
    title: str
    template: str
    severity: Severity = "error"
    fields: tuple[str, ...] = field(init=False)
    """The values a problem of this code carries: the template's names, in its order."""

    def __post_init__(self) -> None:
        names = (name for _, name, _, _ in Formatter().parse(self.template) if name)
        fields = tuple(dict.fromkeys(n for n in names if n not in WHERE))
        object.__setattr__(self, "fields", fields)


def _catalogue(*types: ProblemType) -> dict[str, ProblemType]:
    codes = [t.code for t in types]
    if len(codes) != len(set(codes)):
        raise RuntimeError("duplicate problem code in the catalogue")
    for t in types:
        clash = _RESERVED.intersection(t.fields)
        if clash or not all(name.isidentifier() for name in t.fields):
            raise RuntimeError(f"{t.code}: field names {sorted(clash)} are taken or not names")
    return {t.code: t for t in types}


@dataclass(frozen=True, slots=True)
class Problem:
    """One coded problem: where it is (``file``, ``doc_id``, ``annotation_id``) and the values
    its code's template names (``p.start``, ``p.line``; all of them as :attr:`fields`).

    The message is rendered from these on demand, so a problem costs a few pointers until it is
    printed; values are kept as given (``values`` in the order of ``CATALOGUE[code].fields``).
    """

    code: str
    file: str = ""
    doc_id: str = ""
    annotation_id: str = ""
    values: tuple[Any, ...] = ()
    added: tuple[str, ...] = ()
    """Names of further values a check gave (their values follow the code's in ``values``)."""
    note: str = ""
    """Said after the message in parentheses, e.g. the id an imported annotation got."""

    @property
    def names(self) -> tuple[str, ...]:
        """The names of ``values``: the code's fields, then ``added``."""
        fields = CATALOGUE[self.code].fields
        return fields + self.added if self.added else fields

    @property
    def severity(self) -> Severity:
        return CATALOGUE[self.code].severity

    @property
    def fields(self) -> dict[str, Any]:
        return dict(zip(self.names, self.values, strict=True))

    def __getattr__(self, name: str) -> Any:
        """A field by name: ``p.start``; only called when ``name`` is no attribute."""
        if name in _SLOTS:  # not set yet (while unpickling)
            raise AttributeError(name)
        try:
            return self.values[self.names.index(name)]
        except ValueError:
            raise AttributeError(f"a {self.code!r} problem has no field {name!r}") from None

    def __hash__(self) -> int:
        # field values may be unhashable (a JSON list in a bad label); equal problems agree here
        return hash((self.code, self.file, self.doc_id, self.annotation_id))

    def __reduce__(self) -> tuple[Any, ...]:
        where = (self.code, self.file, self.doc_id, self.annotation_id)
        return Problem, (*where, self.values, self.added, self.note)

    @property
    def message(self) -> str:
        template = CATALOGUE[self.code].template
        where = {"file": self.file, "doc_id": self.doc_id, "annotation_id": self.annotation_id}
        shown = {name: _shortened(value) for name, value in self.fields.items()}
        message = template.format(**where, **shown)
        return f"{message} ({self.note})" if self.note else message

    def render(self) -> str:
        """``file:doc-id:annotation-id: code: message``; a problem of a whole file (no document
        or annotation) as ``file: code: message``. One line whatever the data holds: a newline
        or terminal escape in an id or a file name is shown escaped, never acted on."""
        if not self.doc_id and not self.annotation_id:
            where = f"{self.file}: " if self.file else ""
            line = f"{where}{self.code}: {self.message}"
        else:
            line = f"{self.file}:{self.doc_id}:{self.annotation_id}: {self.code}: {self.message}"
        return printable(line)

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of ``newsanno validate --format json`` (shape in docs/errors.md)."""
        out: dict[str, Any] = {
            "code": self.code,
            "severity": self.severity,
            "file": self.file,
            "doc_id": self.doc_id,
            "annotation_id": self.annotation_id,
        }
        out.update(self.fields)
        if self.note:
            out["note"] = self.note
        out["message"] = self.message
        return out


_SHOWN = 400


def excerpt(text: str) -> str:
    """A long text from the data (a 100,000-character word, a whole span) as its two ends and
    its length: a message stays a line to read, and a problem per span of a long text does not
    hold the text once per span."""
    if len(text) > _SHOWN:
        return f"{text[: _SHOWN - 100]}...[{len(text):,} characters]...{text[-60:]}"
    return text


def _shortened(value: Any) -> Any:
    """A field's value as a message shows it (the problem keeps the value)."""
    return excerpt(value) if isinstance(value, str) else value


def printable(text: str) -> str:
    """``text`` with every character that is not printable (a newline, CR, a terminal escape,
    a line or paragraph separator, a bidirectional override) shown as its Python escape: text
    from the data is shown, never acted on by a terminal or a reader of lines."""
    return text if text.isprintable() else "".join(map(_printable, text))


def _printable(ch: str) -> str:
    return ch if ch.isprintable() else repr(ch)[1:-1]


_SLOTS = frozenset(("code", "file", "doc_id", "annotation_id", "values", "added", "note"))
#: Names a field cannot have: they are the problem's own attributes or keys of its JSON object.
_RESERVED = frozenset(name for name in dir(Problem) if not name.startswith("_")) | {"message"}


def problem(
    code: str, *, file: str = "", doc_id: str = "", annotation_id: str = "", **fields: Any
) -> Problem:
    """Make a problem from the catalogue: every field its code's message names, and any further
    values worth keeping (a source label), kept as fields after those. An unknown code, a
    missing field or a further value under a reserved name is a programmer error."""
    names = CATALOGUE[code].fields
    try:
        values = tuple([fields[name] for name in names])
    except KeyError as e:
        raise TypeError(f"problem {code!r} takes the fields {names}; {e} is missing") from None
    if len(fields) == len(names):
        return Problem(code, file, doc_id, annotation_id, values)
    added = tuple(name for name in fields if name not in names)
    if _RESERVED.intersection(added):
        raise TypeError(f"problem {code!r}: {sorted(_RESERVED.intersection(added))} are reserved")
    values += tuple(fields[name] for name in added)
    return Problem(code, file, doc_id, annotation_id, values, added)


CATALOGUE: dict[str, ProblemType] = _catalogue(
    # --- reading files -------------------------------------------------------------------
    ProblemType("file-not-found", "File not found", "{path} does not exist"),
    ProblemType("unreadable-file", "Unreadable file", "cannot be read: {reason}"),
    ProblemType(
        "os-error",
        "Refused by the operating system",
        "the operating system refused: {reason}",
    ),
    ProblemType("not-utf8", "Not UTF-8", "bytes at offset {offset} are not valid UTF-8: {reason}"),
    ProblemType("bom", "Byte order mark", "file starts with a UTF-8 byte order mark; remove it"),
    ProblemType("malformed-json", "Malformed JSON", "{reason}"),
    ProblemType("bad-document-id", "Unsafe document id", "{value!r} is not a safe id: {reason}"),
    ProblemType("unsafe-name", "Unsafe name", "{what} {value!r} is not a safe name: {reason}"),
    ProblemType(
        "outside-root",
        "Path leads outside its folder",
        "{path} leads outside {root} (a symbolic link, '..' or an absolute path); newsanno "
        "neither reads nor writes there",
    ),
    ProblemType(
        "too-large",
        "Input expands too much",
        "{what} expands to more than {limit} bytes; refused (a decompression bomb?)",
    ),
    ProblemType(
        "xml-dtd",
        "XML with a document type declaration",
        "the XML declares a DTD (<!DOCTYPE ...>); entity declarations can expand without "
        "bound, so XML with a DTD is refused: remove the declaration",
    ),
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
    ProblemType(
        "duplicate-key",
        "Key given twice",
        "{location}: the key {key!r} is given more than once in one object; readers keep only "
        "its last value, so the others would be lost: keep one",
    ),
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
    ProblemType(
        "span-cuts-word",
        "Span cuts a word",
        "{layer} [{start}, {end}) begins or ends at code point {at}, inside the word {word!r}; "
        "spans cover whole words (the ner config would split the word into two tokens)",
        severity="warning",
    ),
    ProblemType(
        "span-edge-whitespace",
        "Span starts or ends on whitespace",
        "{layer} [{start}, {end}) {text!r} starts or ends on whitespace; spans start and end "
        "on the first and last character of what they cover",
        severity="warning",
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
        "scope-overlap",
        "Overlapping layer scopes",
        "{layer} is declared more than once and two declarations cover [{start}, {end}) (a "
        "declaration without regions covers the whole text)",
    ),
    ProblemType(
        "automatic-gold",
        "Unchecked extractor output marked gold",
        "{layer} in [{start}, {end}) was made automatically and nobody checked it, so it is "
        "silver: set status 'silver', or method 'corrected' once every item was checked",
    ),
    ProblemType(
        "outside-scope",
        "Annotation outside its layer's scope",
        "{layer} [{start}, {end}) lies outside the annotated regions of the layer",
    ),
    # --- corpus -------------------------------------------------------------------------------
    ProblemType("manifest", "Bad corpus manifest", "{reason}"),
    ProblemType(
        "corpus-exists",
        "Corpus already started",
        "{path} already has a manifest; edit it rather than starting again",
    ),
    ProblemType(
        "not-a-corpus",
        "Not a corpus directory",
        "{path} is not a corpus directory (manifest.json, articles/, annotations/): {reason}",
    ),
    # --- releases (newsanno build / rehydrate) ------------------------------------------------
    ProblemType("bad-version", "Bad release version", "{value!r} is not a version X.Y.Z"),
    ProblemType(
        "synthetic-document",
        "Synthetic document in a release",
        "the document is synthetic (meta.synthetic); build with --allow-synthetic to release it",
    ),
    ProblemType("empty-corpus", "Nothing to release", "{path} holds no documents"),
    ProblemType("unknown-document", "No such document", "{path} holds no document with this id"),
    ProblemType(
        "unknown-split", "No such split", "{path} has no split {split!r} (splits: {known})"
    ),
    ProblemType(
        "release-exists",
        "Release version already used",
        "{path} already holds release {version} with different content; a released version "
        "never changes: bump the version in the manifest or pass --version",
    ),
    ProblemType("not-a-release", "Not a release", "{path}: {reason}"),
    ProblemType(
        "bad-output",
        "Output cannot be written there",
        "cannot write {path}: {reason}",
    ),
    ProblemType(
        "ner-overlapping-mention",
        "Overlapping mention left out of the ner config",
        "entity [{start}, {end}) overlaps the longer mention {other!r}; BIO tags keep one",
        severity="warning",
    ),
    ProblemType(
        "ner-split-word",
        "Word split into two tokens",
        "entity [{start}, {end}) cuts the word {word!r} at code point {at}: the ner config "
        "splits it into the tokens {left!r} and {right!r}",
        severity="warning",
    ),
    ProblemType(
        "ner-unaligned-mention",
        "Mention covers no token",
        "entity [{start}, {end}) covers no token (whitespace only?); not in the ner config",
        severity="warning",
    ),
    ProblemType(
        "ner-outside-scope",
        "Sentence outside the annotated entity regions",
        "sentence [{start}, {end}) lies outside the regions where entities were annotated (or "
        "the entities layer is not declared): its tokens are not gold 'O' tags; not in the ner "
        "config",
        severity="warning",
    ),
    ProblemType(
        "rehydrate-missing-text",
        "No text to rehydrate",
        "the release withholds this text and no file in {path} has it (sha256 {sha256})",
    ),
    ProblemType(
        "rehydrate-text-mismatch",
        "Text differs from the released one",
        "text has sha256 {actual} but the release was annotated on {expected}: a different "
        "version of the article, or an edited copy; offsets would not apply",
    ),
    # --- interop: importing and exporting annotation-tool and training formats ----------------
    ProblemType(
        "import-text-mismatch",
        "Imported text differs from the corpus",
        "the {format} text (sha256 {actual}) is not the corpus text (sha256 {expected}); "
        "first difference at code point {offset}: offsets would not apply, nothing imported",
    ),
    ProblemType(
        "import-unknown-document",
        "Imported document not in the corpus",
        "{format} does not carry {missing}; add the article first (newsanno add)",
    ),
    ProblemType("import-malformed", "Malformed import file", "{reason}"),
    ProblemType(
        "import-nothing-found",
        "Nothing to import",
        "no {what} in this {place}; it holds {found}",
    ),
    ProblemType(
        "import-duplicate-document",
        "Document given twice",
        "{other} gives this document id as well: one of the two documents would be lost, "
        "so nothing is imported",
    ),
    ProblemType(
        "import-dropped",
        "Item not imported",
        "{what} is not imported: {reason}",
        severity="warning",
    ),
    ProblemType(
        "import-conflict",
        "Import would overwrite newer annotations",
        "{reason}: importing would replace its {layers}; nothing imported (pass --replace to "
        "import over them)",
    ),
    ProblemType(
        "import-replaced",
        "Annotations replaced",
        "{reason}: its {layers} were replaced by the imported ones (--replace)",
        severity="warning",
    ),
    ProblemType(
        "export-edited",
        "Export would overwrite edited files",
        "changed since it was exported; nothing exported (pass --replace to overwrite it, or "
        "export into another folder)",
    ),
    ProblemType(
        "export-replaced",
        "Edited file replaced",
        "changed since it was exported, and replaced by this export (--replace)",
        severity="warning",
    ),
    ProblemType(
        "export-kept",
        "Edited file of a document no longer exported kept",
        "an earlier export wrote it for a document this export does not have, and it or "
        "another file of that document changed since: kept (remove it by hand when the work "
        "in it is saved)",
        severity="warning",
    ),
    ProblemType(
        "import-tokens-mismatch",
        "Imported tokens differ from the corpus text",
        "line {line}: token {word!r} is not the corpus text {found!r} at code point {offset}; "
        "the file was made from another text, nothing imported",
    ),
    ProblemType(
        "import-unaligned",
        "Span does not align",
        "{layer} [{start}, {end}) in {unit}: {reason}",
    ),
    ProblemType(
        "import-would-drop",
        "Import would delete annotations",
        "the corpus document holds {what} that the {format} import does not carry: importing "
        "would delete them; nothing imported (import into another folder and merge by hand)",
    ),
    ProblemType(
        "not-carried",
        "Not carried by the format",
        "{format} cannot carry {count} {what}",
        severity="warning",
    ),
    ProblemType(
        "xml-unsafe-character",
        "Character XML cannot carry",
        "{where} holds {code_point} at {offset}, which XML 1.0 cannot carry (not even as a "
        "character reference); the document is not exported",
    ),
    ProblemType(
        "xml-unsafe-name",
        "Name XML cannot carry",
        "{where} would be written as the XML attribute name {name!r}, which is none (an XML "
        "name without a namespace prefix, not 'xmlns'); the document is not exported",
    ),
    ProblemType(
        "missing-extra",
        "Optional dependency missing",
        "{package} is not installed; install it with: pip install 'newsanno[{extra}]'",
    ),
    # --- importing annotated corpora: MEANTIME, GUM, TimeML ----------------------------------
    ProblemType(
        "unanchored-mention",
        "Mention without tokens",
        "{what} has no token anchor: no span to import",
        severity="warning",
    ),
    ProblemType(
        "unanchored-timex",
        "TIMEX3 without text",
        "TIMEX3 with value {value!r} covers no text: no span to import",
        severity="warning",
    ),
    ProblemType(
        "discontinuous-span",
        "Discontinuous span",
        "{what} covers parts of the text that are not adjacent, or not in order; a span "
        "cannot have gaps",
        severity="warning",
    ),
    ProblemType(
        "untyped-mention",
        "Mention without an entity",
        "the mention refers to no entity instance, so it has no type",
        severity="warning",
    ),
    ProblemType(
        "extra-referent",
        "Mention with two referents",
        "the mention also refers to {target!r}; only its first referent is kept",
        severity="warning",
    ),
    ProblemType(
        "label-not-mapped",
        "Source label without a counterpart",
        "{source} label {label!r} has no counterpart in the label set (docs/import_mappings.md)",
        severity="warning",
    ),
    ProblemType(
        "temporal-mention",
        "Temporal entity mention",
        "a time mention belongs to the dates layer, not to entities",
        severity="warning",
    ),
    ProblemType(
        "invalid-timex",
        "Date value outside TIMEX3",
        "type {type!r} with value {value!r} is not valid TIMEX3",
        severity="warning",
    ),
    ProblemType(
        "date-range",
        "Date range",
        "a range ({value}) has no single TIMEX3 value",
        severity="warning",
    ),
    ProblemType(
        "not-reported-speech",
        "Quotation marks without speech",
        "<{tag}> marks quoted words (titles, scare quotes), not reported speech",
        severity="warning",
    ),
    ProblemType(
        "duplicate-import",
        "Duplicate annotation in the source",
        "the {layer} annotation repeats another one exactly",
        severity="warning",
    ),
    ProblemType(
        "pronoun-not-annotated",
        "Relative or demonstrative pronoun",
        "the pronoun {text!r} is relative or demonstrative: the guidelines (E6.1) do not "
        "annotate it",
        severity="warning",
    ),
    ProblemType(
        "name-overlap",
        "Name inside a name",
        "the name {text!r} lies inside the name {other!r}; names do not nest, so it is left out",
        severity="warning",
    ),
    ProblemType(
        "import-incomplete",
        "Import written only whole",
        "{failed} of {total} source files did not become valid documents (see the problems "
        "above); nothing was written",
    ),
    ProblemType(
        "published-date-conflict",
        "Publication dates disagree",
        "the source metadata says {metadata}, the article's date line says {dateline!r} "
        "({dateline_date}); the document uses {used}",
        severity="warning",
    ),
    ProblemType(
        "erratum-unused",
        "Erratum not applied",
        "the erratum for the {layer} record {text!r} expects {field} {found!r}, which the source "
        "no longer gives: check whether the source was corrected, then update or remove the "
        "erratum",
        severity="warning",
    ),
    ProblemType(
        "anchor-not-imported",
        "Date anchor not imported",
        "the anchor {target!r} was not imported; the anchor is left empty",
        severity="warning",
    ),
    ProblemType(
        "sentence-not-in-text",
        "Token text differs from the sentence text",
        "sentence {sentence!r}: token {token!r} not found at code point {offset} of its text",
    ),
    # --- ingestion: adding articles, pre-annotation -----------------------------------------
    ProblemType(
        "add-would-move-offsets",
        "Adding would move existing offsets",
        "{count} annotations were made on the corpus text, which differs from the new text "
        "from code point {offset} on ({reason}); annotate again or add under a new id",
    ),
    ProblemType(
        "add-exists", "Document already in the corpus", "{reason}; pass --replace to overwrite"
    ),
    ProblemType(
        "add-duplicate",
        "Duplicate article",
        "the text is identical to document {other!r} (sha256 {sha256})",
    ),
    ProblemType(
        "add-near-duplicate",
        "Near-duplicate article",
        "estimated word-shingle Jaccard {score:.2f} >= {threshold} with {other!r}: {action}",
        severity="warning",
    ),
    ProblemType("add-no-text", "No article text", "{reason}"),
    ProblemType("unknown-extractor", "Unknown extractor", "no extractor {name!r}; known: {known}"),
    ProblemType("bad-extractor", "Unusable extractor", "{name}: {reason}"),
    # --- scale: synthetic corpora, benchmarks, the distributed build ------------------------
    ProblemType(
        "synthetic-target",
        "Not a synthetic corpus folder",
        "{path} holds {what}, not a synthetic corpus; write synthetic documents to an empty folder",
    ),
    ProblemType(
        "output-exists",
        "Output folder exists",
        "{path} already exists; write the Parquet files to a new folder",
    ),
    # --- evaluation: newsanno evaluate / predict / leaderboard -------------------------------
    ProblemType("gold-not-found", "No gold to evaluate against", "{reason}"),
    ProblemType("pred-malformed", "Malformed prediction", "{reason}"),
    ProblemType(
        "pred-text-mismatch",
        "Prediction made on another text",
        "prediction text sha256 is {actual}, the gold text's is {expected}: its offsets do not "
        "apply to the gold text",
    ),
    ProblemType(
        "pred-unknown-document",
        "Prediction for an unknown document",
        "no gold document with this id",
    ),
    ProblemType(
        "pred-duplicate-document",
        "Second prediction for a document",
        "this document was already predicted on an earlier line",
    ),
    ProblemType(
        "pred-empty",
        "No predictions",
        "{path} holds no prediction line; an extractor that finds nothing still writes one "
        "line per document, with empty lists",
    ),
    ProblemType(
        "pred-no-layers",
        "Prediction without layers",
        "the line predicts no layer: give annotation.layers or at least one of the lists "
        "entities, quotes, claims, dates (an empty list predicts no annotations)",
    ),
    ProblemType(
        "pred-layer-not-predicted",
        "Layer to score not predicted",
        "{layer} is to be scored but this prediction does not predict it (it predicts: "
        "{declared}); drop it from --layers or predict it",
    ),
    ProblemType("eval-bad-layer", "Unknown layer to evaluate", "{layer!r}: choose from {allowed}"),
    ProblemType(
        "no-training-data",
        "No training data",
        "{reason}",
    ),
    ProblemType(
        "training-without-entities",
        "Training documents without entities",
        "the {count} training documents in {source} hold no entity mention, so a trained "
        "extractor (the gazetteer) finds nothing; pass --train with an annotated corpus",
        severity="warning",
    ),
    # --- viewer: newsanno show ---------------------------------------------------------------
    ProblemType(
        "bad-evaluation",
        "Unreadable evaluation results",
        "{reason}; expected the JSON object `newsanno evaluate --format json` writes",
    ),
)


EXAMPLES = 5  # problems printed per code before the rest are counted


def summarised(problems: list[Problem], examples: int = EXAMPLES) -> list[str]:
    """Rendered problems, at most ``examples`` per code, then one line counting the rest of
    each code: a build of 3,000 documents that are all synthetic needs five lines, not 3,000."""
    seen: dict[str, int] = {}
    lines = []
    for p in problems:
        seen[p.code] = seen.get(p.code, 0) + 1
        if seen[p.code] <= examples:
            lines.append(p.render())
    for code, n in seen.items():
        if n > examples:
            lines.append(f"... and {n - examples} more {code} problems ({n} in all)")
    return lines


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
    example = problem(
        "span-out-of-bounds",
        file="corpus/annotations/doc-1.json",
        doc_id="doc-1",
        annotation_id="m2",
        layer="entities",
        start=120,
        end=10000,
        length=1834,
    )
    rows = [
        "# Problem codes",
        "",
        "Every problem newsanno reports carries one of these stable codes. Messages name the file,",
        "the document id and the annotation id: `file:doc-id:annotation-id: code: message`.",
        "",
        "## Fields",
        "",
        "A problem keeps what its message says as fields: the positions and values named in its",
        "code's message (the *fields* column below), next to `file`, `doc_id` and `annotation_id`.",
        "In Python they are attributes of `newsanno.errors.Problem` (`p.start`, `p.line`; all of",
        "them as `p.fields`). `newsanno validate --format json` writes one object per problem and",
        "line:",
        "",
        "```json",
        json.dumps(example.to_dict(), separators=(",", ":")),
        "```",
        "",
        "- always: `code`, `severity` (`error` or `warning`), `file`, `doc_id`, `annotation_id`",
        "  (an empty string when the problem concerns a whole file or document) and `message`, the",
        "  text the plain output prints;",
        "- the code's fields, each under its name: offsets are code points, spans half-open",
        "  `[start, end)`; a value JSON has no type for (a path) is written as its text;",
        "- after them, any further value the check kept under its own name (e.g. `label` and",
        "  `source` of a mention an importer left out);",
        "- `note`, only when the message has an addition, e.g. the id an imported annotation got.",
        "",
        "## Codes",
        "",
        "| code | severity | title | fields | message |",
        "|---|---|---|---|---|",
    ]
    for t in CATALOGUE.values():
        template = t.template.replace("|", "\\|").replace("!r", "")
        fields = ", ".join(f"`{name}`" for name in t.fields)
        rows.append(f"| `{t.code}` | {t.severity} | {t.title} | {fields} | {template} |")
    return "\n".join(rows) + "\n"
