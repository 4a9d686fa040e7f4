"""The corpus manifest: name and semantic version of the corpus, and its split policy."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..errors import fail
from .layout import MANIFEST
from .reader import parse_json

SEMVER = r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$"
Split = str


class SplitPolicy(BaseModel):
    """Documents go to splits by a hash of their id, so a document never moves when the corpus
    grows; ``overrides`` pins single documents (for example to keep one story in one split)."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)

    ratios: dict[Split, float] = Field(
        default_factory=lambda: {"train": 0.8, "validation": 0.1, "test": 0.1}
    )
    overrides: dict[str, Split] = Field(default_factory=dict)
    salt: str = Field(default="newsanno", description="Changing it reshuffles every document.")


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
        return Manifest.model_validate(raw)
    except ValidationError as e:
        reasons = "; ".join(f"{'.'.join(map(str, x['loc']))}: {x['msg']}" for x in e.errors())
        raise fail("manifest", file=file, reason=reasons) from None
