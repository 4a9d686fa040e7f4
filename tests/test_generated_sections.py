from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsanno.generated import replace_section, section

TEXT = "# Card\n\nintro\n\n<!-- generated:stats -->\nold\n<!-- /generated:stats -->\n\nafter\n"


def test_replaces_only_the_named_section() -> None:
    new = replace_section(TEXT, "stats", "| a |\n")
    assert new == TEXT.replace("old\n", "| a |\n")


def test_appends_a_missing_section() -> None:
    new = replace_section(TEXT, "leaderboard", "rows")
    assert new.startswith(TEXT.rstrip())
    assert section(new, "leaderboard") == "rows\n"
    assert section(new, "stats") == "old\n"


@given(st.text(alphabet="ab |\n-", max_size=50))
def test_replacing_is_idempotent(content: str) -> None:
    once = replace_section(TEXT, "stats", content)
    assert replace_section(once, "stats", content) == once
    assert section(once, "stats") == content.rstrip("\n") + "\n"
