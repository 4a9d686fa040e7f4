"""The corpus manifest: name and semantic version of the corpus, and its split policy."""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from ..errors import NewsannoError, Problem, fail
from ..paths import VERSION, check_name, read_inside
from .layout import MANIFEST, SPLITS
from .reader import parse_json

SEMVER = f"^{VERSION.pattern}$"
Split = str


class SplitPolicy(BaseModel):
    """Where each document goes. A recorded assignment (``splits.json`` beside the manifest,
    written by ``newsanno splits``) is final: a released document never moves. ``overrides``
    pins single documents before they are recorded (near duplicates of one story); any other
    document falls to the hash of its id, which does not move it when the corpus grows."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)

    ratios: dict[Split, Annotated[float, Field(ge=0, allow_inf_nan=False)]] = Field(
        default_factory=lambda: {"train": 0.8, "validation": 0.1, "test": 0.1}
    )
    overrides: dict[str, Split] = Field(default_factory=dict)
    salt: str = Field(default="newsanno", description="Changing it reshuffles every document.")
    assigned: dict[str, Split] = Field(
        default_factory=dict,
        exclude=True,
        description="The recorded assignment, read from splits.json (not written in the manifest).",
    )

    @model_validator(mode="after")
    def _some_split_takes_documents(self) -> SplitPolicy:
        total = sum(self.ratios.values())
        if total <= 0:
            raise ValueError("ratios: at least one split needs a ratio above 0")
        if not math.isfinite(total):  # 1e308 twice: each is finite, the sum is not
            raise ValueError("ratios: their sum must be a finite number")
        unknown = sorted(set(self.overrides.values()) - set(self.ratios))
        if unknown:
            raise ValueError(f"overrides: no split {unknown[0]!r} in ratios")
        return self


class Manifest(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)

    name: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=128)
    version: str = Field(pattern=SEMVER)
    description: str
    license: str = Field(description="License of the annotations (each text has its own).")
    homepage: str | None = None
    citation: str | None = None
    splits: SplitPolicy = Field(default_factory=SplitPolicy)


def read_manifest(corpus: Path) -> Manifest:
    path = corpus / MANIFEST
    file = str(path)
    try:
        data = read_inside(corpus, path)
    except FileNotFoundError:
        reason = f"no {MANIFEST} in {corpus}; start a corpus with `newsanno init {corpus}`"
        raise fail("manifest", file=file, reason=reason) from None
    except OSError as e:
        raise fail("manifest", file=file, reason=e.strerror or str(e)) from None
    raw, problems = parse_json(data, file=file)
    if problems:
        raise fail("manifest", file=file, reason="; ".join(p.message for p in problems))
    try:
        manifest = Manifest.model_validate(raw)
    except ValidationError as e:
        raise fail("manifest", file=file, reason=_reasons(e)) from None
    check_split_names(manifest.splits, file)
    assigned = _read_assigned(corpus / SPLITS)
    if not assigned:
        return manifest
    unknown = sorted(set(assigned.values()) - set(manifest.splits.ratios))
    if unknown:  # as for overrides: a split the policy does not declare would appear unasked
        reason = f"assigned: no split {unknown[0]!r} in the ratios of {MANIFEST}"
        raise fail("manifest", file=str(corpus / SPLITS), reason=reason)
    splits = manifest.splits.model_copy(update={"assigned": assigned})
    check_split_names(splits, str(corpus / SPLITS))
    return manifest.model_copy(update={"splits": splits})


class _Assigned(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)

    assigned: dict[str, Split]


def _read_assigned(path: Path) -> dict[str, Split]:
    try:
        data = read_inside(path.parent, path)
    except FileNotFoundError:
        return {}
    except OSError as e:
        raise fail("manifest", file=str(path), reason=e.strerror or str(e)) from None
    raw, problems = parse_json(data, file=str(path))
    if problems:
        reason = "; ".join(p.message for p in problems)
        raise fail("manifest", file=str(path), reason=reason)
    try:
        return _Assigned.model_validate(raw).assigned
    except ValidationError as e:
        raise fail("manifest", file=str(path), reason=_reasons(e)) from None


_PATTERN_HINTS = {
    "name": "lower-case letters, digits, '-' and '_', starting with a letter or digit (it "
    "names the release folder)",
    "version": "a version X.Y.Z",
}


def _reasons(e: ValidationError) -> str:
    out = []
    for x in e.errors():
        where = ".".join(map(str, x["loc"]))
        hint = _PATTERN_HINTS.get(where) if x["type"] == "string_pattern_mismatch" else None
        out.append(f"{where}: {x['input']!r} is not {hint}" if hint else f"{where}: {x['msg']}")
    return "; ".join(out)


def check_manifest(corpus: Path) -> list[Problem]:
    """What is wrong with the corpus manifest (and recorded splits), as coded problems."""
    try:
        read_manifest(corpus)
    except NewsannoError as e:
        return e.problems
    return []


def new_manifest(corpus: Path, name: str | None = None, **fields: str) -> Manifest:
    """A manifest for a new corpus: ``name`` defaults to the folder's name, made safe."""
    default = re.sub(r"[^a-z0-9_-]+", "-", corpus.resolve().name.lower()).strip("-_")
    data: dict[str, object] = {
        "name": name or default or "corpus",
        "version": "0.1.0",
        "description": "",
        "license": "unknown",
        **fields,
    }
    try:
        return Manifest.model_validate(data)
    except ValidationError as e:
        raise fail("manifest", file=str(corpus / MANIFEST), reason=_reasons(e)) from None


_SPLIT_RULE = (
    "a split name is letters, digits and '_' only, and not 'all' or 'auto' (datasets refuses "
    "'-' and reads 'all' as every split)"
)


def check_split_names(policy: SplitPolicy, file: str = "") -> None:
    """Split names become file names in a release: each must be a safe name, and so must the
    ids the policy pins."""
    pinned = {**policy.overrides, **policy.assigned}
    for name in dict.fromkeys([*policy.ratios, *pinned.values()]):
        check_name(name, "split", file=file)
        # datasets refuses "-" and reads "all" as every split; evaluate reads "auto" and "all"
        if "-" in name or name in ("all", "auto"):
            raise fail("unsafe-name", file=file, what="split", value=name, reason=_SPLIT_RULE)
    for doc_id in pinned:
        check_name(doc_id, "document id in the split policy", file=file)
