"""Benchmark the dates baseline on TempEval-3 training data (TBAQ-cleaned), MEANTIME and GUM,
and measure its speed.

    python scripts/benchmark_dates.py [--data ../shared/data] [--work DIR] [--no-docs]
    python scripts/benchmark_dates.py --part training   # while developing rules

TBAQ-cleaned is split once, by a hash of each file name (sha256 modulo 100 below 22: about a
fifth, fixed before the rules were tuned): the held-out part was never looked at while the
rules were written, and stands in for unseen TempEval-3 text; the rest is reported as the
training part. ``--part training`` leaves the held-out files out altogether (they are not even
imported, and speed is measured without them) and writes no docs: the run to use while
developing rules. MEANTIME and GUM are scored over all their articles and over the test split
recorded for the release in ``corpus/splits.json`` (as in ``benchmark_real.py``). Corpora are
read in place and imported into a temporary work directory (never into the repository: TimeBank
and AQUAINT texts must not be copied); one that is absent is skipped with the reason.

Writes the generated section ``benchmarks-dates`` of docs/benchmarks.md: TempEval-3 figures
(strict, relaxed, type and value F1), the misses by kind of expression, and documents per
second on 4,000-character articles, with the machine noted.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import shutil
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parent.parent
T = TypeVar("T")
HELD_OUT_PERCENT = 22
ARTICLE_CHARS = 4000


def held_out(name: str) -> bool:
    """Whether a TBAQ file belongs to the held-out part (fixed by its name alone)."""
    return int(hashlib.sha256(name.encode()).hexdigest(), 16) % 100 < HELD_OUT_PERCENT


def category(type_: str, value: str) -> str:
    """The kind of a gold TIMEX3, for counting misses."""
    if value.endswith("_REF"):
        return "PRESENT/PAST/FUTURE_REF"
    if type_ in ("DURATION", "SET"):
        return type_
    if type_ == "TIME" or "T" in value[4:]:
        return "TIME"
    rest = value[4:]
    if rest.startswith("-W"):
        return "DATE week"
    if rest[:2] in ("-Q", "-H") or rest[1:3] in ("SP", "SU", "FA", "WI"):
        return "DATE quarter/half/season"
    if len(value) >= 10:
        return "DATE day"
    if len(value) == 7:
        return "DATE month"
    return "DATE year/decade/century"


@dataclass
class Row:
    corpus: str
    documents: int
    figures: dict[str, dict[str, float]]
    intervals: dict[str, tuple[float, float]]
    gold: Counter[str] = field(default_factory=Counter)
    missed: Counter[str] = field(default_factory=Counter)
    wrong_value: Counter[str] = field(default_factory=Counter)
    spurious: int = 0


def score(name: str, corpus: Path, work: Path, ids: set[str] | None, bootstrap: int) -> Row:
    """Predict with the dates baseline and score against ``corpus`` (only ``ids`` if given)."""
    from newsanno.corpus import read_documents, read_manifest
    from newsanno.evaluate import evaluate, write_predictions
    from newsanno.extractors import get_extractor
    from newsanno.extractors.name_tagger_heldout import write_corpus

    docs = [d for d in read_documents(corpus) if ids is None or d.id in ids]
    gold_dir = corpus
    if ids is not None:
        gold_dir = work / f"{name}-gold"
        write_corpus(docs, gold_dir, read_manifest(corpus))
    extractor = get_extractor("dates")
    pred = work / f"{name}.jsonl"
    write_predictions((extractor.predict(d) for d in docs), pred)
    gold_dates = {d.id: {(t.start, t.end): (t.type, t.value) for t in d.dates} for d in docs}
    row = Row(name, len(docs), {}, {})
    for spans in gold_dates.values():
        row.gold.update(category(*tv) for tv in spans.values())

    def sink(gold, items) -> None:  # type: ignore[no-untyped-def]
        spans = gold_dates[gold.id]
        for item in items:
            if item.layer != "dates":
                continue
            if item.kind == "spurious":
                row.spurious += 1
                continue
            kind = category(*spans[(item.start, item.end)])
            (row.missed if item.kind == "missed" else row.wrong_value)[kind] += 1

    ev = evaluate(gold_dir, pred, ["dates"], bootstrap=bootstrap, seed=0, errors=sink, split=None)
    for key in ("strict", "relaxed", "type", "value"):
        row.figures[key] = ev.figure(f"dates/{key}")
        if f"dates/{key}" in ev.intervals:
            row.intervals[key] = ev.intervals[f"dates/{key}"]
    return row


def tbaq(data: Path, work: Path, bootstrap: int, held_out_too: bool = True) -> list[Row]:
    from newsanno.formats import importer

    src = data / "tempeval3" / "TBAQ-cleaned"
    if not src.is_dir():
        print(f"[tbaq] skipped: {src} does not exist", file=sys.stderr)
        return []
    rows = []
    files = sorted(src.glob("*/*.tml"))
    parts = (("held-out", True), ("training part", False))
    for part, keep in parts if held_out_too else parts[1:]:
        # Copies in the work directory, not links: an import refuses a source file that links
        # out of the folder it was given.
        sources = work / f"tbaq-{part}-src"
        sources.mkdir(parents=True)
        for f in files:
            if held_out(f.name) == keep:
                shutil.copyfile(f, sources / f.name)
        corpus = work / f"tbaq-{part}"
        report = importer("timeml")(sources, corpus)
        # The importer writes a corpus only whole: leave out the files it cannot take (TIMEX3
        # anchors in a cycle), say so, and import the rest.
        bad = {p.file for p in report.problems if p.severity == "error"} - {str(sources)}
        for name in sorted(bad):
            print(f"[tbaq] {part}: left out {Path(name).name} (not importable)", file=sys.stderr)
            Path(name).unlink()
        if bad:
            report = importer("timeml")(sources, corpus)
        if not (corpus / "manifest.json").is_file():
            problems = "; ".join(p.render() for p in report.problems)
            print(f"[tbaq] {part}: skipped, nothing importable ({problems})", file=sys.stderr)
            continue
        rows.append(score(f"TBAQ-cleaned {part}", corpus, work, None, bootstrap))
    return rows


def meantime_and_gum(data: Path, work: Path, bootstrap: int) -> list[Row]:
    from newsanno.corpus import read_documents, read_manifest
    from newsanno.corpus.splits import assign_split
    from newsanno.formats import importer

    rows = []
    for name, sub in (("meantime", "meantime"), ("gum", "gum/news")):
        src = data / sub
        if not src.exists():
            print(f"[{name}] skipped: {src} does not exist", file=sys.stderr)
            continue
        corpus = work / name
        importer(name)(src, corpus)
        label = "MEANTIME" if name == "meantime" else "GUM"
        rows.append(score(f"{label} all", corpus, work, None, bootstrap))
        # the test split recorded for the release (splits.json), not a fresh import's hash split
        policy = read_manifest(ROOT / "corpus").splits
        test = {d.id for d in read_documents(corpus) if assign_split(d.id, policy) == "test"}
        rows.append(score(f"{label} test split", corpus, work, test, bootstrap))
    return rows


def speed(work: Path) -> dict[str, float]:
    """Documents per second on 4,000-character articles cut from the corpora's texts in order,
    each with the publication date of the document it starts in (CPU time of this process,
    median of five passes): the tagger alone, ``DateExtractor.predict`` (which also builds and
    checks the output document), and the work of ``newsanno predict`` (reading and checking
    each document's files, predicting, writing the JSON lines); and characters per second on
    hostile input."""
    from newsanno.corpus import read_documents, write_document
    from newsanno.corpus.writer import init_corpus
    from newsanno.extractors.dates import DateExtractor, find_timexes
    from newsanno.extractors.run import predict_corpus
    from newsanno.model.document import Document

    documents = []
    for corpus in sorted(p for p in work.iterdir() if (p / "manifest.json").is_file()):
        if not corpus.name.endswith("-gold"):
            documents += list(read_documents(corpus))
    articles: list[Document] = []
    buffer, first = "", None
    for doc in documents:
        first = first or doc
        buffer += doc.text + "\n\n"
        while len(buffer) >= ARTICLE_CHARS:
            body = first.model_dump(include={"meta", "annotation"})
            body["annotation"]["layers"] = []
            text, key = buffer[:ARTICLE_CHARS], f"article-{len(articles)}"
            articles.append(Document.model_validate({**body, "id": key, "text": text}))
            buffer, first = buffer[ARTICLE_CHARS:], doc

    def median_rate(step: Callable[[T], object], items: list[T]) -> float:
        """Items per second: the median of five passes of ``step`` over ``items``."""
        rates = []
        for _ in range(5):
            started = time.process_time()
            for item in items:
                step(item)
            rates.append(len(items) / (time.process_time() - started))
        return sorted(rates)[2]

    out: dict[str, float] = {}
    if articles:
        pubs = {
            a.id: date.fromisoformat(a.meta.published[:10]) for a in articles if a.meta.published
        }
        out["articles"] = len(articles)
        out["docs_per_s"] = median_rate(lambda a: find_timexes(a.text, pubs.get(a.id)), articles)
        out["predict_per_s"] = median_rate(DateExtractor().predict, articles)
        corpus = work / "speed-articles"
        init_corpus(corpus, "speed")
        for article in articles:
            write_document(corpus, article)
        # one run of the command over the corpus per pass: runs per second times its documents
        out["command_per_s"] = len(articles) * median_rate(
            lambda c: predict_corpus(c, "dates", work / "speed-predictions.jsonl"), [corpus]
        )
    for unit in ("May ", "a ", "1 ", "the past ", "12:00 UTC Monday "):
        text = unit * (200_000 // len(unit))
        started = time.process_time()
        find_timexes(text, date(2000, 1, 1))
        out[f"hostile {unit.strip()!r}"] = len(text) / (time.process_time() - started)
    return out


def _pct(x: float) -> str:
    return f"{100 * x:.1f}"


def render(rows: list[Row], rates: dict[str, float], seconds: float, bootstrap: int) -> str:
    out = [
        "#### TempEval-3 figures",
        "",
        "| corpus | documents | strict F1 | relaxed F1 | type F1 | value F1 | value accuracy |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        cells = []
        for key in ("strict", "relaxed", "type", "value"):
            cell = _pct(r.figures[key]["f1"])
            if key in r.intervals:
                lo, hi = r.intervals[key]
                cell += f" [{_pct(lo)}-{_pct(hi)}]"
            cells.append(cell)
        cells.append(_pct(r.figures["value"]["accuracy"]))
        out.append(f"| {r.corpus} | {r.documents} | " + " | ".join(cells) + " |")
    out += [
        "",
        "Reference: HeidelTime on the TempEval-3 test set: strict 81.3, relaxed 90.3, value 77.6.",
        "",
        "#### Misses by kind of expression",
        "",
        "Gold TIMEX3 per kind, with those no prediction overlaps (missed) and those matched with "
        "a wrong value; spurious predictions in the last row.",
        "",
        "| kind | " + " | ".join(r.corpus for r in rows) + " |",
        "|---|" + "---:|" * len(rows),
    ]
    kinds = sorted(
        {k for r in rows for k in r.gold}, key=lambda k: (k.startswith("DATE") is False, k)
    )
    for kind in kinds:
        cells = [f"{r.gold[kind]}: {r.missed[kind]} / {r.wrong_value[kind]}" for r in rows]
        out.append(f"| {kind} (gold: missed / wrong value) | " + " | ".join(cells) + " |")
    out.append("| spurious predictions | " + " | ".join(str(r.spurious) for r in rows) + " |")
    out += ["", "#### Speed", ""]
    if "docs_per_s" in rates:
        n = f"{int(rates['articles'])} articles of {ARTICLE_CHARS:,} characters"
        out += [
            f"On {n} cut from the corpora above, each with the publication date of its first "
            "document (CPU time of one process, median of five passes), documents per second:",
            "",
            f"- {rates['docs_per_s']:,.0f} by the tagger (`find_timexes`);",
            f"- {rates['predict_per_s']:,.0f} through `DateExtractor.predict`, which also builds "
            "the output document and checks it against the schema and the integrity checks;",
            f"- {rates['command_per_s']:,.0f} through the work of `newsanno predict --extractor "
            "dates` (reading each document's two files and checking them, predicting, writing "
            "the predictions), without the start of the program.",
            "",
            "Hostile input:",
            "",
        ]
    for key, value in rates.items():
        if key.startswith("hostile"):
            out.append(
                f"- {value:,.0f} characters per second on 200,000 characters of {key[8:]} repeated."
            )
    cores = os.cpu_count()
    out += [
        "",
        f"Generated by `python scripts/benchmark_dates.py` in {seconds:.0f} s on a shared, loaded "
        f"{cores}-core machine ({platform.machine()}, Python {platform.python_version()}); "
        f"intervals: {bootstrap} paired bootstrap resamples of documents, seed 0, 95%.",
    ]
    return "\n".join(out) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--work", type=Path, help="work directory (default: a temporary one)")
    parser.add_argument("--bootstrap", type=int, default=1000)
    parser.add_argument("--no-docs", action="store_true", help="print, do not write the docs")
    parser.add_argument(
        "--part",
        choices=("all", "training"),
        default="all",
        help="training: leave the TBAQ held-out part out entirely and write no docs",
    )
    args = parser.parse_args()
    training_only = args.part == "training"

    from newsanno.generated import update_file

    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="newsanno-dates-") as tmp:
        work = args.work or Path(tmp)
        if work.exists() and (not work.is_dir() or any(work.iterdir())):
            print(f"{work}: the work directory is not empty; give a new one", file=sys.stderr)
            return 2
        work.mkdir(parents=True, exist_ok=True)
        rows = tbaq(args.data, work, args.bootstrap, not training_only) + meantime_and_gum(
            args.data, work, args.bootstrap
        )
        if not rows:
            print("no corpus found: nothing to measure", file=sys.stderr)
            return 0
        rates = speed(work)
    body = render(rows, rates, time.perf_counter() - started, args.bootstrap)
    print(body)
    if not args.no_docs and not training_only:
        update_file(ROOT / "docs" / "benchmarks.md", "benchmarks-dates", body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
