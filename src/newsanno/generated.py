"""Generated sections inside hand-written Markdown (the dataset card, docs): the text between
``<!-- generated:NAME -->`` and ``<!-- /generated:NAME -->`` belongs to code, the rest to people."""

from __future__ import annotations

import re
from pathlib import Path


def _pattern(name: str) -> re.Pattern[str]:
    return re.compile(
        rf"(<!-- generated:{re.escape(name)} -->\n).*?(<!-- /generated:{re.escape(name)} -->)",
        flags=re.S,
    )


def replace_section(markdown: str, name: str, content: str) -> str:
    """``markdown`` with section ``name`` holding ``content``; appended when absent."""
    body = content.rstrip("\n") + "\n"
    pattern = _pattern(name)
    if pattern.search(markdown):
        return pattern.sub(lambda m: m.group(1) + body + m.group(2), markdown, count=1)
    start, end = f"<!-- generated:{name} -->", f"<!-- /generated:{name} -->"
    return f"{markdown.rstrip()}\n\n{start}\n{body}{end}\n"


def section(markdown: str, name: str) -> str | None:
    m = _pattern(name).search(markdown)
    return None if m is None else markdown[m.end(1) : m.start(2)]


def update_file(path: Path, name: str, content: str) -> bool:
    """Rewrite ``path`` with the section replaced; True when the file changed."""
    old = path.read_text(encoding="utf-8")
    new = replace_section(old, name, content)
    if new != old:
        from .corpus.writer import write_atomic

        write_atomic(path, new.encode("utf-8"))
    return new != old
