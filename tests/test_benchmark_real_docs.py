"""The real-text benchmark tables are written by one command into the docs and the card."""

from __future__ import annotations

from conftest import REPO
from newsanno.generated import section


def test_docs_and_card_hold_the_same_generated_tables() -> None:
    docs = section((REPO / "docs" / "benchmarks.md").read_text(encoding="utf-8"), "benchmarks-real")
    card = section((REPO / "DATASET_CARD.md").read_text(encoding="utf-8"), "leaderboard-real")
    assert docs is not None and docs == card, "run python scripts/benchmark_real.py"
    for layer in ("entities", "dates", "quotes"):
        assert f"#### {layer}" in docs
    # every system on the whole test split and per source
    for row in (
        "| all | dates |",
        "| meantime | dates |",
        "| gum | quotes |",
        "| all | spacy-ner |",
    ):
        assert row in docs
