"""A rule-based TIMEX3 tagger for news: finds temporal expressions and resolves their values
against the publication date (``meta.published``) or, for expressions such as "the next day"
or "a year earlier", against the date mentioned last before them.

The rules are data (:mod:`.timex_rules`); this module runs them in time linear in the text. One
pass of an automaton finds the trigger words (month and weekday names, numerals, unit words,
...: :mod:`.triggers`); only the rules a trigger can start are tried there, anchored at it,
and the words before it that belong to the expression ("the last", "nearly", "late") are
looked for in a bounded window. Overlaps are resolved longest first with an occupancy map,
so no pair of candidates is ever compared. Without a publication date, relative expressions
keep unknown digits (``XXXX-XX-XX``).

Weekdays follow how news is written, not what ``dateparser`` does: a bare "on Wednesday" in a
past-tense report means the most recent Wednesday on or before the publication date, a future
cue nearest to it ("will", "is to", "as early as") the next one on or after it
(:mod:`.timex_resolve`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from ..model.document import Document
from ..model.labels import DOCUMENT_ANCHOR
from .base import silver
from .timex_resolve import FUTURE, in_calendar, same_sentence, shift, tense, truncate
from .timex_rules import (
    FOUR,
    LONG,
    MODIFIER,
    MODIFIER_INFO,
    MODIFIER_LAST_WORDS,
    POINT,
    RULES,
    SHORT,
    Context,
    Hit,
    Rule,
)
from .triggers import Triggers

Found = tuple[int, int, str, str]  # start, end, type, value

_LEFT_WINDOW = 24  # characters before a trigger searched for the words that belong to it


_Entry = tuple[
    int,
    Callable[..., "re.Match[str] | None"],
    Callable[[str, int, int], "re.Match[str] | None"] | None,
    bool,
    Callable[..., "Hit | None"],
]
_LEFT_START = r"(?:^|(?<=[\s(\"'`]))"  # how every ``Rule.left`` pattern begins


def _left_search(left: re.Pattern[str]) -> Callable[[str, int, int], re.Match[str] | None]:
    """``left.search`` over a window, made cheaper: a pattern that begins with the separator
    before the words lets the engine skip to the next separator instead of trying every
    position; the words it finds are then matched by ``left`` itself, which gives the same
    match. At the very start of the text (``^``) ``left`` searches alone."""
    if not left.pattern.startswith(_LEFT_START):
        raise ValueError(f"a left pattern must begin with {_LEFT_START}: {left.pattern}")
    first = re.compile(r"[\s(\"'`]" + left.pattern[len(_LEFT_START) :], left.flags).search
    search, match = left.search, left.match

    def find(text: str, lo: int, hi: int) -> re.Match[str] | None:
        if lo == 0:
            return search(text, 0, hi)
        sep = first(text, lo - 1, hi)
        return None if sep is None else match(text, sep.start() + 1, hi)

    return find


_NUMERAL_KEYS = {1: SHORT, 2: SHORT, 4: FOUR, 0: LONG}  # by number of digits (0: any other)


def _index(rules: tuple[Rule, ...]) -> tuple[Triggers, dict[str, tuple[_Entry, ...]]]:
    """The trigger finder and, per trigger form as written ("may" is not "May"; ``#12``,
    ``#4``, ``#n`` for numerals by length), the rules it can start, with their bound methods
    looked up once. Words are found in lower case, capitalised or upper case, as written, not
    in any case. A trigger all of whose rules have a guard is found only where one of the
    guards holds."""
    by_form: dict[str, list[tuple[_Entry, str | None]]] = {}
    for k, rule in enumerate(rules):
        left = _left_search(rule.left) if rule.left is not None else None
        entry = (k, rule.pattern.match, left, rule.needs_left, rule.build)
        forms: set[str] = set()
        for word in rule.triggers:
            if word.startswith("#"):
                forms.add(word)
            elif word.islower():
                forms |= {word, word.capitalize(), word.upper()}
            else:
                forms |= {word, word.upper()}
        # a word listed twice ("a" is a number word and an article) tries the rule once; a
        # form two rules reach from different words ("fourth", "Fourth") tries both
        for form in forms:
            by_form.setdefault(form, []).append((entry, rule.guard))
    table: dict[str, tuple[_Entry, ...]] = {}
    guards: dict[str, str | None] = {}
    for form, entries in by_form.items():
        found = [g for _, g in entries]
        guard = None
        if all(g is not None for g in found):
            guard = "|".join(f"(?:{g})" for g in dict.fromkeys(found))  # type: ignore[arg-type]
        table[form] = tuple(e for e, _ in entries)
        guards[form] = guard
    words = {w: g for w, g in guards.items() if not w.startswith("#")}
    numerals = {n: (key, guards[key]) for n, key in _NUMERAL_KEYS.items() if key in table}
    return Triggers(words, numerals), table


_TRIGGERS, _TABLE = _index(RULES)


def _candidates(text: str, published: date | None) -> list[tuple[int, int, int, Hit]]:
    """Every rule's match at every trigger, with its extent and value (overlapping)."""
    found: list[tuple[int, int, int, Hit]] = []
    table = _TABLE
    n = len(text)
    for pos, _, key in _TRIGGERS(text):
        if pos and text[pos - 1].isalnum():  # a letter outside ASCII: inside a word
            continue
        for order, match, left_search, needs_left, build in table[key]:
            m = match(text, pos)
            if m is None:
                continue
            end = m.end()
            if end == pos or (end < n and text[end].isalnum() and text[end - 1].isalnum()):
                continue  # empty, or ending inside a word: "August 1990" of "August 1990s"
            left = None
            start = pos
            if left_search is not None and pos and text[pos - 1] in _BEFORE_LEFT:
                left = left_search(text, max(0, pos - _LEFT_WINDOW), pos)
                if left is not None:
                    start = left.start()
            if left is None and needs_left:
                continue
            try:
                hit = build(m, left, Context(text, published, start, end))
            except (OverflowError, ValueError):  # calendar arithmetic past year 1 or 9999
                continue
            if hit is None:
                continue
            if hit.bare:
                start = pos
            if hit.end is not None:
                end = hit.end
            if start > 2 and text[start - 3 : start - 1].lower() in _MODIFIER_ENDINGS:
                start, mod = _modifier(text, start, end, hit)  # most words end otherwise
                if mod != hit.mod:
                    hit = hit._replace(mod=mod)
            found.append((start, end, order, hit))
    return found


_BEFORE_LEFT = frozenset(" \t\n-'’`\u00a0")


# The last two letters of those words: a word lowers to one of them only if its last two
# characters lower to one of these (the words are ASCII and no "k", and outside ASCII only the
# Kelvin sign lowers to a lone ASCII letter, "k").
_MODIFIER_ENDINGS = frozenset(w[-2:] for w in MODIFIER_LAST_WORDS)
_MODIFIER_SEARCH = _left_search(MODIFIER)
_POSSESSIVE = re.compile(r"['’]s\b")


def _approximated(text: str, start: int, end: int, hit: Hit) -> bool:
    """Whether "about" or "around" before a point is its approximation ("about 6 p.m.",
    "around Nov. 1", "around 2020", "about two months later"): before a clock time, a number,
    a name of a month or holiday or a count of units from another date, not before a weekday,
    a possessive or other words ("about the weekend")."""
    if hit.weekday or _POSSESSIVE.match(text, end):
        return False
    return (
        hit.type == "TIME"
        or text[start].isdigit()
        or text[start].isupper()
        or text.endswith(("later", "earlier"), start, end)
    )


def _modifier(text: str, start: int, end: int, hit: Hit) -> tuple[int, str | None]:
    """Where the expression starts once the modifiers before it that belong to it are in, and
    the TIMEX3 ``mod`` they give it."""
    mod = hit.mod
    for _ in range(2):  # "the very end of", "the early": at most two stacked modifiers
        if start < 2 or text[start - 1] not in " -\n" or not text[start - 2].isalpha():
            break
        if text[max(0, start - 3) : start - 1].lower() not in _MODIFIER_ENDINGS:
            break  # most words before an expression: no need to cut the word out
        lo = max(0, start - 16)
        space = max(text.rfind(" ", lo, start - 1), text.rfind("\n", lo, start - 1))
        if text[space + 1 : start - 1].lower() not in MODIFIER_LAST_WORDS:
            break
        m = _MODIFIER_SEARCH(text, max(0, start - _LEFT_WINDOW), start)
        if m is None:
            break
        group = next(int(name[1:]) for name, v in m.groupdict().items() if v is not None)
        word_mod, types = MODIFIER_INFO[group]
        if word_mod is None and hit.weekday:
            break  # "earlier", "later" before a weekday: news annotation leaves them out
        kind = "REF" if "REF" in hit.value else hit.type
        if hit.type == "DATE" and text.endswith("ago", start, end):
            kind = "AGO"
        if kind not in types:
            break
        if word_mod == "APPROX" and kind in POINT and not _approximated(text, start, end, hit):
            break  # "asked about Tuesday's vote", "cared about that day": prepositions
        start, mod = m.start(), mod or word_mod
    return start, mod


def _resolve_overlaps(
    found: list[tuple[int, int, int, Hit]], n: int
) -> list[tuple[int, int, int, Hit]]:
    """Longest candidates first (then earlier, then the rule listed first); a candidate is kept
    when none of its characters is taken. Each check costs the candidate's length, which the
    rules bound, so the whole is linear in the text (after an n log n sort)."""
    taken = bytearray(n)
    kept = []
    for f in sorted(found, key=lambda f: (f[0] - f[1], f[0], f[2])):
        s, e = f[0], f[1]
        if taken.find(1, s, e) == -1:
            taken[s:e] = b"\x01" * (e - s)
            kept.append(f)
    kept.sort(key=lambda f: f[0])
    return kept


def find_timexes(text: str, published: date | None) -> list[Found]:
    """Temporal expressions of ``text`` with TIMEX3 type and value, non-overlapping, in text
    order."""
    return [(s, e, t, v) for s, e, t, v, _, _ in find_timex_details(text, published)]


def _same_paragraph(text: str, end: int, start: int) -> bool:
    """Whether ``text[end:start]`` is at most a few sentences and crosses no line break."""
    return start - end < 400 and text.find("\n", end, start) == -1


Detail = tuple[int, int, str, str, str | None, int | None]


def _day_of_clock(
    text: str, s: int, e: int, out: list[Detail], days: list[int], published: date | None
) -> int | None:
    """The day a clock time written without one is on: the day named last before it in its
    paragraph, unless the time's clause is told on the other side of the publication date
    ("tickets went on sale on Monday [...] the recital will begin at 18:30"): then the last
    day named on its side, if any."""
    last = days[-1]
    if not _same_paragraph(text, out[last][1], s):
        return None
    if published is None or out[last][3][:10] == (pub := published.isoformat()):
        return last
    if same_sentence(text, out[last][1], s):
        return last  # a day named in the time's own sentence
    side = tense(text, s, e)
    if side is None:
        return last
    for k in reversed(days):
        if not _same_paragraph(text, out[k][1], s):
            break
        if (out[k][3][:10] >= pub) if side == FUTURE else (out[k][3][:10] <= pub):
            return k
    return None


_DAY = re.compile(r"[\dX]{4}-[\dX]{2}-[\dX]{2}")
_DAY_UNITS = frozenset({"day", "week"})
_JUST_AFTER = re.compile(r",?\s(?:on\s)?")  # what may part a clock time from its day


def find_timex_details(text: str, published: date | None) -> list[Detail]:
    """As :func:`find_timexes`, with each expression's ``mod`` and, when its value was resolved
    against a date mentioned before it rather than the publication date, that date's index."""
    kept = _resolve_overlaps(_candidates(text, published), len(text))
    out: list[Detail] = []
    last_point: int | None = None  # indexes into ``out``, which leaves some candidates out
    last_day: int | None = None
    days: list[int] = []  # the expressions that name a day, in text order
    last_period: int | None = None
    waiting = False  # the expression written last is a clock time that may take the next day
    for s, e, _, hit in kept:
        value, anchor = hit.value, None
        # a quarter or half since the last year or month is what a comparison refers to
        base = (
            last_period
            if hit.periods_only or (hit.period and last_period is not None)
            else last_point
        )
        by_day = hit.anchored is not None and hit.anchored[0] in _DAY_UNITS and not hit.period
        if by_day and last_day is not None:
            base = last_day  # "that evening", "the next day": the day named last, not a year
        if hit.anchored is not None and base is not None:
            point = out[base][3]
            if out[base][2] == "TIME":
                point = point[:10]  # "Friday morning ... that night": the day of a clock time
            moved = shift(point, *hit.anchored, coarse=hit.coarse)
            if moved is not None and hit.grain is not None:
                moved = truncate(moved, hit.grain)
            if moved is not None and hit.type == "TIME" and _DAY.fullmatch(moved):
                moved += hit.value[10:]  # "the next morning": the part of the day stays
            if moved is not None:
                value, anchor = moved, base
        if hit.on_day_before and days:
            day = _day_of_clock(text, s, e, out, days, published)
            if day is not None:
                value, anchor = out[day][3][:10] + value[10:], day
        if not in_calendar(value):  # a year TIMEX3 cannot write (published 9999-12-31)
            waiting = False
            continue
        k = len(out)
        if (
            waiting
            and anchor != k - 1  # the day is not itself counted from that time (a cycle)
            and _DAY.fullmatch(value)
            and _JUST_AFTER.fullmatch(text, out[-1][1], s)
        ):
            # "at 16:15 UTC, June 1": a clock time is on the day named right after it
            ts, te, type_, time, mod, _ = out[-1]
            out[-1] = (ts, te, type_, value + time[10:], mod, k)
        # what later expressions may be anchored on: a date of its own, or one naming again
        # the period mentioned before it ("the quarter", "that year"), never one moved from it
        # (a chain of "a year earlier" would drift)
        if hit.type == "DATE" and value[:4].isdigit() and (not hit.anchored or not hit.anchored[1]):
            last_point = k
            if len(value) == 10 and value[5:7].isdigit():
                last_day = k
                days.append(k)
            if value[5:6] in ("Q", "H"):
                last_period = k
            elif len(value) < 10:
                last_period = None  # a year or a month since: the quarter is no longer the topic
        elif (
            hit.type == "TIME"
            and not hit.on_day_before
            and not hit.overnight
            and value[:4].isdigit()
        ):
            # a time with a day of its own ("at 2:46 p.m. on Friday (0546 GMT)", "Friday
            # morning ... that night"), not a clock time that took one
            last_day = k
            days.append(k)
        out.append((s, e, hit.type, value, hit.mod, anchor))
        waiting = hit.on_day_before
    return out


_DATELINE = re.compile(r"\d{4}-\d{2}-\d{2}")


def dateline(text: str) -> date | None:
    """The first full date in the opening lines (a dateline, "April 27, 2005"): the anchor of a
    document whose publication date is not recorded."""
    for _, _, type_, value in find_timexes(text[:300], None):
        if type_ == "DATE" and _DATELINE.fullmatch(value):
            return date.fromisoformat(value)
    return None


_YEAR_IN = re.compile(r"\b\d{4}\b|/\d{2}\b")
_POINTS = frozenset({"DATE", "TIME"})


class DateExtractor:
    """TIMEX3 dates, times, durations and sets, normalised against the publication date."""

    name = "dates"
    version = "2.0"
    layers = ("dates",)

    def predict(self, doc: Document) -> Document:
        text = doc.text
        pub = None
        if doc.meta.published is not None:
            pub = date.fromisoformat(doc.meta.published[:10])
        else:
            pub = dateline(text)
        dates = []
        for k, (start, end, type_, value, mod, anchor) in enumerate(find_timex_details(text, pub)):
            piece = text[start:end]
            if anchor is not None:
                ref = f"t{anchor + 1}"
            elif type_ in _POINTS and "REF" not in value and not _YEAR_IN.search(piece):
                ref = DOCUMENT_ANCHOR  # relative: resolved against the publication date
            else:
                ref = None
            # plain records: the schema checks them once, in ``silver`` (a model built here
            # would be checked there again)
            dates.append(
                {
                    "id": f"t{k + 1}",
                    "start": start,
                    "end": end,
                    "text": piece,
                    "type": type_,
                    "value": value,
                    "anchor": ref,
                    "mod": mod,
                }
            )
        return silver(doc, self, dates=dates)
