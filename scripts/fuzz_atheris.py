"""Coverage-guided fuzzing of the readers with atheris, for long runs the test suite cannot
afford (the suite's hypothesis fuzzers in tests/test_fuzz.py run in seconds on every commit).

    pip install atheris
    mkdir /tmp/seeds && cp corpus/annotations/*.json /tmp/seeds/   # atheris adds to it
    python scripts/fuzz_atheris.py annotation /tmp/seeds -atheris_runs=200000
    python scripts/fuzz_atheris.py manifest
    python scripts/fuzz_atheris.py import:label-studio /tmp/label-studio-seeds

Without seed files random bytes rarely get past the JSON parser (coverage ~40 edges); with the
seed annotation files it reaches the schema and integrity checks (~250 edges in 1,500 runs).

A crash is any exception other than a ``NewsannoError`` whose problems carry catalogue codes;
atheris stops and writes the input that caused it.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from newsanno.errors import CATALOGUE, NewsannoError

ROOT = Path(tempfile.mkdtemp(prefix="newsanno-atheris-"))
TEXT = "Moscow denies it. On\u00a0Wednesday Dmitry Peskov said \u201ctalks are dragging\u201d.\n"


def _annotation(data: bytes) -> None:
    from newsanno.corpus import load_document

    (ROOT / "articles").mkdir(exist_ok=True)
    (ROOT / "annotations").mkdir(exist_ok=True)
    (ROOT / "articles" / "doc.txt").write_text(TEXT, encoding="utf-8")
    path = ROOT / "annotations" / "doc.json"
    path.write_bytes(data)
    loaded = load_document(path)
    assert {p.code for p in loaded.problems} <= set(CATALOGUE)


def _manifest(data: bytes) -> None:
    from newsanno.corpus import read_manifest

    (ROOT / "manifest.json").write_bytes(data)
    read_manifest(ROOT)


def _importer(name: str) -> Callable[[bytes], None]:
    from newsanno.formats import importer

    run = importer(name)

    def target(data: bytes) -> None:
        src = ROOT / "in"
        src.mkdir(exist_ok=True)
        (src / "doc").write_bytes(data)
        with tempfile.TemporaryDirectory(dir=ROOT) as out:
            run(src / "doc", Path(out))

    return target


def main() -> None:
    try:
        import atheris
    except ImportError:
        sys.exit("atheris is not installed: pip install atheris")
    name = sys.argv[1] if len(sys.argv) > 1 else "annotation"
    with atheris.instrument_imports(include=["newsanno"]):
        import newsanno.corpus
        import newsanno.formats  # noqa: F401
    targets = {"annotation": _annotation, "manifest": _manifest}
    target = _importer(name.split(":", 1)[1]) if name.startswith("import:") else targets[name]

    def one_input(data: bytes) -> None:
        try:
            target(data)
        except NewsannoError as e:
            assert {p.code for p in e.problems} <= set(CATALOGUE)

    atheris.Setup([sys.argv[0], *sys.argv[2:]], one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
