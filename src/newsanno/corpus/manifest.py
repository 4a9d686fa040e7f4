"""The corpus manifest: name and semantic version of the corpus, and its split policy."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..errors import fail
from .layout import MANIFEST, SPLITS
from .reader import parse_json

SEMVER = r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$"
Split = str


class SplitPolicy(BaseModel):
    """Where each document goes. A recorded assignment (``splits.json`` beside the manifest,
    written by ``newsanno splits``) is final: a released document never moves. ``overrides``
    pins single documents before they are recorded (near duplicates of one story); any other
    document falls to the hash of its id, which does not move it when the corpus grows."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)

    ratios: dict[Split, float] = Field(
        default_factory=lambda: {"train": 0.8, "validation": 0.1, "test": 0.1}
    )
    overrides: dict[str, Split] = Field(default_factory=dict)
    salt: str = Field(default="newsanno", description="Changing it reshuffles every document.")
    assigned: dict[str, Split] = Field(
        default_factory=dict,
        exclude=True,
        description="The recorded assignment, read from splits.json (not written in the manifest).",
    )


class Manifest(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)

    name: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")
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
        data = path.read_bytes()
    except FileNotFoundError:
        raise fail("manifest", file=file, reason=f"no {MANIFEST} in {corpus}") from None
    raw, problems = parse_json(data, file=file)
    if problems:
        raise fail("manifest", file=file, reason=problems[0].message)
    try:
        manifest = Manifest.model_validate(raw)
    except ValidationError as e:
        raise fail("manifest", file=file, reason=_reasons(e)) from None
    assigned = _read_assigned(corpus / SPLITS)
    if not assigned:
        return manifest
    splits = manifest.splits.model_copy(update={"assigned": assigned})
    return manifest.model_copy(update={"splits": splits})


class _Assigned(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)

    assigned: dict[str, Split]


def _read_assigned(path: Path) -> dict[str, Split]:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return {}
    raw, problems = parse_json(data, file=str(path))
    if problems:
        raise fail("manifest", file=str(path), reason=problems[0].message)
    try:
        return _Assigned.model_validate(raw).assigned
    except ValidationError as e:
        raise fail("manifest", file=str(path), reason=_reasons(e)) from None


def _reasons(e: ValidationError) -> str:
    return "; ".join(f"{'.'.join(map(str, x['loc']))}: {x['msg']}" for x in e.errors())
