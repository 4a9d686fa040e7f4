"""Label mapping tables of the corpus importers, as data: the importers read them, and
``docs/import_mappings.md`` is generated from them, so the documentation cannot drift."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Mapping:
    """One source label or construct and what becomes of it.

    ``target`` None means dropped, counted under ``code``; ``lossy`` marks a mapping that merges
    or approximates (the note says how)."""

    layer: str
    source: str
    target: str | None
    note: str = ""
    code: str | None = None
    lossy: bool = False


@dataclass(frozen=True)
class Rule:
    """A named conversion that changes an imported item to fit the guidelines; the import
    report and ``imports/<source>.json`` count the items each rule changed."""

    name: str
    layer: str
    description: str


def rules_markdown(rules: tuple[Rule, ...], counts: dict[str, dict[str, int]]) -> str:
    """The rules with how many items each changed per source (from ``imports/*.json``)."""
    from ..generated import markdown_text

    sources = sorted(counts)
    head = "| rule | layer | what it does | " + " | ".join(map(markdown_text, sources)) + " |"
    lines = [head, "|" + "---|" * (3 + len(sources))]
    for r in rules:
        cells = " | ".join(str(counts[s].get(r.name, 0)) for s in sources)
        lines.append(f"| `{r.name}` | {r.layer} | {r.description} | {cells} |")
    return "\n".join(lines) + "\n"


def targets(rows: tuple[Mapping, ...], layer: str) -> dict[str, str | None]:
    """``source -> target`` for one layer, for the importer to look labels up in."""
    return {r.source: r.target for r in rows if r.layer == layer}


def markdown(rows: tuple[Mapping, ...]) -> str:
    lines = ["| layer | source | newsanno | kind | note |", "|---|---|---|---|---|"]
    for r in rows:
        if r.target is None:
            kind = f"dropped, counted as `{r.code}`"
        else:
            kind = "lossy" if r.lossy else "exact"
        target = f"`{r.target}`" if r.target else "-"
        lines.append(f"| {r.layer} | `{r.source}` | {target} | {kind} | {r.note} |")
    return "\n".join(lines) + "\n"


MAPPED_FORMATS = ("meantime", "gum", "timeml")
RULE_MODULES = ("names", "meantime", "gum", "errata")


def all_rules() -> tuple[Rule, ...]:
    """Every named conversion rule of the importers, in documentation order."""
    from importlib import import_module

    return tuple(r for m in RULE_MODULES for r in import_module(f"{__package__}.{m}").RULES)


def import_counts(imports: Path) -> dict[str, dict[str, dict[str, int]]]:
    """``{source: {"kept"|"converted"|"dropped": {name: count}}}`` from ``imports/*.json``."""
    import json

    from ..errors import NewsannoError, fail
    from ..paths import read_inside

    out = {}
    for path in sorted(imports.glob("*.json")):
        try:
            data = json.loads(read_inside(imports.parent, path))
            counts = {k: data[k] for k in ("kept", "converted", "dropped")}
            ok = isinstance(data["source"], str) and all(
                isinstance(name, str) and type(n) is int
                for part in counts.values()
                for name, n in part.items()
            )
        except NewsannoError:
            raise
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as e:
            ok, reason = False, f"{type(e).__name__}: {e}"
        else:
            reason = "source, kept, converted and dropped must map names to counts"
        if not ok:
            raise fail("schema", file=str(path), location="import summary", reason=reason)
        out[data["source"]] = counts
    return out


def counts_markdown(counts: dict[str, dict[str, dict[str, int]]]) -> str:
    """Kept items and dropped items per problem code, per source."""
    from ..generated import markdown_code, markdown_text

    sources = sorted(counts)
    head = " | ".join(map(markdown_text, sources))
    lines = ["| | " + head + " |", "|---|" + "---|" * len(sources)]
    for part in ("kept", "dropped"):
        names = sorted({n for s in sources for n in counts[s][part]})
        for name in names:
            label = markdown_text(name) if part == "kept" else f"dropped: {markdown_code(name)}"
            cells = " | ".join(str(counts[s][part].get(name, 0)) for s in sources)
            lines.append(f"| {label} | {cells} |")
    return "\n".join(lines) + "\n"


def update_docs(path: Path, imports: Path) -> bool:
    """Write each importer's table, the rules with their counts, and the kept and dropped
    counts (from the corpus's ``imports/*.json``) into their generated sections of ``path``;
    True when changed."""
    from importlib import import_module

    from ..generated import update_file
    from .errata import errata_markdown

    changed = False
    for name in MAPPED_FORMATS:
        rows = import_module(f"{__package__}.{name}").MAPPING
        changed |= update_file(path, name, markdown(rows))
    counts = import_counts(imports)
    converted = {s: c["converted"] for s, c in counts.items()}
    changed |= update_file(path, "rules", rules_markdown(all_rules(), converted))
    errata = {name: import_module(f"{__package__}.{name}").SPEC.errata for name in MAPPED_FORMATS}
    changed |= update_file(path, "errata", errata_markdown({k: v for k, v in errata.items() if v}))
    changed |= update_file(path, "import-counts", counts_markdown(counts))
    return changed
