"""Generated sections inside hand-written Markdown (the dataset card, docs): the text between
``<!-- generated:NAME -->`` and ``<!-- /generated:NAME -->`` belongs to code, the rest to people."""

from __future__ import annotations

import re
from pathlib import Path

_INLINE = re.compile(r"([\\`*_\[\]|~])")
_BLOCK_START = re.compile(r"[#+=-]|\d+(?=[.)])")


def markdown_text(value: str, *, line_start: bool = False) -> str:
    """A value from data as inert Markdown: one line, ``& < >`` as HTML entities (no tag, no
    comment, no ``<!-- /generated -->`` marker can form), Markdown punctuation escaped (no link,
    emphasis, code or table cell); with ``line_start`` (the value begins a line) no block
    syntax either (heading, list, rule)."""
    line = " ".join(value.split())
    line = line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    line = _INLINE.sub(r"\\\1", line)
    m = _BLOCK_START.match(line) if line_start else None
    if m is None:
        return line
    at = m.end() if m.group().isdigit() else 0  # "# x" -> "\# x", "1. x" -> "1\. x"
    return line[:at] + "\\" + line[at:]


_CODE = re.compile(r"[A-Za-z0-9_.:/-]+")


def markdown_code(name: str) -> str:
    """A name from data (a rule, a code) as inline code when it is a plain name, else as
    inert text: a backtick in a code span would end it."""
    return f"`{name}`" if _CODE.fullmatch(name) else markdown_text(name)


def _pattern(name: str) -> re.Pattern[str]:
    return re.compile(
        rf"(<!-- generated:{re.escape(name)} -->\n).*?(<!-- /generated:{re.escape(name)} -->)",
        flags=re.S,
    )


def replace_section(markdown: str, name: str, content: str) -> str:
    """``markdown`` with section ``name`` holding ``content``; appended when absent. Content
    that holds a section marker is a programmer error (values from data go through
    :func:`markdown_text`)."""
    if "<!-- generated:" in content or "<!-- /generated:" in content:
        raise ValueError(f"generated content for {name!r} holds a section marker")
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
    """Rewrite ``path`` with the section replaced; True when the file changed. A card that is
    not UTF-8 is a ``not-utf8`` problem (the caller checks it is a regular file, apart from
    what the command reads: ``newsanno.outputs.output_file``)."""
    from .errors import fail
    from .paths import read_regular

    data = read_regular(path)
    try:
        old = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise fail("not-utf8", file=str(path), offset=e.start, reason=e.reason) from None
    new = replace_section(old, name, content)
    if new != old:
        from .files import write_atomic

        write_atomic(path, new.encode("utf-8"))
    return new != old
