"""The dataset card's leaderboard is generated from measured results; the bootstrap is seeded,
so regenerating it must give the committed table exactly."""

from __future__ import annotations

import pytest

from conftest import CORPUS, REPO
from newsanno.evaluate.leaderboard import leaderboard_markdown, run_leaderboard
from newsanno.generated import section


def test_card_leaderboard_is_current() -> None:
    committed = section((REPO / "DATASET_CARD.md").read_text(encoding="utf-8"), "leaderboard")
    assert committed is not None, "DATASET_CARD.md lacks the leaderboard section"
    fresh = leaderboard_markdown(run_leaderboard(CORPUS))
    assert committed == fresh, "run `newsanno leaderboard` and commit DATASET_CARD.md"


@pytest.fixture(scope="module")
def table() -> str:
    return leaderboard_markdown(run_leaderboard(CORPUS, bootstrap=10))


def test_gazetteer_trained_on_test_is_marked(table: str) -> None:
    rows = [r for r in table.splitlines() if r.startswith("| gazetteer (trained on test)")]
    assert rows and all("not a benchmark" in r for r in rows)


@pytest.mark.parametrize("system", ["gazetteer", "quotes", "baseline", "dates"])
def test_every_baseline_has_a_row(table: str, system: str) -> None:
    assert any(r.startswith(f"| {system} |") for r in table.splitlines())
