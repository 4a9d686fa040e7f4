"""The checks of the models and of :mod:`newsanno.model.checks`, on a batch of annotation files
at once: plain-value checks on the parsed JSON, then vectorised ones on its Arrow form.

This is a filter, not a second validator. A document it passes is one the model path
(:class:`~newsanno.model.document.AnnotationFile` plus ``check_document``) accepts without an
error or a warning; a document it *flags* may be anything, and is re-read by the model path,
which names its problems. So the checks here may flag too much, never too little, and the
problems reported are always the model path's. The shape and field constraints are generated
from the models (their fields, defaults and JSON Schema); the rules written as Python code in
the models (model validators, ``IsoDate``) and the cross-record checks are mirrored here, and a
test fails when a model or ``checks.CHECKS`` gains one that is not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache, lru_cache
from typing import Any, get_args, get_origin

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from pydantic import BaseModel

from .checks import anchor_cycles
from .columns import model_of, nullable, unwrap
from .document import AnnotationFile, Extent, Metadata, Quote, Source, Span, Timex
from .labels import DOCUMENT_ANCHOR, RESERVED_CLAIMANTS
from .layers import layer_names
from .timex import TYPE_KINDS, value_kind

LIST = "[]"  # a step through a list in a column path
Path = tuple[str, ...]


# --- columns of a batch --------------------------------------------------------------------


class Columns:
    """Values at a path of the batch, flattened through lists, with the document each value
    belongs to and whether its record is present (a null parent record has no values)."""

    def __init__(self, array: pa.StructArray) -> None:
        self.n = len(array)
        self._cache: dict[Path, tuple[pa.Array, np.ndarray, np.ndarray]] = {
            (): (array, np.arange(self.n), np.ones(self.n, dtype=bool))
        }

    def get(self, path: Path) -> tuple[pa.Array, np.ndarray, np.ndarray]:
        if path not in self._cache:
            array, doc, present = self.get(path[:-1])
            if path[-1] == LIST:
                parents = pc.list_parent_indices(array).to_numpy()
                self._cache[path] = (array.flatten(), doc[parents], present[parents])
            else:
                if array.null_count:
                    present = present & _mask(array.is_valid())
                self._cache[path] = (array.field(path[-1]), doc, present)
        return self._cache[path]

    def records(self, path: Path) -> tuple[np.ndarray, np.ndarray]:
        """The document of each record at ``path``, and whether it is there (not null)."""
        array, doc, present = self.get(path)
        return doc, present & _mask(array.is_valid())

    def ints(self, path: Path) -> np.ndarray:
        """Integers at ``path`` as int64, a null as 0 (nulls are flagged by the field rules)."""
        values = pc.fill_null(self.get(path)[0], 0)
        return values.to_numpy(zero_copy_only=False).astype(np.int64)

    def parents(self, path: Path) -> np.ndarray:
        """For each value under the list at ``path``, the index of its list's record."""
        return pc.list_parent_indices(self.get(path)[0]).to_numpy()


def _mask(array: pa.Array) -> np.ndarray:
    return np.asarray(array.to_numpy(zero_copy_only=False), dtype=bool)


# --- rules generated from the models -------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    """Constraints on the values at one path, from the model's field and its JSON Schema."""

    path: Path
    not_null: bool = False
    enum: tuple[Any, ...] | None = None
    pattern: str | None = None
    minimum: int | None = None
    maximum: int | None = None
    min_items: int | None = None


def _alternative(prop: dict[str, Any]) -> dict[str, Any]:
    """The non-null alternative of a property (``X | None`` is ``anyOf: [X, null]``)."""
    for alt in prop.get("anyOf", [prop]):
        if alt.get("type") != "null":
            return alt
    return prop


def _constraints(path: Path, alt: dict[str, Any], not_null: bool) -> Rule:
    enum = alt.get("enum", [alt["const"]] if "const" in alt else None)
    return Rule(
        path,
        not_null=not_null,
        enum=None if enum is None else tuple(enum),
        pattern=alt.get("pattern"),
        minimum=alt.get("minimum"),
        maximum=alt.get("maximum"),
        min_items=alt.get("minItems"),
    )


@cache
def rules(model: type[BaseModel] = AnnotationFile) -> tuple[Rule, ...]:
    """The rules of every field that has a constraint."""
    defs = AnnotationFile.model_json_schema(mode="validation").get("$defs", {})
    return tuple(r for r in _rules(model, (), defs) if r != Rule(r.path))


def _rules(model: type[BaseModel], prefix: Path, defs: dict[str, Any]) -> list[Rule]:
    schema = defs.get(model.__name__) or model.model_json_schema(mode="validation")
    out = []
    for name, info in model.model_fields.items():
        path = (*prefix, name)
        alt = _alternative(schema["properties"][name])
        not_null = info.is_required() and not nullable(info.annotation)
        out.append(_constraints(path, alt, not_null))
        inner = unwrap(info.annotation)
        if model_of(inner):
            out += _rules(inner, path, defs)
        elif get_origin(inner) is list:
            item = unwrap(get_args(inner)[0])
            if model_of(item):
                out += _rules(item, (*path, LIST), defs)
            else:
                out.append(_constraints((*path, LIST), alt.get("items", {}), True))
    return out


@cache
def model_paths(model: type[BaseModel], base: type[BaseModel] = AnnotationFile) -> tuple[Path, ...]:
    """Paths of every record of ``model`` (or a subclass) inside ``base``."""
    return tuple(_model_paths(model, base, ()))


def _model_paths(model: type[BaseModel], base: type[BaseModel], prefix: Path) -> list[Path]:
    out = [prefix] if issubclass(base, model) else []
    for name, info in base.model_fields.items():
        inner = unwrap(info.annotation)
        if model_of(inner):
            out += _model_paths(model, inner, (*prefix, name))
        elif get_origin(inner) is list and model_of(unwrap(get_args(inner)[0])):
            out += _model_paths(model, unwrap(get_args(inner)[0]), (*prefix, name, LIST))
    return out


# --- the batch check -----------------------------------------------------------------------


class Flags:
    """Documents of a batch that the model path has to look at."""

    def __init__(self, n: int) -> None:
        self.flagged = np.zeros(n, dtype=bool)

    def add(self, doc: np.ndarray, bad: np.ndarray | None = None) -> None:
        self.flagged[doc if bad is None else doc[bad]] = True


def flag_batch(array: pa.StructArray, texts: list[str]) -> np.ndarray:
    """True for each document of ``array`` (annotation files whose plain shape passed
    :func:`plain_ok`; ``texts`` their texts, checked against ``text_sha256``) that the model
    path must re-check: one that may have an error or a warning."""
    cols = Columns(array)
    flags = Flags(len(array))
    _field_rules(cols, flags)
    _model_validators(cols, flags)
    _integrity(cols, flags, texts)
    return flags.flagged


def _field_rules(cols: Columns, flags: Flags) -> None:
    # values under one pattern are matched in one call: the regex is compiled per call
    patterns: dict[str, list[tuple[pa.Array, np.ndarray, np.ndarray]]] = {}
    for rule in rules():
        values, doc, present = cols.get(rule.path)
        valid = _mask(values.is_valid()) if values.null_count else np.ones(len(values), bool)
        if rule.not_null:
            flags.add(doc, present & ~valid)
        check = present & valid
        if not check.any():
            continue
        if rule.enum is not None:
            inside = pc.is_in(values, value_set=pa.array(rule.enum, type=values.type))
            flags.add(doc, check & ~_mask(pc.fill_null(inside, True)))
        if rule.pattern is not None:
            patterns.setdefault(rule.pattern, []).append((values, doc, check))
        if rule.minimum is not None:
            flags.add(doc, check & _mask(pc.fill_null(pc.less(values, rule.minimum), False)))
        if rule.maximum is not None:
            flags.add(doc, check & _mask(pc.fill_null(pc.greater(values, rule.maximum), False)))
        if rule.min_items is not None:
            short = pc.less(pc.list_value_length(values), rule.min_items)
            flags.add(doc, check & _mask(pc.fill_null(short, False)))
    for pattern, parts in patterns.items():
        values = pa.concat_arrays([v for v, _, _ in parts])
        re2, exact = _re2_pattern(pattern)
        match = _mask(pc.fill_null(pc.match_substring_regex(values, re2), True))
        if not exact:  # RE2 and the models' engine agree on printable ASCII only
            other = pc.match_substring_regex(values, r"[^\x20-\x7e]")
            match &= ~_mask(pc.fill_null(other, False))
        doc = np.concatenate([d for _, d, _ in parts])
        check = np.concatenate([c for _, _, c in parts])
        flags.add(doc, check & ~match)


# Unicode White_Space: what \s means to the models' regex engine (Rust's), in RE2's syntax,
# where \s is ASCII only
_SPACE = r"\t-\r \x{85}\x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}"


@cache
def _re2_pattern(pattern: str) -> tuple[str, bool]:
    """The pattern for RE2, and whether both engines then read it alike: \\s and \\S are
    spelled out; another shorthand class, or one inside brackets, is left as it is and the
    match holds for printable ASCII only."""
    if re.search(r"\\[dDwWbB]", pattern) or re.search(r"\[[^\]]*\\[sS]", pattern):
        return pattern, False
    spell = {"s": f"[{_SPACE}]", "S": f"[^{_SPACE}]"}
    return re.sub(r"(?<!\\)\\([sS])", lambda m: spell[m[1]], pattern), True


# The models' validators written as Python code, mirrored below (a test checks the list).
MIRRORED_VALIDATORS = {
    (Extent, "_non_empty"),
    (Quote, "_speaker_or_reason"),
    (Metadata, "_date_and_source_agree"),
    (Metadata, "published"),  # IsoDate
    (Timex, "_value_grammar"),
    # by the plain shape check (``shapes``): a setting beyond 64 bits goes to the model path,
    # as orjson reads an integer of that size as a float
    (Source, "_settings_in_64_bits"),
}


def _model_validators(cols: Columns, flags: Flags) -> None:
    for path in model_paths(Extent):
        doc, present = cols.records(path)
        start, end = cols.get((*path, "start"))[0], cols.get((*path, "end"))[0]
        empty = pc.fill_null(pc.less_equal(end, start), False)
        flags.add(doc, present & _mask(empty))
    for path in model_paths(Quote):
        doc, present = cols.records(path)
        speaker = _mask(cols.get((*path, "speaker"))[0].is_null())
        reason = _mask(cols.get((*path, "speaker_reason"))[0].is_null())
        flags.add(doc, present & (speaker == reason))
    for path in model_paths(Metadata):
        doc, present = cols.records(path)
        published = cols.get((*path, "published"))[0]
        unknown = pc.fill_null(pc.equal(cols.get((*path, "published_source"))[0], "unknown"), False)
        flags.add(doc, present & (_mask(published.is_null()) != _mask(unknown)))
        bad = np.array([not _iso_date(v) for v in published.to_pylist()], dtype=bool)
        if len(bad):
            flags.add(doc, present & bad)
    for path in model_paths(Timex):
        doc, present = cols.records(path)
        values = cols.get((*path, "value"))[0].to_pylist()
        types = cols.get((*path, "type"))[0].to_pylist()
        bad = np.array([not _timex_ok(v, t) for v, t in zip(values, types, strict=True)], bool)
        if len(bad):
            flags.add(doc, present & bad)


@lru_cache(maxsize=4096)
def _iso_date(value: str | None) -> bool:
    if value is None:
        return True
    try:
        (datetime if "T" in value else date).fromisoformat(value)
    except ValueError:
        return False
    return True


@lru_cache(maxsize=4096)
def _timex_ok(value: str | None, type_: str | None) -> bool:
    if value is None or type_ not in TYPE_KINDS:
        return True  # null or unknown type: reported by the field rules
    return value_kind(value) in TYPE_KINDS[type_]


# --- cross-record checks (model.checks), vectorised ------------------------------------------

# check_document's checks, each mirrored by the part of _integrity named after it, but for
# _leading_bom: a text whose bytes start with a byte order mark never reaches this module
# (corpus.batch sends it to the model path)
MIRRORED_CHECKS = (
    "_leading_bom",
    "_spans",
    "_ids",
    "_duplicates",
    "_references",
    "_anchor_cycles",
    "_clusters",
    "_zones",
    "_layers",
)


def _layer_paths() -> dict[str, Path]:
    """Where each layer's records are, from the layer table."""
    return {name: (name, LIST) for name in layer_names()}


def _integrity(cols: Columns, flags: Flags, texts: list[str]) -> None:
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    base = np.concatenate(([0], np.cumsum(lengths)[:-1])) if len(texts) else lengths
    points = np.frombuffer("".join(texts).encode("utf-32-le"), dtype=np.uint32)
    _span_checks(cols, flags, lengths, base, points)
    spans = {path[0] for path in model_paths(Span)}
    for layer, path in _layer_paths().items():
        if layer not in spans:  # extents without text: only their bounds to check
            _, doc, present = cols.get(path)
            flags.add(doc, present & (cols.ints((*path, "end")) > lengths[doc]))
    _id_checks(cols, flags)
    _reference_checks(cols, flags)
    _overlap(cols, flags, _layer_paths()["zones"])
    _layer_checks(cols, flags, lengths)


def _span_checks(
    cols: Columns, flags: Flags, lengths: np.ndarray, base: np.ndarray, points: np.ndarray
) -> None:
    """_spans: every span inside the text, its text the text's slice, its edges on word
    boundaries and not on whitespace."""
    for path in model_paths(Span):
        texts, doc, present = cols.get((*path, "text"))
        if not len(doc):
            continue
        start, end = cols.ints((*path, "start")), cols.ints((*path, "end"))
        inside = (end <= lengths[doc]) & (start < end)
        size = pc.fill_null(pc.utf8_length(texts), -1).to_numpy(zero_copy_only=False)
        ok = present & inside & (size == end - start)
        flags.add(doc, present & ~ok)
        idx = np.flatnonzero(ok)
        if not len(idx):
            continue
        # the span texts' code points against the text's, all spans at once
        span_points = np.frombuffer(
            "".join(texts.take(pa.array(idx)).to_pylist()).encode("utf-32-le"), dtype=np.uint32
        )
        n = size[idx]
        first = base[doc[idx]] + start[idx]
        offsets = np.concatenate(([0], np.cumsum(n)[:-1]))
        gather = np.repeat(first - offsets, n) + np.arange(int(n.sum()))
        differs = points[gather] != span_points
        if differs.any():
            bad = np.add.reduceat(differs, offsets) > 0
            flags.add(doc[idx], bad)
        g_start, g_end = base[doc[idx]] + start[idx], base[doc[idx]] + end[idx]
        length = lengths[doc[idx]]
        cut = np.zeros(len(idx), dtype=bool)
        for at, g in ((start[idx], g_start), (end[idx], g_end)):
            inner = (at > 0) & (at < length)
            left = _chars(points, np.where(inner, g - 1, 0), str.isalnum)
            right = _chars(points, np.where(inner, g, 0), str.isalnum)
            cut |= inner & left & right
        space = _chars(points, g_start, str.isspace) | _chars(points, g_end - 1, str.isspace)
        flags.add(doc[idx], cut | space)


def _chars(points: np.ndarray, at: np.ndarray, test: Any) -> np.ndarray:
    """``test`` (``str.isalnum`` or ``str.isspace``) of the characters at ``at``: a table for
    the Basic Multilingual Plane, the method itself once per distinct character beyond it."""
    if not len(at) or not len(points):
        return np.zeros(len(at), dtype=bool)
    chars = points[at]
    out = _bmp_table(test)[np.minimum(chars, _BMP - 1)]
    beyond = chars >= _BMP
    if beyond.any():
        unique, inverse = np.unique(chars[beyond], return_inverse=True)
        out[beyond] = np.array([test(chr(c)) for c in unique], dtype=bool)[inverse]
    return out


_BMP = 0x10000


@cache
def _bmp_table(test: Any) -> np.ndarray:
    return np.fromiter((test(chr(c)) for c in range(_BMP)), dtype=bool, count=_BMP)


class _Keys:
    """Strings of a batch as integer codes, shared across columns, so (document, id) pairs are
    int64 keys that numpy can compare."""

    def __init__(self, *columns: pa.Array) -> None:
        values = pa.concat_arrays([c.cast(pa.string()) for c in columns]).unique()
        self.values = values.drop_null()
        self.size = len(self.values) + 1

    def of(self, doc: np.ndarray, values: pa.Array) -> np.ndarray:
        code = pc.index_in(values, value_set=self.values).fill_null(-1).to_numpy(False)
        return doc.astype(np.int64) * self.size + code


def _id_checks(cols: Columns, flags: Flags) -> None:
    """_ids (an id used twice in a document) and _duplicates (two annotations of one layer
    with the same values: candidates share an extent, and are then compared in full)."""
    docs, ids = [], []
    for layer, path in _layer_paths().items():
        values, doc, _ = cols.get((*path, "id"))
        docs.append(doc)
        ids.append(values)
        start, end = cols.ints((*path, "start")), cols.ints((*path, "end"))
        _, same = _repeated(doc, start, end)
        for d in np.unique(doc[same]):
            records = cols.get(path)[0].take(pa.array(np.flatnonzero(doc == d)))
            model = _item_model(layer)
            seen = [_complete(r, model) for r in records.to_pylist()]
            if len({repr(r) for r in seen}) < len(seen):
                flags.flagged[d] = True
    keys = _Keys(*ids)
    flags.add(
        *_repeated(np.concatenate(docs), keys.of(np.concatenate(docs), pa.concat_arrays(ids)))
    )


def _item_model(layer: str) -> type[BaseModel]:
    return unwrap(get_args(unwrap(AnnotationFile.model_fields[layer].annotation))[0])


def _complete(value: dict[str, Any], model: type[BaseModel]) -> dict[str, Any]:
    """A record as its model holds it: every field but the id, defaults filled in."""
    out = {}
    for name, info in model.model_fields.items():
        v = value.get(name)
        if v is None and not info.is_required():
            v = info.get_default(call_default_factory=True)
        inner = unwrap(info.annotation)
        if v is not None and model_of(inner):
            v = _complete(v, inner)
        elif v is not None and get_origin(inner) is list and model_of(get_args(inner)[0]):
            v = [_complete(x, get_args(inner)[0]) for x in v]
        out[name] = v
    out.pop("id", None)
    return out


def _repeated(doc: np.ndarray, *columns: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Documents and a mask of the rows whose (doc, *columns) occur more than once."""
    if len(doc) < 2:
        return doc, np.zeros(len(doc), dtype=bool)
    order = np.lexsort((*reversed(columns), doc))
    same = doc[order][1:] == doc[order][:-1]
    for c in columns:
        same &= c[order][1:] == c[order][:-1]
    bad = np.zeros(len(doc), dtype=bool)
    bad[order[1:][same]] = True
    return doc, bad


def _reference_checks(cols: Columns, flags: Flags) -> None:
    """_references, _anchor_cycles (any date anchored on a date anchored on a date) and
    _clusters (a cluster with two KB ids)."""
    entity, e_doc, _ = cols.get(("entities", LIST, "entity"))
    speaker, s_doc, _ = cols.get(("quotes", LIST, "speaker"))
    claimant, c_doc, _ = cols.get(("claims", LIST, "claimant"))
    reported, _, _ = cols.get(("claims", LIST, "reported_by"))
    quote_id, q_doc, _ = cols.get(("quotes", LIST, "id"))
    claim_id, _, _ = cols.get(("claims", LIST, "id"))
    target, r_doc, _ = cols.get(("claims", LIST, "relations", LIST, "target"))
    date_id, d_doc, _ = cols.get(("dates", LIST, "id"))
    anchor, _, _ = cols.get(("dates", LIST, "anchor"))
    kb, _, _ = cols.get(("entities", LIST, "kb_id"))
    keys = _Keys(entity, speaker, claimant, reported, quote_id, claim_id, target, date_id, anchor)
    reserved = pa.array(sorted(RESERVED_CLAIMANTS))

    clusters = keys.of(e_doc, entity)[_mask(entity.is_valid())]
    flags.add(e_doc, _mask(pc.fill_null(pc.is_in(entity, value_set=reserved), False)))
    has = _mask(speaker.is_valid())
    flags.add(s_doc, has & ~np.isin(keys.of(s_doc, speaker), clusters))
    is_reserved = _mask(pc.fill_null(pc.is_in(claimant, value_set=reserved), False))
    flags.add(c_doc, ~is_reserved & ~np.isin(keys.of(c_doc, claimant), clusters))
    has = _mask(reported.is_valid())
    flags.add(c_doc, has & ~np.isin(keys.of(c_doc, reported), keys.of(q_doc, quote_id)))
    owner = cols.parents(("claims", LIST, "relations"))
    target_keys = keys.of(r_doc, target)
    claims = keys.of(c_doc, claim_id)
    flags.add(r_doc, ~np.isin(target_keys, claims) | (target_keys == claims[owner]))
    on_date = _mask(anchor.is_valid()) & ~_mask(
        pc.fill_null(pc.equal(anchor, DOCUMENT_ANCHOR), True)
    )
    anchor_keys, own_keys = keys.of(d_doc, anchor), keys.of(d_doc, date_id)
    flags.add(d_doc, on_date & (~np.isin(anchor_keys, own_keys) | (anchor_keys == own_keys)))
    # a cycle runs through dates that are all anchored on dates: follow the chains there
    chained = on_date & np.isin(anchor_keys, own_keys[on_date])
    for d in np.unique(d_doc[chained]):
        rows = np.flatnonzero(d_doc == d)
        anchors = dict(
            zip(date_id.take(rows).to_pylist(), anchor.take(rows).to_pylist(), strict=True)
        )
        if next(anchor_cycles(anchors), None) is not None:
            flags.flagged[d] = True
    linked = _mask(entity.is_valid()) & _mask(kb.is_valid())
    if linked.any():
        kb_keys = _Keys(kb)
        pairs = np.unique(
            np.stack([keys.of(e_doc, entity)[linked], kb_keys.of(e_doc, kb)[linked]]), axis=1
        )
        cluster_ids, counts = np.unique(pairs[0], return_counts=True)
        conflicted = np.isin(keys.of(e_doc, entity), cluster_ids[counts > 1])
        flags.add(e_doc, linked & conflicted)


def _overlap(cols: Columns, flags: Flags, path: Path) -> None:
    """_zones: sorted by (start, end), a record starting before the previous one ends."""
    _, doc, _ = cols.get(path)
    start, end = cols.ints((*path, "start")), cols.ints((*path, "end"))
    flags.add(doc, _overlapping(doc, start, end))


def _overlapping(group: np.ndarray, start: np.ndarray, end: np.ndarray) -> np.ndarray:
    bad = np.zeros(len(group), dtype=bool)
    if len(group) < 2:
        return bad
    order = np.lexsort((end, start, group))
    g, s, e = group[order], start[order], end[order]
    overlap = (g[1:] == g[:-1]) & (s[1:] < e[:-1])
    bad[order[1:][overlap]] = True
    return bad


def _layer_checks(cols: Columns, flags: Flags, lengths: np.ndarray) -> None:
    """_layers: regions inside the text, no automatic gold, declarations of one layer that do
    not overlap, every annotated layer declared, every annotation inside its layer's regions."""
    scopes = ("annotation", "layers", LIST)
    layer, doc, _ = cols.get((*scopes, "layer"))
    names = layer_names()
    k = len(names) + 1  # (document, layer) as one key: document * k + layer code
    code = pc.index_in(layer, value_set=pa.array(names)).fill_null(len(names)).to_numpy(False)
    regions, _, _ = cols.get((*scopes, "regions"))
    whole = _mask(regions.is_null())
    flags.add(doc, ~whole & _mask(pc.fill_null(pc.equal(pc.list_value_length(regions), 0), False)))
    status = pc.coalesce(
        cols.get((*scopes, "status"))[0],
        cols.get(("annotation", "status"))[0].take(pa.array(doc)),
    )
    method = cols.get((*scopes, "method"))[0]
    automatic_gold = pc.and_(pc.equal(status, "gold"), pc.equal(method, "automatic"))
    flags.add(doc, _mask(pc.fill_null(automatic_gold, False)))
    r_start = cols.ints((*scopes, "regions", LIST, "start"))
    r_end = cols.ints((*scopes, "regions", LIST, "end"))
    owner = cols.parents((*scopes, "regions"))
    r_doc = doc[owner]
    flags.add(r_doc, r_end > lengths[r_doc])
    # every declaration as intervals: its regions, or the whole text
    w = np.flatnonzero(whole)
    group = np.concatenate([doc[w] * k + code[w], r_doc * k + code[owner]])
    i_start = np.concatenate([np.zeros(len(w), dtype=np.int64), r_start])
    i_end = np.concatenate([np.maximum(lengths[doc[w]], 1), r_end])
    flags.add(group // k, _overlapping(group, i_start, i_end))
    declared = doc * k + code
    whole_keys = declared[whole]
    order = np.lexsort((r_start, r_doc * k + code[owner]))
    keys_sorted = ((r_doc * k + code[owner]) << 32)[order] + r_start[order]
    ends_sorted = r_end[order]
    for i, name in enumerate(names):
        path = (name, LIST)
        _, item_doc, _ = cols.get(path)
        if not len(item_doc):
            continue
        key = item_doc * k + i
        flags.add(item_doc, ~np.isin(key, declared))
        limited = ~np.isin(key, whole_keys)
        if not limited.any():
            continue
        start, end = cols.ints((*path, "start")), cols.ints((*path, "end"))
        pos = np.searchsorted(keys_sorted, (key << 32) + start, side="right") - 1
        found = pos >= 0
        p = np.where(found, pos, 0)
        same = found & ((keys_sorted[p] >> 32) == key) if len(keys_sorted) else found & False
        inside = same & (end <= (ends_sorted[p] if len(ends_sorted) else 0))
        flags.add(item_doc, limited & ~inside)
