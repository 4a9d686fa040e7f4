"""The release README: YAML front matter that ``datasets`` reads (configs, splits, features with
ClassLabel names) on top of the dataset card, whose generated sections are filled from the
corpus. The same text with the front matter stripped is a valid template again: rehydration
rebuilds the full release's README from the public one that way."""

from __future__ import annotations

from collections import Counter
from typing import Any

import yaml

from ..corpus.manifest import Manifest
from ..generated import replace_section
from .arrow import CONFIGS, DEFAULT_CONFIG, features
from .stats import Stats

FRONT = "---\n"
DEFAULT_TEMPLATE = "# {name}\n\n{description}\n"


def split_front_matter(readme: str) -> tuple[str, str]:
    """(YAML, card body) of a release README."""
    if not readme.startswith(FRONT):
        return "", readme
    end = readme.index("\n" + FRONT, len(FRONT))
    return readme[len(FRONT) : end + 1], readme[end + 1 + len(FRONT) :].lstrip("\n")


def front_matter(
    manifest: Manifest,
    version: str,
    rows: dict[str, dict[str, int]],
    sizes: dict[str, dict[str, int]],
) -> str:
    """``rows``: config -> split -> row count, without empty splits or configs; ``sizes``: the
    bytes of the split's Parquet files (``num_bytes``, which ``datasets`` requires)."""
    configs: list[dict[str, Any]] = []
    infos: list[dict[str, Any]] = []
    for config in CONFIGS:
        if config not in rows:
            continue
        entry: dict[str, Any] = {"config_name": config}
        if config == DEFAULT_CONFIG:
            entry["default"] = True
        entry["data_files"] = [
            {"split": s, "path": f"{config}/{s}-*.parquet"} for s in rows[config]
        ]
        configs.append(entry)
        infos.append(
            {
                "config_name": config,
                "features": features(config)._to_yaml_list(),
                "splits": [
                    {"name": s, "num_bytes": sizes[config][s], "num_examples": n}
                    for s, n in rows[config].items()
                ],
            }
        )
    meta = {
        "pretty_name": f"{manifest.name} {version}",
        "language": ["en"],
        "task_categories": ["token-classification", "text-classification"],
        "configs": configs,
        "dataset_info": infos,
    }
    return yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=100)


def release_section(
    manifest: Manifest, version: str, stats: Stats, public: bool, dropped: Counter[str]
) -> str:
    """What this particular release is: full or public, synthetic or not, how to load it."""
    name = f"{manifest.name}-{version}"
    lines = [f"## This release: {name}{'-public' if public else ''}", ""]
    withheld = stats.withheld
    if public:
        lines += [
            f"A **public** release: the text of the {withheld} document(s) whose "
            "`redistribution` is `annotations-only` is withheld (null) in every config: "
            "`text`, span `text` fields, `tokens`, `context`, speaker and claimant names. "
            "Ids, URLs, titles, offsets, labels, the text's sha256 and length are kept.",
            "",
            "To rehydrate, put your own copies of the withheld articles in a folder `TEXTS`, "
            "named as you like (text, or the HTML page; each is matched by the sha256 of its "
            "text, which must be `text_sha256`), and run "
            f"`newsanno rehydrate {name}-public --texts TEXTS`; it writes `{name}`, "
            "identical to the full build, and refuses any text whose sha256 differs.",
        ]
    else:
        lines += [
            "A **full** release with every text, for local use only: "
            f"{withheld} document(s) may not be redistributed with their text "
            "(`redistribution: annotations-only`). Share the public build "
            "(`newsanno build --public`) instead.",
        ]
    if stats.synthetic:
        lines += [
            "",
            f"**Synthetic data:** {stats.synthetic} document(s) are generated text "
            "(`meta.synthetic`), built with `--allow-synthetic`; not news.",
        ]
    lines += [
        "",
        "```python",
        "import datasets",
        f'docs = datasets.load_dataset("{name}{"-public" if public else ""}")  # documents',
        f'ner = datasets.load_dataset("{name}{"-public" if public else ""}", "ner")',
        "```",
        "",
        "Splits are assigned by a hash of the document id (see Splits); a split without "
        "documents is left out of a release, and so is a config without rows.",
    ]
    if dropped:
        lines += ["", "| left out of the `ner` config | mentions or sentences |", "|---|---:|"]
        lines += [f"| `{code}` | {n} |" for code, n in sorted(dropped.items())]
    return "\n".join(lines) + "\n"


def release_readme(
    template: str,
    manifest: Manifest,
    version: str,
    stats: Stats,
    rows: dict[str, dict[str, int]],
    sizes: dict[str, dict[str, int]],
    *,
    public: bool,
    dropped: Counter[str],
) -> str:
    body = replace_section(template, "stats", stats.stats_table())
    body = replace_section(body, "licenses", stats.licenses_table())
    body = replace_section(body, "provenance", stats.provenance_table())
    body = replace_section(
        body, "release", release_section(manifest, version, stats, public, dropped)
    )
    return f"{FRONT}{front_matter(manifest, version, rows, sizes)}{FRONT}\n{body}"
