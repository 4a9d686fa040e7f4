"""The shell every viewer page shares: self-contained (inline CSS and JS, nothing fetched), with a
Content-Security-Policy that forbids any network load and lets only our own script run, pinned by
its hash: even if some text escaped escaping, an injected ``<script>`` would not execute."""

from __future__ import annotations

import base64
import hashlib
import html
from functools import cache
from importlib.resources import files

from .palette import label_css


def esc(value: object) -> str:
    """Text or attribute value made safe for HTML: the one escaping every page uses."""
    return html.escape(str(value), quote=True)


@cache
def asset(name: str) -> str:
    return files(__package__).joinpath("assets", name).read_text(encoding="utf-8")


def _script_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def page(title: str, body: str, *, lang: str = "en", script: bool = True) -> str:
    """A complete HTML document; ``title`` is plain text, ``body`` is markup we produced."""
    js = asset("viewer.js") if script else ""
    script_src = f"'{_script_hash(js)}'" if script else "'none'"
    csp = (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
        f"script-src {script_src}; base-uri 'none'; form-action 'none'"
    )
    return (
        "<!doctype html>\n"
        f'<html lang="{html.escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title, quote=False)}</title>\n"
        f"<style>\n{asset('viewer.css')}\n{label_css()}\n</style>\n</head>\n"
        f"<body>\n{body}\n" + (f"<script>{js}</script>\n" if script else "") + "</body>\n</html>\n"
    )
