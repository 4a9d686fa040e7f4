"""Label Studio: a labeling config for the five layers, tasks with pre-annotations, and import
of exported annotations.

One region per annotation, its id the annotation id; per-region controls carry the values
annotators edit (cluster ids, Wikidata ids, TIMEX values, speaker and claimant), relations carry
links between regions (quote -> cue, claim -> quote, claim -> claim, date -> date). Metadata and
provenance ride in ``data.newsanno``. Label Studio counts offsets in UTF-16 code units: they are
converted here, and only here, with :class:`~newsanno.formats.offsets.Utf16Offsets`.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

import orjson

from ..corpus import read_documents, sha256_text
from ..corpus.json_keys import repeated_keys
from ..corpus.reader import decode_utf8
from ..errors import Problem, problem
from ..files import atomic_output, write_atomic
from ..limits import Budget
from ..model.document import GUIDELINES_VERSION, Document
from ..model.labels import ENTITY_LABELS, QUOTE_TYPES, RESERVED_CLAIMANTS, TIMEX_TYPES, ZONE_KINDS
from . import Report
from .corpus_io import fingerprints
from .offsets import Utf16Offsets
from .pipeline import ImportRun, Incoming, count_kept, dropped, not_carried, span_budget, span_text
from .registry import FormatSpec

FORMAT = "label-studio"
TASKS = "tasks.json"
CONFIG = "config.xml"
TEXT = "text"

# Region label tags: layer -> (tag, field holding the label or None, label values).
REGIONS: dict[str, tuple[str, str | None, tuple[str, ...]]] = {
    "zones": ("zone", "kind", ZONE_KINDS),
    "entities": ("entity", "label", ENTITY_LABELS),
    "quotes": ("quote", "type", QUOTE_TYPES),
    "claims": ("claim", None, ("claim",)),
    "dates": ("date", "type", TIMEX_TYPES),
}
CUE = "cue"
# Per-region controls: layer -> [(field, tag, kind)]; kind is text (one line), lines (a list),
# flag (a checkbox for a boolean), extent (an imported mention's source extent, "start-end")
# or a tuple of choices.
ATTRIBUTES: dict[str, list[tuple[str, str, Any]]] = {
    "zones": [],
    "entities": [
        ("entity", "cluster", "text"),
        ("kb_id", "kb_id", "text"),
        ("links", "links", "lines"),
        ("mention_type", "mention_type", ("name", "nominal", "pronoun")),
        ("metonymy", "metonymy", "flag"),
        ("source_span", "source_span", "extent"),
    ],
    "quotes": [
        ("speaker", "speaker", "text"),
        ("speaker_reason", "speaker_reason", ("unnamed", "not-in-text", "anonymous", "unknown")),
        ("speaker_explicit", "speaker_explicit", "flag"),
    ],
    "claims": [("claimant", "claimant", "text")],
    "dates": [("value", "timex_value", "text"), ("mod", "timex_mod", "text")],
}
# Links between regions: relation label -> (layer of the source, field).
RELATIONS = {
    "cue": ("quotes", "cue"),
    "speaker": ("quotes", "speaker"),
    "claimant": ("claims", "claimant"),
    "reported_by": ("claims", "reported_by"),
    "denies": ("claims", "relations"),
    "supports": ("claims", "relations"),
    "anchor": ("dates", "anchor"),
}
ANCHOR_DOCUMENT = "anchor_document"


def labeling_config() -> str:
    """The ``<View>`` XML to paste into a Label Studio project's labeling interface."""
    lines = ["<View>"]
    for tag, _, values in [*REGIONS.values(), (CUE, None, (CUE,))]:
        lines.append(f'  <Labels name="{tag}" toName="{TEXT}">')
        lines += [f"    <Label value={quoteattr(v)}/>" for v in values]
        lines.append("  </Labels>")
    lines.append(f'  <Text name="{TEXT}" value="$text"/>')
    lines.append("  <Relations>")
    lines += [f'    <Relation value="{r}"/>' for r in RELATIONS]
    lines.append("  </Relations>")
    controls = [(layer, f, t, k) for layer, attrs in ATTRIBUTES.items() for f, t, k in attrs] + [
        ("dates", "anchor", ANCHOR_DOCUMENT, ("document",))
    ]
    for layer, _, tag, kind in controls:
        when = f'toName="{TEXT}" perRegion="true" whenTagName="{REGIONS[layer][0]}"'
        if kind in ("text", "lines", "extent"):
            rows = ' maxSubmissions="1"' if kind == "text" else ""
            lines.append(f'  <TextArea name="{tag}" {when} editable="true"{rows}/>')
        else:
            choices = (tag,) if kind == "flag" else kind
            multiple = "multiple" if kind == "flag" else "single"
            lines.append(f'  <Choices name="{tag}" {when} choice="{multiple}">')
            lines += [f"    <Choice value={quoteattr(c)}/>" for c in choices]
            lines.append("  </Choices>")
    lines.append("</View>")
    return "\n".join(lines) + "\n"


# --- newsanno -> Label Studio ---------------------------------------------------------------


def document_to_task(doc: Document) -> dict[str, Any]:
    """A task: text, metadata, and the annotations as ``annotations`` (gold) or
    ``predictions`` (silver) so that reviewers see which they are."""
    task: dict[str, Any] = {
        "data": {
            TEXT: doc.text,
            "newsanno": {
                "id": doc.id,
                "text_sha256": sha256_text(doc.text),
                "layers_sha256": fingerprints(doc),
                "meta": doc.meta.model_dump(mode="json", exclude_defaults=True),
                "annotation": doc.annotation.model_dump(mode="json", exclude_defaults=True),
            },
        }
    }
    if doc.annotation.layers:
        result = document_to_result(doc)
        if doc.annotation.status == "gold":
            task["annotations"] = [{"result": result}]
        else:
            version = doc.annotation.tool or ", ".join(doc.annotation.annotators)
            task["predictions"] = [{"model_version": version, "result": result}]
    return task


def document_to_result(doc: Document) -> list[dict[str, Any]]:
    utf16 = Utf16Offsets(doc.text)
    out: list[dict[str, Any]] = []

    def region(rid: str, tag: str, label: str, start: int, end: int) -> dict[str, Any]:
        value = {"start": utf16.to_utf16(start), "end": utf16.to_utf16(end)}
        out.append(
            _item(rid, tag, "labels", {**value, "text": doc.text[start:end], "labels": [label]})
        )
        return value

    for layer, (tag, field, _) in REGIONS.items():
        for ann in getattr(doc, layer):
            value = region(ann.id, tag, getattr(ann, field) if field else tag, ann.start, ann.end)
            for name, atag, kind in ATTRIBUTES[layer]:
                item = _attribute(ann.id, atag, kind, getattr(ann, name), value)
                if item:
                    out.append(item)
    for q in doc.quotes:
        if q.cue is not None:
            region(f"{q.id}:cue", CUE, CUE, q.cue.start, q.cue.end)
            out.append(_relation(q.id, f"{q.id}:cue", "cue"))
    for c in doc.claims:
        if c.reported_by is not None:
            out.append(_relation(c.id, c.reported_by, "reported_by"))
        out += [_relation(c.id, r.target, r.type) for r in c.relations]
    for t in doc.dates:
        if t.anchor == "document":
            value = {"start": utf16.to_utf16(t.start), "end": utf16.to_utf16(t.end)}
            out.append(_item(t.id, ANCHOR_DOCUMENT, "choices", {**value, "choices": ["document"]}))
        elif t.anchor is not None:
            out.append(_relation(t.id, t.anchor, "anchor"))
    return out


def _item(rid: str, tag: str, kind: str, value: dict[str, Any]) -> dict[str, Any]:
    return {"id": rid, "from_name": tag, "to_name": TEXT, "type": kind, "value": value}


def _relation(source: str, target: str, label: str) -> dict[str, Any]:
    return {
        "type": "relation",
        "from_id": source,
        "to_id": target,
        "direction": "right",
        "labels": [label],
    }


def _attribute(rid: str, tag: str, kind: Any, value: Any, span: dict[str, int]) -> Any:
    if kind == "flag":
        return _item(rid, tag, "choices", {**span, "choices": [tag]}) if value else None
    if kind == "lines":
        return _item(rid, tag, "textarea", {**span, "text": list(value)}) if value else None
    if value is None:
        return None
    if kind == "extent":
        return _item(rid, tag, "textarea", {**span, "text": [f"{value.start}-{value.end}"]})
    if kind == "text":
        return _item(rid, tag, "textarea", {**span, "text": [value]})
    return _item(rid, tag, "choices", {**span, "choices": [value]})


def export_label_studio(corpus: Path, out: Path) -> Report:
    """``out/tasks.json`` (import it into a project) and ``out/config.xml`` (its labeling
    interface). Tasks are written one by one: memory stays bounded by one document."""
    report = Report()
    out.mkdir(parents=True, exist_ok=True)
    with atomic_output(out / TASKS) as f:
        f.write(b"[")
        for doc in read_documents(corpus):
            f.write(b",\n" if report.documents else b"\n")
            f.write(orjson.dumps(document_to_task(doc)))
            count_kept(report, doc)
        f.write(b"\n]\n")
    write_atomic(out / CONFIG, labeling_config().encode("utf-8"))
    return report


# --- Label Studio -> newsanno ---------------------------------------------------------------

# How a problem names a JSON type: the export's own words, not Python's.
_JSON_TYPES = {
    dict: "an object",
    list: "a list",
    str: "a string",
    bool: "true or false",
    int: "an integer",
    float: "a number",
    type(None): "null",
}


class _Shape(ValueError):
    """A part of a task whose JSON type is not the one Label Studio writes."""


def _expect(value: Any, kind: type, where: str) -> Any:
    """``value`` when it is of JSON type ``kind`` (true and false are no integers)."""
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        found = _JSON_TYPES.get(type(value), "a number")
        raise _Shape(f"{where} is {found}, not {_JSON_TYPES[kind]}")
    return value


def _objects(parent: dict[str, Any], key: str) -> list[tuple[int, dict[str, Any]]]:
    """The objects of the list ``parent[key]`` (none when it is absent or null), each with its
    index, which problems name."""
    items = _expect(parent.get(key) or [], list, key)
    return [(i, _expect(item, dict, f"{key}[{i}]")) for i, item in enumerate(items)]


def task_to_incoming(
    task: dict[str, Any], index: int, file: str, report: Report, budget: Budget
) -> Incoming | None:
    """The document a task describes, with the layers of its latest submitted annotation
    (gold), else of its first prediction (silver); None for a task with neither, or for one
    whose parts have the wrong shape (``import-malformed``, naming the task by its place in the
    file and its id). Region texts are charged to ``budget``."""
    where = f"task {index}" + (
        f" (id {task['id']})" if isinstance(task.get("id"), int | str) else ""
    )
    try:
        return _task_to_incoming(task, where, file, report, budget)
    except _Shape as e:
        reason = f"{where}: {e}"
    except (AttributeError, KeyError, TypeError, ValueError, IndexError) as e:
        reason = f"{where}: {type(e).__name__}: {str(e)[:200]}"
    report.problems.append(
        problem("import-malformed", file=file, doc_id=_known_id(task), reason=reason)
    )
    return None


def _known_id(task: dict[str, Any]) -> str:
    """The document id of a task, when it has one, to name it in a problem."""
    data = task.get("data")
    info = data.get("newsanno") if isinstance(data, dict) else None
    doc_id = info.get("id") if isinstance(info, dict) else None
    return doc_id if isinstance(doc_id, str) else ""


def _task_to_incoming(
    task: dict[str, Any], where: str, file: str, report: Report, budget: Budget
) -> Incoming | None:
    data = _expect(task.get("data"), dict, "data")
    info = _expect(data.get("newsanno") or {}, dict, "data.newsanno")
    text, doc_id = data.get(TEXT), info.get("id")
    if not isinstance(text, str) or not isinstance(doc_id, str):
        reason = f"{where} has no data.text or no data.newsanno.id"
        report.problems.append(problem("import-malformed", file=file, reason=reason))
        return None
    annotations = [(i, a) for i, a in _objects(task, "annotations") if not a.get("was_cancelled")]
    predictions = _objects(task, "predictions")
    annotation = info.get("annotation")
    if annotations:
        annotations.sort(key=lambda a: str(a[1].get("updated_at") or a[1].get("created_at") or ""))
        i, chosen = annotations[-1]
        source = f"annotations[{i}]"
        earlier = len(annotations) - 1
        not_carried(
            report, FORMAT, "earlier annotations of a task (the latest is imported)", earlier
        )
        who = _annotator(chosen.get("completed_by"))
        annotation = {
            "annotators": [who] if who else (annotation or {}).get("annotators", ["label-studio"]),
            "status": "gold",
            "guideline_version": (annotation or {}).get("guideline_version", GUIDELINES_VERSION),
            "layers": [{"layer": name} for name in REGIONS],
        }
    elif predictions:
        (i, chosen), source = predictions[0], "predictions[0]"
        not_carried(report, FORMAT, "further predictions of a task", len(predictions) - 1)
    else:
        not_carried(report, FORMAT, "tasks without annotations or predictions")
        return None
    # a result that is not a list would import as no annotations: every layer deleted
    if "result" not in chosen:
        raise _Shape(f"{source} has no result")
    result = _expect(chosen["result"], list, f"{source}.result")
    problems: list[Problem] = []
    layers = result_to_layers(result, text, file, doc_id, problems, budget, f"{source}.result")
    base = info.get("layers_sha256")
    return Incoming(
        FORMAT,
        file,
        doc_id,
        text,
        layers,
        info.get("meta"),
        annotation,
        problems,
        base=base if isinstance(base, dict) else None,
        exported=info.get("annotation"),
    )


def _annotator(completed_by: Any) -> str | None:
    if isinstance(completed_by, dict):
        completed_by = completed_by.get("email") or completed_by.get("id")
    return None if completed_by is None else f"label-studio:{completed_by}"


def result_to_layers(
    result: list[Any],
    text: str,
    file: str,
    doc_id: str,
    problems: list[Problem],
    budget: Budget,
    where: str = "result",
) -> dict[str, list[dict[str, Any]]]:
    """Layer records from a Label Studio result list, spans converted from UTF-16; each keyed
    (``_src``) and proposed an id by its region id, links given by region id, its text charged
    to ``budget``. An item that cannot be read is ``import-malformed``, named by its place
    (``where[n]``) and region id."""
    items = _Items(text, file, doc_id, problems, budget)
    for n, item in enumerate(result):
        try:
            items.read(n, item, where)
        except ValueError as e:
            rid = item.get("id") if isinstance(item, dict) else None
            rid = rid if isinstance(rid, str) else ""
            reason = f"{where}[{n}]: {e}"
            problems.append(
                problem(
                    "import-malformed", file=file, doc_id=doc_id, annotation_id=rid, reason=reason
                )
            )
            items.broken.add(rid)
    by_tag = {tag: layer for layer, (tag, _, _) in REGIONS.items()}
    regions, attrs, links, broken = items.regions, items.attrs, items.links, items.broken
    for rid, controls in attrs.items():
        if rid in broken:
            continue  # its region is already reported
        layer = by_tag.get(regions[rid]["tag"]) if rid in regions else None
        known = {tag for _, tag, _ in ATTRIBUTES.get(layer or "", [])}
        known |= {ANCHOR_DOCUMENT} if layer == "dates" else set()
        for tag in sorted(set(controls) - known):
            reason = (
                f"the labeling configuration has no control {tag!r} for this region"
                if rid in regions
                else f"there is no region {rid}"
            )
            problems.append(dropped(file, doc_id, rid, f"{tag} of region {rid}", reason))
    layers: dict[str, list[dict[str, Any]]] = {name: [] for name in REGIONS}
    records: dict[str, dict[str, Any]] = {}
    for rid, reg in regions.items():
        layer = by_tag.get(reg["tag"])
        if layer is None:
            if reg["tag"] != CUE:
                reason = f"the labeling configuration has no region tag {reg['tag']!r}"
                problems.append(dropped(file, doc_id, rid, f"region {rid}", reason))
            continue
        _, field, _ = REGIONS[layer]
        rec: dict[str, Any] = {"_src": rid, "id": rid, "start": reg["start"], "end": reg["end"]}
        if layer != "zones":
            rec["text"] = reg["text"]
        if field:
            rec[field] = reg["label"]
        for name, tag, kind in ATTRIBUTES[layer]:
            _set_attribute(rec, name, kind, attrs[rid].get(tag), tag)
        if layer == "dates" and attrs[rid].get(ANCHOR_DOCUMENT):
            rec["anchor"] = "document"
        layers[layer].append(rec)
        records[rid] = rec
    first: dict[tuple[str, str], str] = {}  # (region, relation) -> the target of the first
    for source, target, label in links:
        if source in broken or target in broken:
            continue
        if (
            source not in records
            or target not in regions
            or (label in ("speaker", "claimant") and target not in records)
        ):
            what = f"relation {label} from {source} to {target}"
            reason = f"{source if source not in records else target} is not a region it can link"
            problems.append(dropped(file, doc_id, source, what, reason))
            continue
        if label not in ("denies", "supports"):  # one of each: a second would replace the first
            if (source, label) in first:
                reason = f"a second {label} relation, to {target} (the first goes to "
                reason += f"{first[source, label]}); a region takes one"
                problems.append(
                    problem(
                        "import-malformed",
                        file=file,
                        doc_id=doc_id,
                        annotation_id=source,
                        reason=reason,
                    )
                )
                broken.add(target)  # reported with it
                continue
            first[source, label] = target
        _link(records, regions, source, target, label)
    cues = {target for (_, label), target in first.items() if label == "cue"}
    for rid, reg in regions.items():
        if reg["tag"] == CUE and rid not in cues and rid not in broken:
            reason = "no cue relation links it to a quote"
            problems.append(dropped(file, doc_id, rid, f"cue region {rid}", reason))
    _speakers_by_name(layers)
    return layers


class _Items:
    """What the items of one result give: regions, the values of their controls, and links.
    An item of the wrong shape raises ValueError, and so does a second region with one id, or a
    control given twice for one region: each would silently replace the first."""

    def __init__(
        self, text: str, file: str, doc_id: str, problems: list[Problem], budget: Budget
    ) -> None:
        self.text, self.utf16, self.budget = text, Utf16Offsets(text), budget
        self.file, self.doc_id, self.problems = file, doc_id, problems
        self.regions: dict[str, dict[str, Any]] = {}
        self.attrs: defaultdict[str, dict[str, Any]] = defaultdict(dict)
        self.links: list[tuple[str, str, str]] = []
        self.broken: set[str] = set()  # regions already reported: what refers to them is not
        self.seen: dict[tuple[str, str | None], int] = {}  # (region, control or None) -> item

    def read(self, n: int, item: Any, where: str) -> None:
        item = _expect(item, dict, "the item")
        if item.get("type") == "relation":
            self._relation(item)
            return
        rid = _expect(item.get("id"), str, "id")
        tag = _expect(item.get("from_name"), str, "from_name")
        value = _expect(item.get("value"), dict, "value")
        key = (rid, None if item.get("type") == "labels" else tag)
        if key in self.seen:
            what = f"region {rid}" if key[1] is None else f"control {tag} of region {rid}"
            raise ValueError(f"{what} is already given by {where}[{self.seen[key]}]")
        self.seen[key] = n
        if key[1] is None:
            self._region(rid, tag, value)
        else:
            self.attrs[rid][tag] = value.get("text", value.get("choices"))

    def _region(self, rid: str, tag: str, value: dict[str, Any]) -> None:
        labels = _expect(value.get("labels"), list, "value.labels")
        if not labels or not all(isinstance(label, str) for label in labels):
            raise ValueError("value.labels is not a list of label names")
        for name in ("start", "end"):
            _expect(value.get(name), int, f"value.{name}")
        span = _span(
            value, self.text, self.utf16, self.file, self.doc_id, tag, self.problems, self.budget
        )
        if span is None:
            self.broken.add(rid)
            return
        if len(labels) > 1:
            what = f"labels {labels[1:]} of region {rid}"
            reason = f"a region has one label; the first, {labels[0]!r}, is kept"
            self.problems.append(dropped(self.file, self.doc_id, rid, what, reason))
        self.regions[rid] = {"tag": tag, "label": labels[0], **span}

    def _relation(self, item: dict[str, Any]) -> None:
        source = _expect(item.get("from_id"), str, "from_id")
        target = _expect(item.get("to_id"), str, "to_id")
        labels = _expect(item.get("labels") or [], list, "labels")
        if not labels:
            what = f"relation from {source} to {target}"
            reason = f"it has no label (one of {list(RELATIONS)})"
            self.problems.append(dropped(self.file, self.doc_id, source, what, reason))
        for label in labels:
            if not isinstance(label, str) or label not in RELATIONS:
                shown = repr(label) if isinstance(label, str) else orjson.dumps(label).decode()
                raise ValueError(f"relation label {shown[:40]} is not one of {list(RELATIONS)}")
            self.links.append((source, target, label))


def _speakers_by_name(layers: dict[str, list[dict[str, Any]]]) -> None:
    """A speaker or claimant typed as a name ("Dmitry Peskov") rather than a cluster id: the
    cluster of the entity mention with that text (ignoring case), when exactly one has it."""
    clusters = {m.get("entity") for m in layers["entities"]} - {None}
    by_text: dict[str, set[str]] = defaultdict(set)
    for m in layers["entities"]:
        by_text[m["text"].casefold()].add(m.get("entity") or m["id"])
    for layer, field in (("quotes", "speaker"), ("claims", "claimant")):
        for rec in layers[layer]:
            value = rec.get(field)
            if not isinstance(value, str) or value in clusters or value in RESERVED_CLAIMANTS:
                continue
            found = by_text.get(value.strip().casefold(), set())
            if len(found) == 1:
                (cluster,) = found
                for m in layers["entities"]:
                    if (m.get("entity") or m["id"]) == cluster:
                        _cluster(m)
                rec[field] = cluster
                if field == "speaker":
                    rec.pop("speaker_reason", None)


def _span(
    value: dict[str, Any],
    text: str,
    utf16: Utf16Offsets,
    file: str,
    doc_id: str,
    tag: str,
    problems: list[Problem],
    budget: Budget,
) -> dict[str, Any] | None:
    try:
        start, end = utf16.from_utf16(value["start"]), utf16.from_utf16(value["end"])
    except ValueError as e:
        reason = f"{e}"
        problems.append(_unaligned(file, doc_id, tag, value, reason))
        return None
    piece = span_text(text, start, end, budget)
    if "text" in value and value["text"] != piece:
        reason = f"region text {value['text']!r} is not {piece!r}"
        problems.append(_unaligned(file, doc_id, tag, value, reason))
        return None
    return {"start": start, "end": end, "text": piece}


def _unaligned(file: str, doc_id: str, tag: str, value: dict[str, Any], reason: str) -> Problem:
    return problem(
        "import-unaligned",
        file=file,
        doc_id=doc_id,
        layer=tag,
        start=value.get("start"),
        end=value.get("end"),
        unit="UTF-16 code units",
        reason=reason,
    )


def _set_attribute(rec: dict[str, Any], name: str, kind: Any, value: Any, tag: str) -> None:
    if isinstance(value, str):  # one line typed where the export gives a list of lines
        value = [value]
    values = [v.strip() for v in value or [] if isinstance(v, str) and v.strip()]
    if kind == "flag":
        rec[name] = tag in values
    elif kind == "lines":
        rec[name] = values
    elif kind == "extent" and values:
        start, _, end = values[0].partition("-")
        rec[name] = {"start": int(start), "end": int(end)}
    elif values:
        rec[name] = values[0]


def _link(
    records: dict[str, dict[str, Any]],
    regions: dict[str, dict[str, Any]],
    source: str,
    target: str,
    label: str,
) -> None:
    rec = records.get(source)
    if rec is None or target not in regions:
        return
    if label == "cue":
        reg = regions[target]
        rec["cue"] = {"start": reg["start"], "end": reg["end"], "text": reg["text"]}
    elif label in ("speaker", "claimant"):
        rec[label] = _cluster(records[target])
        if label == "speaker":
            rec.pop("speaker_reason", None)
    elif label in ("denies", "supports"):
        rec.setdefault("relations", []).append({"type": label, "target": target})
    else:
        rec[RELATIONS[label][1]] = target


def _cluster(mention: dict[str, Any]) -> str:
    """The mention's cluster; one named after the mention when it has none."""
    if mention.get("entity") is None:
        mention["entity"] = mention["_src"]
        mention["_cluster_from_id"] = True
    return str(mention["entity"])


def read_tasks(path: Path, run: ImportRun) -> list[Incoming]:
    """The documents of a Label Studio JSON export (a list of tasks, or one task)."""
    report, file = run.report, str(path)
    raw = run.read(path)
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as e:
        _, not_utf8 = decode_utf8(raw, file=file)  # bytes that are no UTF-8, with their offset
        report.problems += not_utf8 or [problem("import-malformed", file=file, reason=str(e))]
        return []
    tasks = data if isinstance(data, list) else [data]
    repeated = _repeated_keys(raw, data, tasks, file, report)
    if not tasks:
        report.problems.append(
            problem("import-nothing-found", file=file, what="task", place="file", found="[]")
        )
        return []
    out = []
    budget = span_budget(path, len(raw))
    for index, task in enumerate(tasks):
        if index in repeated:
            continue  # a value would be lost: the task is reported, not imported
        if not isinstance(task, dict):
            reason = f"task {index} is {_JSON_TYPES.get(type(task), 'a number')}, not an object"
            report.problems.append(problem("import-malformed", file=file, reason=reason))
        elif (inc := task_to_incoming(task, index, file, report, budget)) is not None:
            out.append(inc)
    return out


def _repeated_keys(raw: bytes, data: Any, tasks: list[Any], file: str, report: Report) -> set[int]:
    """The tasks with a key given twice in one object, each key reported (``duplicate-key``)."""
    found: set[int] = set()
    for r in repeated_keys(raw, data):
        first = r.path[0]  # the task's place in an export list; a lone task is task 0
        index = first if isinstance(data, list) and isinstance(first, int) else 0
        task = tasks[index]
        report.problems.append(
            problem(
                "duplicate-key",
                file=file,
                doc_id=_known_id(task) if isinstance(task, dict) else "",
                annotation_id=r.annotation_id,
                location=r.location,
                key=r.key,
            )
        )
        found.add(index)
    return found


SPEC = FormatSpec(
    name=FORMAT,
    description="Label Studio tasks and labeling config",
    read=read_tasks,
    glob="*.json",
    write=export_label_studio,
)
