"""The TIMEX3 rules of the dates baseline, as data: word tables, and a list of :class:`Rule`
(trigger words, the words before the trigger that belong to the expression, the pattern from
the trigger on, and the builder of type and value).

Extents follow TimeML as annotated in news (TimeBank, AQUAINT, MEANTIME): a determiner or
modifier that belongs to the expression is inside it ("the last three months", "late
November", "nearly two years", "the 1990s" but "in the [years] that followed"), prepositions
are not ("on Monday", "for years"). Ages ("a 6-year-old") are not temporal expressions.
"""

from __future__ import annotations

import re
from calendar import monthrange
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial
from typing import NamedTuple

from .timex_resolve import (
    FUTURE,
    PAST,
    WHOLE_YEAR,
    after_since,
    relative,
    shift,
    tense,
    weekday_date,
    year_of,
    ymd,
)

MONTHS = {
    name: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for name in names
}
WEEKDAYS = {
    d: i
    for i, d in enumerate(
        ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    )
}
WEEKDAYS.update({d[:3]: i for d, i in list(WEEKDAYS.items())})
_UNITS_WORDS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
NUMBERS: dict[str, float] = {w: i for i, w in enumerate(_UNITS_WORDS)}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70}
_TENS.update({"eighty": 80, "ninety": 90})
NUMBERS.update(_TENS)
NUMBERS.update(
    {
        "a": 1,
        "an": 1,
        "a couple of": 2,
        "couple of": 2,
        "half a": 0.5,
        "half an": 0.5,
        "a dozen": 12,
    }
)
NUMBERS.update({"dozen": 12, "hundred": 100, "a hundred": 100, "a thousand": 1000})
NUMBERS.update({"a half": 0.5})
VAGUE_NUMBERS = ("several", "a few", "few", "many", "some", "a number of")
# unit word -> (ISO 8601 duration designator, whether it is a time unit, the unit's name)
UNITS: dict[str, tuple[str, bool, str]] = {
    "second": ("S", True, "second"),
    "sec": ("S", True, "second"),
    "min": ("M", True, "minute"),
    "hr": ("H", True, "hour"),
    "minute": ("M", True, "minute"),
    "hour": ("H", True, "hour"),
    "day": ("D", False, "day"),
    "night": ("D", False, "day"),
    "week": ("W", False, "week"),
    "fortnight": ("W", False, "fortnight"),
    "month": ("M", False, "month"),
    "quarter": ("Q", False, "quarter"),
    "year": ("Y", False, "year"),
    "decade": ("DE", False, "decade"),
    "century": ("CE", False, "century"),
    "centurie": ("CE", False, "century"),
    "millennium": ("ML", False, "millennium"),
    "millennia": ("ML", False, "millennium"),
}
PARTS_OF_DAY = {
    "morning": "MO",
    "afternoon": "AF",
    "evening": "EV",
    "night": "NI",
    "overnight": "NI",
}
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
_SEASON_ORDER = {"WI": 0, "SP": 1, "SU": 2, "FA": 3}
_SEASON_NOW = (0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4)  # the season of each month, in that order
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3}
ORDINALS.update({"4th": 4, "final": 4, "last": 4})
# direction of a relative word: this year, last week, next month, ...
RELATIVE = {"this": 0, "current": 0, "present": 0, "last": -1, "past": -1, "previous": -1}
RELATIVE.update({"latest": -1, "recent": -1, "next": 1, "coming": 1, "following": 1})
RELATIVE.update({"prior": -1, "preceding": -1, "upcoming": 1})
# adverbs and adjectives that denote a set: how often
SET_WORDS = {
    "annually": "P1Y",
    "annual": "P1Y",
    "yearly": "P1Y",
    "daily": "P1D",
    "weekly": "P1W",
    "monthly": "P1M",
    "hourly": "PT1H",
    "nightly": "XXXX-XX-XXTNI",
    "biannual": "P6M",
    "biennial": "P2Y",
}
# fixed-date holidays: name -> (month, day)
HOLIDAYS = {
    "christmas day": (12, 25),
    "christmas eve": (12, 24),
    "christmas": (12, 25),
    "new year's day": (1, 1),
    "new year's eve": (12, 31),
    "independence day": (7, 4),
    "halloween": (10, 31),
    "valentine's day": (2, 14),
    "bastille day": (7, 14),
    "boxing day": (12, 26),
    "may day": (5, 1),
    "veterans day": (11, 11),
    "fourth of july": (7, 4),
    "flag day": (6, 14),
    "juneteenth": (6, 19),
    "st. patrick's day": (3, 17),
    "st patrick's day": (3, 17),
}
# a bare reference to the past, the present or the future
REFS = {
    "now": "PRESENT_REF",
    "right now": "PRESENT_REF",
    "just now": "PAST_REF",
    "currently": "PRESENT_REF",
    "current": "PRESENT_REF",
    "nowadays": "PRESENT_REF",
    "these days": "PRESENT_REF",
    "at present": "PRESENT_REF",
    "at the moment": "PRESENT_REF",
    "recently": "PAST_REF",
    "more recently": "PAST_REF",
    "most recently": "PAST_REF",
    "until recently": "PAST_REF",
    "lately": "PAST_REF",
    "the past": "PAST_REF",
    "the future": "FUTURE_REF",
    "the near future": "FUTURE_REF",
    "the foreseeable future": "FUTURE_REF",
    "the distant future": "FUTURE_REF",
    "the near term": "FUTURE_REF",
    "the short term": "FUTURE_REF",
    "the long term": "FUTURE_REF",
    "the medium term": "FUTURE_REF",
}
# modifiers before an expression that belong to it: (words, TIMEX3 mod, types it applies to)
POINT, SPAN = frozenset({"DATE", "TIME"}), frozenset({"DURATION"})
AGO = frozenset({"AGO"})  # a point given by a duration back: "almost two years ago"
MODIFIERS: tuple[tuple[str, str | None, frozenset[str]], ...] = (
    (r"(?:the\s)?(?:very\s)?(?:early|beginning\sof|start\sof)", "START", POINT),
    (r"(?:the\s)?(?:very\s)?(?:late|end\sof|close\sof)", "END", POINT),
    (r"(?:the\s)?(?:mid-?|middle\sof)", "MID", POINT),
    (r"earlier|later", None, POINT),
    (r"nearly", "APPROX", SPAN | AGO),
    (r"almost|about|roughly|approximately|around", "APPROX", POINT | SPAN | AGO),
    (r"some", "APPROX", SPAN | AGO),
    (r"more\sthan", "MORE_THAN", SPAN | AGO),
    (r"less\sthan|fewer\sthan", "LESS_THAN", SPAN | AGO),
    (r"at\sleast|no\sless\sthan", "EQUAL_OR_MORE", SPAN),
    (r"at\smost|no\smore\sthan|up\sto", "EQUAL_OR_LESS", SPAN),
)
# the last word of each modifier: only after one of these is the modifier expression tried
MODIFIER_LAST_WORDS = frozenset(
    ("early", "late", "mid", "earlier", "later", "nearly", "than", "least", "most", "to", "of")
    + ("almost", "about", "some", "roughly", "approximately", "around")
)
MODIFIER = re.compile(
    r"(?:^|(?<=[\s(\"'`]))(?:"
    + "|".join(f"(?P<m{i}>{words})" for i, (words, _, _) in enumerate(MODIFIERS))
    + r")[\s-]\Z",
    re.I,
)


def one_of(words: list[str]) -> str:
    """A pattern for any of ``words`` (in one case), the longest first, written as a trie
    ("a(?: (?:couple of|few)|n)?"): the engine tries a branch per letter rather than per word,
    which case-insensitive patterns, whose letters it cannot skip by, need most."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here

    def render(node: dict[str, dict]) -> str:
        branches = [re.escape(char) + render(child) for char, child in node.items() if char]
        if not branches:
            return ""
        group = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        if "" not in node:
            return group
        return f"(?:{group})?" if len(branches) == 1 and len(group) > 1 else f"{group}?"

    return render(trie)


# --- pattern pieces ---------------------------------------------------------------------
_MONTH_NAMES = sorted(MONTHS, key=len, reverse=True)
# Month names are matched capitalised ("May", "MAY"), never as the verb "may".
_FULL_MONTHS = [n for n in _MONTH_NAMES if len(n) > 4 or n in ("may", "june", "july")]
_SHORT_MONTHS = [n for n in _MONTH_NAMES if n not in _FULL_MONTHS]
# Month names are matched capitalised ("May", "MAY"), never as the verb "may"; only the
# abbreviations take a full stop.
MONTH = (
    r"(?P<month>(?:"
    + "|".join(f"{n.capitalize()}|{n.upper()}" for n in _FULL_MONTHS)
    + r")\b|(?:"
    + "|".join(f"{n.capitalize()}|{n.upper()}" for n in _SHORT_MONTHS)
    + r")(?:\.|\b(?!\.)))"
)
WEEKDAY = (
    r"(?P<weekday>(?:mon|tues|wednes|thurs|fri|satur|sun)day|"
    r"(?-i:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\.(?=\s)))"
)
DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
YEAR = r"(?P<year>1[0-9]{3}|20[0-9]{2})"
_YEAR_ENDS = r"(?!\d|[,.]\d)"  # not the start of "20000", "2022.5" or "2,022"
# a year in words, as broadcast transcripts write it: "nineteen ninety-four", "two thousand one"
_ONES = r"one|two|three|four|five|six|seven|eight|nine"
SPELLED_YEAR = (
    r"(?P<spelled>nineteen\s(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|"
    rf"eighteen|nineteen|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:{_ONES}))?)"
    rf"|two\sthousand(?:\s(?:and\s)?(?:{_ONES}|ten|eleven|twelve))?)\b"
)
# "April of last year", "3 May next year", "the spring of next year": the period takes the year
# named after it, which is an expression of its own (as TimeBank and MEANTIME annotate it)
_OF_REL_YEAR = r"(?=\s(?:of\s)?(?P<ofrel>this|last|next)\syear\b)"
_NUM_WORDS = one_of([*NUMBERS, *VAGUE_NUMBERS])
_TENS_WORDS = "|".join(_TENS)
MULTIPLIERS = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9}
NUM = (  # numerals with thousands separators ("3,000") or a decimal part, number words, and
    # either times a multiplier ("three hundred", "65 million"). The digits give none back (what
    # may follow a number never starts with a digit) and a digit tries no number word: a year
    # that no unit follows ("in 2022 the") is turned away in a quarter of the time
    r"(?P<num>(?:(?:\d{1,3}(?:,\d{3})+|\d++(?:\.\d+)?)(?:\s1/2|\s?½)?|(?!\d)"
    rf"(?:(?:{_TENS_WORDS})[\s-](?:{'|'.join(_UNITS_WORDS[1:10])})"
    rf"|(?:{_NUM_WORDS})(?:\sand\sa\shalf)?))"
    rf"(?:\s(?:{'|'.join(MULTIPLIERS)}))?)"
)
UNIT = (
    r"(?P<unit>(?-i:sec|min|hr)(?=s?\b)|second|minute|hour|day|night|week|fortnight|month|quarter|year|decade|"
    r"centur(?:y|ie)|millenni(?:um|a))(?P<plural>s)?"
)
POD = r"(?P<pod>morning|afternoon|evening|night)"
ZONE = (  # a whole word: not the "PT" of "PTS"
    r"(?:UTC|GMT|EST|EDT|CST|CDT|MST|MDT|PST|PDT|ET|PT|BST|CET|CEST|EET|EEST|MSK|IST|HKT|SGT|JST"
    r"|AEST|AEDT)(?![A-Za-z])"
)
# a number that names a thing: "Flight 1549", "Section 1983", "Resolution 1973", "Route 1840"
_NOT_A_YEAR_BEFORE = "".join(
    rf"(?<!{word}\s)"
    for word in ("Flight", "Section", "Article", "Route", "Resolution", "resolution", "No.")
    + ("Room", "Chapter", "Rule", "Bill", "Gate", "Highway", "Interstate", "Platform", "Bus")
)
_NOT_A_YEAR_AFTER = (
    r"(?!\s?(?:%|percent|per\scent|million|billion|trillion|people|troops|soldiers|men|women|"
    r"feet|metres|meters|miles|km|kilometers|tons|tonnes|votes|seats|dollars|pounds|euros|"
    r"yards|points|members|students|workers|jobs|cases|deaths|units|shares|cars|homes)\b)"
    r"(?![\d,.]\d|-\d|/\d|\s?[ap]\.?m\b)"
)


# --- what a rule returns -------------------------------------------------------------------


class Hit(NamedTuple):
    """A type and value; ``anchored`` (unit, n) asks for the value ``n`` units from the date
    mentioned last before the expression (``the next day``, ``a year earlier``). A named tuple:
    a rule makes one per candidate, and a tuple is made several times faster than a frozen
    dataclass."""

    type: str
    value: str
    mod: str | None = None
    anchored: tuple[str, int] | None = None
    coarse: bool = False  # the anchored value takes the unit's granularity ("that year")
    on_day_before: bool = False  # a clock time on the day named before it in its sentence,
    # or right after it ("at 16:15 UTC, June 1")
    bare: bool = False  # the words before the trigger stay out ("the [two-week] trip")
    grain: str | None = None  # the anchored value cut to this unit ("the year-ago quarter")
    periods_only: bool = False  # anchored only on a quarter or half ("up 5% from a year ago")
    period: bool = False  # a reporting period: a quarter or half rather than the day ending it
    overnight: bool = False  # a night that runs into the next morning: no day for a clock time
    weekday: bool = False  # a day named by its weekday: "[Earlier] [Friday]", two expressions
    end: int | None = None  # where the expression ends, when the match read on past it


@dataclass(slots=True)
class Context:
    text: str
    pub: date | None
    start: int
    end: int

    def tense(self) -> int | None:
        return tense(self.text, self.start, self.end)

    def since(self) -> bool:
        return after_since(self.text, self.start)


Builder = Callable[[re.Match[str], "re.Match[str] | None", Context], Hit | None]


@dataclass(frozen=True, slots=True)
class Rule:
    """``pattern`` is matched where one of ``triggers`` starts (numerals by length: ``SHORT``,
    ``FOUR``, ``LONG``; a trigger with a capital letter only as written or in capitals; one
    ending in ``#`` only right before a digit, "fy#" for "FY2022");
    ``left``, searched just before it, holds words that belong to the expression (required
    when ``needs_left``); ``guard``, when given, is what must follow the trigger word for the
    rule to be tried, checked inside the trigger expression (most numerals and articles start
    no expression, and are then never looked at)."""

    name: str
    triggers: tuple[str, ...]
    pattern: re.Pattern[str]
    build: Builder
    left: re.Pattern[str] | None = None
    needs_left: bool = False
    guard: str | None = None  # what must follow the trigger word for the rule to be tried


def _left(words: str) -> re.Pattern[str]:
    return re.compile(rf"(?:^|(?<=[\s(\"'`]))(?:{words})\Z", re.I)


# --- value builders -------------------------------------------------------------------------


_VAGUE = frozenset(VAGUE_NUMBERS)


def number(word: str) -> float | None:
    """The amount a number word or numeral stands for; None for vague ones ("several")."""
    word = word.lower().replace("-", " ").replace("½", " 1/2").strip()
    half = 0.0
    if word.endswith(" and a half"):
        word, half = word[: -len(" and a half")], 0.5
    if word.endswith(" 1/2"):
        word, half = word[:-4].strip(), 0.5
    if word in _VAGUE:
        return None
    if word in NUMBERS:
        return NUMBERS[word] + half
    parts = word.split()
    if len(parts) > 1 and parts[-1] in MULTIPLIERS:  # "three hundred", "4.5 billion"
        base = number(" ".join(parts[:-1]))
        return None if base is None else base * MULTIPLIERS[parts[-1]] + half
    if len(parts) == 2 and parts[0] in _TENS and parts[1] in NUMBERS:
        return NUMBERS[parts[0]] + NUMBERS[parts[1]] + half
    try:
        return float(word.replace(",", "")) + half  # "3,000"
    except ValueError:
        return None


def unit_name(word: str) -> str:
    return UNITS[word.lower()][2]


def duration(n: float | None, unit: str) -> str:
    """ISO 8601 duration: ``P3Y``, ``PT4H``, ``PXM``; halves of a time unit in the unit below
    (``PT5H30M``); decades and centuries in their own units (``P2DE``, guideline T3), a part
    of one in years (``P50Y`` for half a century)."""
    letter, is_time, name = UNITS[unit]
    t = "T" if is_time else ""
    if n is None:
        return f"P{t}X{letter}"
    years = n * _YEARS.get(name, 0)
    if years and n != int(n) and years == int(years):
        return f"P{int(years)}Y"
    if name == "fortnight":
        return f"P{_amount(n * 2)}W"
    if n != int(n) and is_time and name != "second":
        below = {"hour": "M", "minute": "S"}[name]
        whole = f"{int(n)}{letter}" if n >= 1 else ""  # "half an hour": PT30M
        return f"PT{whole}{int(round((n - int(n)) * 60))}{below}"
    if n != int(n) and name in ("year", "month", "week", "day"):
        smaller = {"year": (12, "M"), "month": (30, "D"), "week": (7, "D"), "day": (24, "H")}
        k, small = smaller[name]
        if name == "day":
            return f"PT{int(n * 24)}H"
        if n < 1:
            return f"P{int(round(n * k))}{small}"
        return f"P{int(n)}{letter}{int(round((n - int(n)) * k))}{small}"
    return f"P{t}{_amount(n)}{letter}"


_YEARS = {"decade": 10, "century": 100}


def _amount(n: float) -> str:
    """``n`` as TIMEX3 writes an amount: digits, never an exponent (``:g`` writes 1e+06)."""
    return str(int(n)) if n == int(n) else f"{n:.6f}".rstrip("0").rstrip(".")


def spelled_year(words: str) -> str:
    """The year that "nineteen ninety-four" or "two thousand one" names."""
    parts = words.lower().replace("-", " ").split()
    base, rest = (1900, parts[1:]) if parts[0] == "nineteen" else (2000, parts[2:])
    return f"{base + int(sum(NUMBERS[w] for w in rest if w != 'and')):04d}"


def _year_of_match(m: re.Match[str]) -> str | None:
    """The year a pattern names, in digits or in words."""
    spelled = m.groupdict().get("spelled")
    return spelled_year(spelled) if spelled else m.groupdict().get("year")


def _full_date(m, left, ctx):  # type: ignore[no-untyped-def]
    month, day = MONTHS[m["month"].lower().rstrip(".")], int(m["day"])
    year = m["year"] or m.groupdict().get("ryear")
    if year is None and m.groupdict().get("ofrel"):
        year = relative(ctx.pub, "year", RELATIVE[m["ofrel"].lower()])
    return _dated(m, year, month, day, ctx)


def _dated(m: re.Match[str], year: str | None, month: int, day: int, ctx: Context) -> Hit | None:
    if year is None:
        # a day without a year in news is more often past than to come; one that labels a
        # thing ("the Sept. 11 attacks") is not when the clause's future happens
        direction = partial(_direction, m, ctx)
        year = year_of(month, day, ctx.pub, direction, ctx.since)
    try:
        date(int(year) if year.isdigit() else 2000, month, day)
    except ValueError:
        return None
    return Hit("DATE", f"{year}-{month:02d}-{day:02d}")


def _month(m, left, ctx):  # type: ignore[no-untyped-def]
    month = MONTHS[m["month"].lower().rstrip(".")]
    if m.groupdict().get("every"):
        return Hit("SET", f"XXXX-{month:02d}")
    year = _year_of_match(m)
    rel = m.groupdict().get("ofrel")
    if year is None and rel:
        year = relative(ctx.pub, "year", RELATIVE[rel.lower()])
    if year is None and left is not None and left["mrel"]:
        rel = left["mrel"].lower()
        direction = PAST if RELATIVE.get(rel, 0) < 0 else FUTURE if RELATIVE.get(rel) else None
        if ctx.pub is None:
            year = "XXXX"
        elif direction == PAST:  # "last February", said in March: a year ago
            year = f"{ctx.pub.year - (month >= ctx.pub.month - 1):04d}"
        elif direction == FUTURE:
            year = f"{ctx.pub.year + (month <= ctx.pub.month):04d}"
        else:
            year = f"{ctx.pub.year:04d}"
    ambiguous = m["month"].lower() in _AMBIGUOUS_MONTHS
    if (
        year is None
        and ambiguous
        and not _MONTH_CONTEXT.search(m.string, m.start() - 12, m.start())
    ):
        return None  # "May said", "to March on": a name or a verb
    if year is None:
        # "will publish the September jobs report", "a campus scarred by June's floods": a
        # month that labels a thing is not when the clause's future happens
        direction = partial(_direction, m, ctx)
        year = year_of(month, None, ctx.pub, direction, ctx.since)
    return Hit("DATE", f"{year}-{month:02d}")


def _labels(m: re.Match[str]) -> re.Match[str] | None:
    """Whether the month or day matched names a thing: after a determiner or before "'s"."""
    return _LABEL_AFTER.match(m.string, m.end()) or _LABEL_BEFORE.search(
        m.string, max(0, m.start() - 7), m.start()
    )


def _direction(m: re.Match[str], ctx: Context) -> int | None:
    """The tense a month or day is read in: only the past for one that labels a thing (asked
    only when the year depends on it)."""
    tense = ctx.tense()
    return tense if tense == PAST or not _labels(m) else None


_LABEL_AFTER = re.compile(r"['’]s\b")
_LABEL_BEFORE = re.compile(r"(?<![A-Za-z])(?:the|its|their|his|her|an?)\s\Z", re.I)


_AMBIGUOUS_MONTHS = {"may", "march", "mar", "jan", "jun", "sun", "dec", "sept", "oct"}
_MONTH_CONTEXT = re.compile(
    r"\b(?:in|since|by|until|till|from|through|to|of|during|before|after|early|late|mid|end|"
    r"and|or|between|on|for|last|this|next|since|each|every)[\s-]\Z",
    re.I,
)


def _numeric_date(m, left, ctx):  # type: ignore[no-untyped-def]
    a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
    y = y + (2000 if y < 50 else 1900) if y < 100 else y
    try:
        return Hit("DATE", date(y, a, b).isoformat())  # month first, as in English news
    except ValueError:
        return None


def _iso_date(m, left, ctx):  # type: ignore[no-untyped-def]
    try:
        value = date.fromisoformat(m[0][:10]).isoformat()
    except ValueError:
        return None
    if m["hh"]:
        return Hit("TIME", f"{value}T{m['hh']}:{m['mm']}")
    return Hit("DATE", value)


def _year(m, left, ctx):  # type: ignore[no-untyped-def]
    return Hit("DATE", m["year"])


def _short_year(m, left, ctx):  # type: ignore[no-untyped-def]
    y = int(m["yy"])
    return Hit("DATE", f"{(2000 if y < 30 else 1900) + y}")


def _decade(m, left, ctx):  # type: ignore[no-untyped-def]
    if m["short"] and _AGE_DECADE.search(m.string, max(0, m.start() - 12), m.start()):
        return None  # "in his 30s", "in their early 20s": an age
    if m["dec"]:
        if m["dec"][2:4] == "00" and m["dec"] < "2000":
            return Hit("DATE", m["dec"][:2])  # "the 1800s": a century
        return Hit("DATE", m["dec"][:3])
    return Hit("DATE", f"19{m['short'][0]}")


_AGE_DECADE = re.compile(r"\b(?:his|her|their|my|your|our)\s(?:(?:early|mid|late)[\s-])?\Z", re.I)


def _century(m, left, ctx):  # type: ignore[no-untyped-def]
    return Hit("DATE", f"{int(m['n']) - 1:02d}")


def _quarter(m, left, ctx):  # type: ignore[no-untyped-def]
    word = (m["ord"] or m["qn"]).lower()
    q = ORDINALS.get(word) or int(word)
    half = m["what"] and m["what"].lower().startswith("half")
    if half:
        q = 1 if q == 1 else 2
    year = m["year"] or (m["fy"] and f"{int(m['fy']) + (1900 if int(m['fy']) > 30 else 2000)}")
    rel = m["rel"] or (left["lrel"] if left is not None else None)
    if year is None and rel:
        year = relative(ctx.pub, "year", RELATIVE[rel.lower()])
    if year is None and left is not None and left["lyear"]:  # "the 1988 third quarter"
        year = left["lyear"]
    if year is None and left is not None and left["lago"]:  # "the year-ago third quarter"
        year = relative(ctx.pub, "year", -1)
    fiscal = "fiscal" in m[0].lower() or (left is not None and "fiscal" in left[0].lower())
    if half and year is None and not m["theyear"] and not fiscal and m[0][len(m["ord"])] != "-":
        return None  # "the first half" of a match, a book, a century: half of what?
    adjective = m[0][len(m["ord"])] == "-"  # "the [third-quarter] results"
    year = year or _period_year(ctx, q, half)
    return Hit("DATE", f"{year}-{'H' if half else 'Q'}{q}", bare=adjective)


def _period_year(ctx: Context, q: int, half: bool) -> str:
    """The year of a quarter or half named without one: the publication year, or the year
    before when a past tense reports on a period still to come this year ("profit rose in the
    third quarter", said in March)."""
    if ctx.pub is None:
        return "XXXX"
    now = (ctx.pub.month - 1) // (6 if half else 3) + 1
    later = q > now and ctx.tense() == PAST
    return f"{ctx.pub.year - later:04d}"


def _q_quarter(m, left, ctx):  # type: ignore[no-untyped-def]
    q = int(m["qn"])
    return Hit("DATE", f"{m['year'] or _period_year(ctx, q, False)}-Q{q}")


def _h_half(m, left, ctx):  # type: ignore[no-untyped-def]
    return Hit("DATE", f"{m['year']}-H{m['hn']}")


_CAPITALISED_NEXT = re.compile(r"\s(?:of\s(?:the\s)?)?[A-Z][a-z]")


def _in_name(m: re.Match[str], group: str) -> bool:
    """Whether a capitalised word inside a sentence is part of a name, as a word capitalised
    next to it shows: "the Arab Spring", "Spring Street", "the Summer Olympics", "the Spring
    of Life demonstrations" (English writes the seasons in lower case)."""
    word, start, end = m[group], m.start(group), m.end(group)
    if not word[0].isupper() or word.isupper():
        return False
    return bool(
        _CAPITALISED_NEXT.match(m.string, end)
        or _NAME_BEFORE.search(m.string, max(0, start - 30), start)
    )


def _season(m, left, ctx):  # type: ignore[no-untyped-def]
    groups = m.groupdict()
    season = SEASONS[(groups.get("season") or groups["unit"]).lower()]
    if year := _year_of_match(m):
        return Hit("DATE", f"{year}-{season}")
    if ctx.pub is None:
        return Hit("DATE", f"XXXX-{season}")
    if ofrel := groups.get("ofrel"):  # "the spring of last year"
        return Hit("DATE", f"{relative(ctx.pub, 'year', RELATIVE[ofrel.lower()])}-{season}")
    rel = groups.get("rel") or (left.groupdict().get("rel") if left is not None else None)
    rel = (rel or "").lower()
    if not rel and _in_name(m, "season" if groups.get("season") else "unit"):
        return None
    # the winter of January and February opens the year, December's closes it: "next spring"
    # or "last summer" said in December are the year after its own, or its own
    now = _SEASON_NOW[ctx.pub.month - 1]
    here = _SEASON_ORDER[season]
    direction = RELATIVE.get(rel) if rel else None
    year = ctx.pub.year
    if direction == -1 and here >= now:
        year -= 1
    elif direction == 1 and here <= now:
        year += 1
    elif direction is None and here > now and ctx.tense() == PAST:
        year -= 1  # "it was the hottest summer", said in March: last year's
    elif direction is None and here < now and ctx.tense() == FUTURE:
        year += 1  # "first images are expected in the summer", said in December: next year's
    return Hit("DATE", f"{year:04d}-{season}")


def _weekday_and_day(m: re.Match[str], target: int, ctx: Context) -> str | None:
    """The date of a weekday with its day after it ("Monday 25 May", "Monday, May 25"): the
    weekday tells the year or the month; a date it does not fit is read as written."""
    if m["dday"] or m["oday"]:
        month = m["dmonth"] and MONTHS[m["dmonth"].lower().rstrip(".")]
        day, year = int(m["dday"] or m["oday"]), m["dyear"]
    else:
        month, day, year = MONTHS[m["month"].lower().rstrip(".")], int(m["day"]), m["year"]
    if value := None if year else _dated_weekday(target, day, month, ctx):
        return value
    hit = _day_in_month(day, ctx) if month is None else _dated(m, year, month, day, ctx)
    return None if hit is None else hit.value


def _dated_weekday(target: int, day: int, month: int | None, ctx: Context) -> str | None:
    """The date of "Monday 25 May" (the year named nowhere) or "Saturday the 16th": the one
    nearest to the publication date on which that day falls on that weekday, a year either
    side for a month named, two months either side for a day alone; None if there is none."""
    if ctx.pub is None:
        return None
    pub = ctx.pub
    if month is not None:
        months = [(pub.year + k, month) for k in (-1, 0, 1)]
    else:
        months = [divmod(pub.year * 12 + pub.month - 1 + k, 12) for k in range(-2, 3)]
        months = [(y, m + 1) for y, m in months]
    fits = [
        date(y, m, day)
        for y, m in months
        if day <= monthrange(y, m)[1] and date(y, m, day).weekday() == target
    ]
    return min(fits, key=lambda d: abs(d - pub)).isoformat() if fits else None


def _weekday(m, left, ctx):  # type: ignore[no-untyped-def]
    target = WEEKDAYS[m["weekday"].lower().rstrip(".")]
    rel = (left["rel"] or "").lower() if left is not None else ""
    pod = PARTS_OF_DAY.get((m["pod"] or "").lower())
    offset = _day_offset(left) + (7 if m["week"] else 0)  # "Sunday week", as British papers write
    if m["plural"] or (pod and m[0].endswith("s")) or rel in ("each", "every"):
        day_of_week = (target + offset) % 7 + 1  # "the day before every Monday": Sundays
        return Hit("SET", f"XXXX-WXX-{day_of_week}" + (f"T{pod}" if pod else ""))
    if m["md"]:
        value = _weekday_and_day(m, target, ctx)
        if value is None:
            return None
    else:
        direction = {"last": PAST, "past": PAST, "next": FUTURE, "coming": FUTURE}.get(rel)
        if offset % 7 == 0 and offset:
            direction = FUTURE  # "a week on Sunday", "Monday week": counted from the next one
        if direction is None and ctx.pub is not None and ctx.pub.weekday() != target:
            direction = ctx.tense()  # the publication day itself needs no tense
        day = weekday_date(target, ctx.pub, direction)
        if day is not None and rel in ("next", "last") and day == ctx.pub:
            day += timedelta(days=7 if rel == "next" else -7)
        value = ymd(day)
    if offset and value[:4].isdigit():
        moved = shift(value, "day", offset)
        if moved is None:
            return None  # a day before year 1 or after 9999
        value = moved
    if pod:
        return Hit("TIME", f"{value}T{pod}", weekday=True)
    return Hit("DATE", value, weekday=True)


# "the day before yesterday", "the day after Tuesday's vote": one expression, a day from the
# day named (TimeML keeps them whole)
_DAY_BEFORE_AFTER = r"(?:the\s)?day\s(?P<ba>before|after)\s"


def _day_offset(left: re.Match[str] | None) -> int:
    """-1 or 1 after "the day before" or "the day after", 7 a week after "a week on", else 0."""
    if left is None:
        return 0
    if left["ba"]:
        return -1 if left["ba"].lower() == "before" else 1
    if "weeks" in left.re.groupindex and left["weeks"]:
        return 7 * {"a": 1, "one": 1, "two": 2, "three": 3}[left["weeks"].lower()]
    return 0


def _deictic(m, left, ctx):  # type: ignore[no-untyped-def]
    word = m["word"].lower()
    days = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[word] + _day_offset(left)
    day = ymd(None if ctx.pub is None else ctx.pub + timedelta(days=days))
    pod = PARTS_OF_DAY.get((m["pod"] or "").lower())
    if word == "tonight":
        pod = "NI"
    if pod:
        return Hit("TIME", f"{day}T{pod}")
    return Hit("DATE", day)


def _last_night(m, left, ctx):  # type: ignore[no-untyped-def]
    rel = m["rel"].lower()
    day = None if ctx.pub is None else ctx.pub - timedelta(days=rel == "last")
    return Hit("TIME", f"{ymd(day)}T{PARTS_OF_DAY[m['pod'].lower()]}")


def _ref(m, left, ctx):  # type: ignore[no-untyped-def]
    words = " ".join((m.string[ctx.start : m.end()]).lower().split())
    value = REFS.get(words)
    if value is None and left is not None:  # "until now": only "now" is the expression
        value = REFS.get(m[0].lower())
        return None if value is None else Hit("DATE", value, bare=True)
    return None if value is None else Hit("DATE", value)


def _soon(m, left, ctx):  # type: ignore[no-untyped-def]
    # "the relief soon became a flood": a past narrative is moving along, not pointing ahead
    return None if ctx.tense() == PAST else Hit("DATE", "FUTURE_REF")


def _set_word(m, left, ctx):  # type: ignore[no-untyped-def]
    if m[0][0].isupper() and _NAME_BEFORE.search(m.string, max(0, m.start() - 24), m.start()):
        return None  # "China Daily", "LA Weekly": the name of a newspaper
    return Hit("SET", SET_WORDS[m[0].lower()])


_NAME_BEFORE = re.compile(r"(?<![.!?]\s)\b[A-Z][\w&'’-]*(?<!\.)\s\Z")


def _every(m, left, ctx):  # type: ignore[no-untyped-def]
    unit = m["unit"].lower()
    n = number(m["num"]) if m["num"] else 1
    if unit in PARTS_OF_DAY:
        return Hit("SET", f"XXXX-XX-XXT{PARTS_OF_DAY[unit]}")
    if unit in SEASONS:  # "every summer": the season of each year
        return Hit("SET", f"XXXX-{SEASONS[unit]}")
    return Hit("SET", duration(n, unit))


def _holiday(m, left, ctx):  # type: ignore[no-untyped-def]
    month, day = HOLIDAYS[" ".join(m["name"].lower().replace("’", "'").split())]
    year = m["year"] or year_of(month, day, ctx.pub, ctx.tense, ctx.since)
    return Hit("DATE", f"{year}-{month:02d}-{day:02d}")


# holidays on the n-th weekday of a month (-1: the last): month, weekday (Monday 0), n, days
# added (Election Day is the Tuesday after the first Monday of November)
MOVABLE_HOLIDAYS = {
    "thanksgiving": (11, 3, 4, 0),
    "labor day": (9, 0, 1, 0),
    "memorial day": (5, 0, -1, 0),
    "presidents day": (2, 0, 3, 0),
    "election day": (11, 0, 1, 1),
    "martin luther king day": (1, 0, 3, 0),
    "martin luther king jr. day": (1, 0, 3, 0),
    "mlk day": (1, 0, 3, 0),
    "columbus day": (10, 0, 2, 0),
    "mothers day": (5, 6, 2, 0),
    "fathers day": (6, 6, 3, 0),
    # the shopping days after Thanksgiving
    "black friday": (11, 3, 4, 1),
    "cyber monday": (11, 3, 4, 4),
}


def _movable_holiday(m, left, ctx):  # type: ignore[no-untyped-def]
    name = " ".join(m["name"].lower().replace("'", "").replace("’", "").split())
    month, weekday, n, days = MOVABLE_HOLIDAYS[
        name.removesuffix(" day") if name.startswith("thanks") else name
    ]
    if m["year"]:
        y = int(m["year"])
    elif ctx.pub is None:
        return Hit("DATE", f"XXXX-{month:02d}-XX")
    else:
        y = int(year_of(month, 15, ctx.pub, ctx.tense, ctx.since))
    if n > 0:
        first = date(y, month, 1)
        day = first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    else:
        last = date(y + month // 12, month % 12 + 1, 1) - timedelta(days=1)
        day = last - timedelta(days=(last.weekday() - weekday) % 7)
    return Hit("DATE", (day + timedelta(days=days)).isoformat())


def easter(year: int) -> date:
    """Easter Sunday in the Gregorian calendar (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    j = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * j) // 451
    month, day = divmod(h + j - 7 * m + 114, 31)
    return date(year, month, day + 1)


_EASTER_SHIFT = {
    "ash wednesday": -46,
    "palm sunday": -7,
    "maundy thursday": -3,
    "holy thursday": -3,
    "good friday": -2,
    "holy saturday": -1,
    "easter": 0,
    "easter sunday": 0,
    "easter monday": 1,
}


def _easter(m, left, ctx):  # type: ignore[no-untyped-def]
    """Easter and the days named from it, in the year given or the one the tense points to."""
    if m["year"]:
        y = int(m["year"])
    elif ctx.pub is None:
        return Hit("DATE", "XXXX-XX-XX")
    else:
        this = easter(ctx.pub.year)
        y = int(year_of(this.month, this.day, ctx.pub, ctx.tense, ctx.since))
    name = " ".join(m["name"].lower().split())
    if name == "easter week":  # the ISO week that ends on Easter Sunday
        iso_year, week, _ = easter(y).isocalendar()
        return Hit("DATE", f"{iso_year:04d}-W{week:02d}")
    return Hit("DATE", (easter(y) + timedelta(days=_EASTER_SHIFT[name])).isoformat())


def _units(m, left, ctx):  # type: ignore[no-untyped-def]
    """A number of units: a duration, or a point when "ago", "earlier", "later" follows."""
    unit = m["unit"].lower()
    n = number(m["num"])
    if m["andhalf"] and n is not None:
        n += 0.5  # "a year and a half"
    tail = (m["tail"] or "").lower().strip(" -")
    name = unit_name(unit)
    if m["num"].lower() in ("a", "an") and unit == "second" and not tail:
        return None  # "a second term", not a duration
    if name == "quarter" and n in (1, 3) and not tail and _FRACTION.match(m.string, m.end()):
        return None  # "a quarter of the market", "three-quarters of its food": a fraction
    if name == "quarter" and m["num"].lower() == "some" and m["plural"]:
        return None  # "criticism in some quarters": among some people
    article = m["num"].lower() in ("a", "an")
    if (
        article
        and not tail
        and not m["plural"]
        and _RATE.search(m.string, m.start() - 24, m.start())
        and not _RELATION.match(m.string, m.end())
    ):
        return Hit("SET", duration(1, unit))  # "700 seats a week", "$1.76 a year": a rate
    numeral = m["num"][0].isdigit()
    if numeral and not m["plural"] and "-" not in m["hyphen"] and unit not in _ABBREVIATED:
        return None  # "the 2018 day": a numeral before a singular unit is not its amount
    if tail == "old" and name == "year":
        return None  # an age
    if tail == "long":  # "the [two-year-long] war": the article is the noun's
        return None if article else Hit("DURATION", duration(n, unit), bare=True)
    # "the [10-year] plan", "the [two day] rally": a unit in the singular after an amount
    # modifies the noun after it, whose article stays out
    plural_amount = n is not None and n > 1 and not m["plural"] and not m["andhalf"]
    adjective = ("-" in m["hyphen"] or plural_amount) and not tail
    if name == "fortnight" and n is not None and tail not in ("", "long", "old"):
        name, n = "week", n * 2  # "a fortnight ago", "a fortnight later": two weeks
    point = n is not None and n == int(n) and name in _POINT_UNITS
    if tail == "ago":
        if n is None:
            return Hit("DATE", "PAST_REF")
        if not point:
            return Hit("DURATION", duration(n, unit))
        # results "up 5% from a year ago" compare with the quarter reported on
        compare = name == "year" and n == 1
        return Hit(
            "DATE",
            relative(ctx.pub, name, -int(n)),  # type: ignore[arg-type]
            anchored=("year", -1) if compare else None,
            coarse=compare,
            periods_only=compare,
        )
    if tail in ("from now", "from today") and point:
        return Hit("DATE", relative(ctx.pub, name, int(n)))  # type: ignore[arg-type]
    if tail in ("earlier", "later", "before", "after") and point and name != "century":
        k = int(n) * (-1 if tail in ("earlier", "before") else 1)  # type: ignore[arg-type]
        return Hit(
            "DATE",
            relative(ctx.pub, name, k),
            anchored=(name, k),
            coarse=True,
            period=name == "year" and k == -1,  # "up 5% from a year earlier": the quarter
        )
    if not adjective and not tail and not m["andhalf"] and n is not None and n == int(n):
        compound = _compound(m.string, m.end(), name, int(n))
        if compound is not None:
            end, value = compound
            return Hit("DURATION", value, end=end)
    return Hit("DURATION", duration(n, unit), bare=adjective)


# the units a duration may be written in parts of, largest first (their letters in ``UNITS``)
_RANK = {
    name: k for k, name in enumerate(("year", "month", "week", "day", "hour", "minute", "second"))
}
# the next part of "four hours and 12 minutes", "2 hours, 3 minutes and 23 seconds": not the
# start of a point ("three years and two months ago") or of an adjective ("a 10-day")
_NEXT_PART = re.compile(
    rf"(?:,\s(?:and\s)?|\sand\s){NUM}\s{UNIT}\b(?![\s-](?:ago|earlier|later|old|long)\b|-)",
    re.I,
)


def _compound(text: str, end: int, name: str, n: int) -> tuple[int, str] | None:
    """Where a duration written in parts of ever smaller units ends, and its one value
    (``PT4H12M``), as TimeML writes "four hours and 12 minutes"; None for a single part."""
    if name not in _RANK:
        return None
    parts = {name: n}
    while (m := _NEXT_PART.match(text, end)) is not None:
        k = number(m["num"])
        part = unit_name(m["unit"])
        if k is None or k != int(k) or part not in _RANK or _RANK[part] <= _RANK[name]:
            break
        parts[part], name, end = int(k), part, m.end()
    if len(parts) == 1:
        return None
    day = "".join(f"{k}{UNITS[u][0]}" for u, k in parts.items() if not UNITS[u][1])
    clock = "".join(f"{k}{UNITS[u][0]}" for u, k in parts.items() if UNITS[u][1])
    return end, f"P{day}" + (f"T{clock}" if clock else "")


def _unit_long(m, left, ctx):  # type: ignore[no-untyped-def]
    """ "a [yearlong] effort", "its [decades-long] dispute": one unit, or an unknown number
    of them."""
    return Hit("DURATION", duration(None if m["plural"] else 1, m["unit"].lower()))


_ABBREVIATED = ("night", "sec", "min", "hr")
_FRACTION = re.compile(
    r",?\s(?:of|ownership|stake)\b|(?<=-quarters)(?![\s-](?:of\s)?(?:19|20)\d\d)|"
    r"[\s-](?:percentage[\s-])?point"  # "cut rates by a quarter point"
)
# "comes a day after the vote": a span between two events, not a rate
_RELATION = re.compile(r"\s(?:after|before|later|earlier|ago)\b", re.I)
_RATE = re.compile(
    r"(?:\d|\b(?:million|billion|thousand|hundred|percent|cents|dollars|times|twice|once)|"
    r"[a-z]{3,}(?<!ou|es|as|is|us|ha|wa|hi|it)s)\s\Z"  # a plural noun, not "was", "its"
)
_POINT_UNITS = ("day", "week", "month", "quarter", "year", "decade", "century")


def _vague_units(m, left, ctx):  # type: ignore[no-untyped-def]
    """Plural units without a number: "for years", "in recent months", "coming weeks"."""
    unit = m["unit"].lower()
    if unit == "year" and m.string[max(0, m.start() - 6) : m.start()].lower() == "light ":
        return None  # "500 light years": a distance
    rel = (left["rel"] or "").lower() if left is not None else ""
    if unit == "quarter" and left is None:
        return None  # "inspect such quarters", "living quarters": lodgings, not time
    if rel == "recent":  # "in recent years" is the past; "in recent weeks" a span of it
        return Hit("DATE", "PAST_REF") if unit == "year" else Hit("DURATION", duration(None, unit))
    if rel in ("coming", "upcoming", "future"):
        return Hit("DATE", "FUTURE_REF")
    return Hit("DURATION", duration(None, unit))


def _same_period(m, left, ctx):  # type: ignore[no-untyped-def]
    """ "the same period last year", "the corresponding quarter": the period mentioned last,
    a year back when the words say so."""
    unit = m["unit"].lower()
    year_back = bool(m["ago"]) or m[0].lower().startswith("year-")
    grain = unit if unit in ("month", "quarter", "year") else None
    period = unit == "period"
    if year_back:
        return Hit(
            "DATE",
            relative(ctx.pub, "year", -1),
            anchored=("year", -1),
            grain=grain,
            period=period,
        )
    if unit == "period":
        return Hit("DATE", ymd(ctx.pub), anchored=("day", 0), period=True)
    return Hit("DATE", relative(ctx.pub, unit, 0), anchored=(unit, 0), coarse=True)


# what follows "the last week" when it is the final week of a whole, not the week before
_OF_WHOLE = re.compile(r"\sof\s(?:the|his|her|its|their|this|that|an?)\s")


# "over the past month", "the next decade": a stretch of time up to now or from now, as "the
# past three weeks" is (guideline T3); but "this past week" is the week just past, "the next
# month" in a story the month after the one it tells of, "the next century" the one to come
_STRETCHES = {("past", unit) for unit in ("day", "week", "month", "year", "decade", "century")}
_STRETCHES |= {("next", "decade"), ("coming", "decade")}


def _relative_unit(m, left, ctx):  # type: ignore[no-untyped-def]
    rel = m["rel"].lower()
    if left is not None and left["this"] and rel != "past":
        left = None  # "this" belongs only to "this past week"
    if rel == "last" and left is not None and _OF_WHOLE.match(m.string, m.end()):
        return None  # "the last week of the campaign", "the last day of the year": the final one
    hit = _relative_unit_hit(m, left, ctx)
    return hit if hit is None or left is not None else hit._replace(bare=True)


def _relative_unit_hit(m, left, ctx):  # type: ignore[no-untyped-def]
    rel = m["rel"].lower()
    unit = m["unit"].lower()
    # "the next day", "the following week", "that year": from the date mentioned last
    if rel in ("following", "same", "that", "previous", "preceding", "prior", "next") and (
        left is not None or rel in ("that", "same")
    ):
        n = {"following": 1, "next": 1, "same": 0, "that": 0}.get(rel, -1)
        if unit in ("day", "week", "month", "year", "quarter"):
            return Hit("DATE", relative(ctx.pub, unit, n), anchored=(unit, n), coarse=True)
        if unit in PARTS_OF_DAY:  # "that evening", "the previous night"
            day = None if ctx.pub is None else ctx.pub + timedelta(days=n)
            return Hit("TIME", f"{ymd(day)}T{PARTS_OF_DAY[unit]}", anchored=("day", n))
    if left is not None and not left["this"] and (rel, unit) in _STRETCHES:
        return Hit("DURATION", duration(1, unit))
    n = RELATIVE.get(rel, 0)
    if unit in SEASONS:
        return _season(m, left, ctx)
    if unit == "term":
        return Hit("DATE", "FUTURE_REF") if n >= 0 else None
    if unit == "fortnight":  # no calendar unit: "the past fortnight" as "the past two weeks"
        return Hit("DURATION", "P2W")
    if unit == "night":
        day = None if ctx.pub is None else ctx.pub + timedelta(days=n)
        return Hit("TIME", f"{ymd(day)}TNI")
    if unit in ("morning", "afternoon", "evening"):
        return Hit("TIME", f"{ymd(ctx.pub)}T{PARTS_OF_DAY[unit]}")
    if unit == "decade" and n < 0 and left is None:
        return Hit("DURATION", "P1DE")
    if unit == "weekend" and n == 0 and ctx.pub is not None and ctx.pub.weekday() < 5:
        # said on a weekday, "this weekend" is the coming one, or the one just past in a
        # past-tense clause ("the fair drew crowds this weekend")
        return Hit("DATE", relative(ctx.pub, unit, -(ctx.tense() == PAST)))
    return Hit("DATE", relative(ctx.pub, unit, n))


def _the_year(m, left, ctx):  # type: ignore[no-untyped-def]
    """ "the year", "the full year", "year-end": the year of the report, that is of the quarter
    or half reported on when one was named since the last year or month ("a loss in the fourth
    quarter of 2005 and for the entire year"), else the publication year; "the year ended
    March 31" is the span of twelve months a report covers."""
    if year := _year_of_match(m):
        return Hit("DATE", year)  # "the year 2000", "the year two thousand"
    end = m[0].lower() != "year"
    if not end and left is not None and not left[0]:
        return None  # "by year after year": only "by year-end" needs no article
    if m["ended"] is not None:  # "the year ended March 31": the twelve months of a report
        return Hit("DURATION", "P1Y")
    return Hit(
        "DATE",
        relative(ctx.pub, "year", 0),
        mod="END" if end else None,
        anchored=("year", 0),
        grain=WHOLE_YEAR,
        periods_only=True,
    )


_TENS_VALUE = {w: v // 10 for w, v in _TENS.items()} | {"ten": 1}


def _spelled_year(m, left, ctx):  # type: ignore[no-untyped-def]
    """ "nineteen ninety-seven", as broadcast transcripts write years."""
    return Hit("DATE", spelled_year(m[0]))


def _spelled_decade(m, left, ctx):  # type: ignore[no-untyped-def]
    """ "the nineties": the 1990s."""
    return Hit("DATE", f"19{_TENS_VALUE[m['tens'].lower().removesuffix('ies') + 'y']}")


def _week_of(m, left, ctx):  # type: ignore[no-untyped-def]
    """ "the week of March 6": the ISO week holding that day; "the first (last) week of
    March": the one holding its fourth (fourth-last) day, as ISO week 1 holds January 4."""
    month = MONTHS[m["month"].lower().rstrip(".")]
    nth = (left["nth"] or "").lower()
    if m["day"]:
        day = int(m["day"])
    elif nth:
        day = _WEEK_DAY.get(nth, 0)
    else:
        return None  # "the week of March": which one?
    year = _year_of_match(m) or year_of(month, day or 28, ctx.pub, ctx.tense, ctx.since)
    if not year.isdigit():
        return Hit("DATE", f"{year}-WXX")
    last = monthrange(int(year), month)[1]
    if not 1 <= (day or last - 3) <= last:
        return None
    y, w, _ = date(int(year), month, day or last - 3).isocalendar()
    return Hit("DATE", f"{y:04d}-W{w:02d}")


_WEEK_DAY = {"first": 4, "second": 11, "third": 18, "fourth": 25}  # "last", "final": 0


def _the_weekend(m, left, ctx):  # type: ignore[no-untyped-def]
    """ "the weekend": the one just past, or the coming one in a future clause."""
    if ctx.pub is None:
        return Hit("DATE", "XXXX-WXX-WE")
    day = ctx.pub
    if day.weekday() < 5:
        forward = ctx.tense() == FUTURE
        day += timedelta(days=5 - day.weekday()) if forward else -timedelta(days=day.weekday() + 2)
    y, w, _ = day.isocalendar()
    return Hit("DATE", f"{y:04d}-W{w:02d}-WE")


def _edge_day(m, left, ctx):  # type: ignore[no-untyped-def]
    """ "the first (last) day of March", "of 2021", "of the year", "of next month": that day,
    in the year the tense points to for a month named alone."""
    first = m["edge"].lower() == "first"
    if m["month"]:
        month = MONTHS[m["month"].lower().rstrip(".")]
        year = _year_of_match(m) or year_of(
            month, 1 if first else 28, ctx.pub, ctx.tense, ctx.since
        )
        period = f"{year}-{month:02d}"
    elif m["alone"]:
        period = m["alone"]
    else:
        rel = m["rel"].lower()
        period = relative(ctx.pub, m["unit"].lower(), RELATIVE.get(rel, 0))
    if len(period) == 4:  # a year: its first or last month
        period += "-01" if first else "-12"
    year, month = period[:4], int(period[5:7]) if period[5:7].isdigit() else 0
    if first:
        return Hit("DATE", f"{period}-01")
    if not (year.isdigit() and month):
        return Hit("DATE", f"{period}-XX")  # the last day of a month of no known year
    return Hit("DATE", f"{period}-{monthrange(int(year), month)[1]:02d}")


def _part_of_the_unit(m, left, ctx):  # type: ignore[no-untyped-def]
    """ "the end of the month", "the start of the week": the one of the publication date, as
    "the end of the year" is (the modifier before it gives the ``mod``)."""
    return Hit("DATE", relative(ctx.pub, m["unit"].lower(), 0))


def _year_relative(m, left, ctx):  # type: ignore[no-untyped-def]
    """ "the year-ago quarter", "year-earlier", "a year before": a year before the date
    mentioned last."""
    noun = m[0].lower().rsplit(" ", 1)[-1]  # "the year-ago quarter" is a quarter
    grain = noun if noun in ("month", "quarter") else None
    # "the year-ago results": the article is the noun's, and the results compared are those
    # of the period reported on, a year back (as "up 5% from a year ago")
    attributive = " " not in m[0] and m[0][4] == "-" and _NEXT_WORD.match(m.string, m.end())
    return Hit(
        "DATE",
        relative(ctx.pub, "year", -1),
        anchored=("year", -1),
        coarse=True,
        grain=grain,
        period=noun == "period",
        bare=bool(attributive),
        periods_only=bool(attributive),
    )


_NEXT_WORD = re.compile(r"\s[a-z$]")


def _the_period(m, left, ctx):  # type: ignore[no-untyped-def]
    """ "the quarter", "the latest period": the quarter reported on, that is the one mentioned
    last (or the last complete one)."""
    n = -1 if (left is not None and left["rel"] and left["rel"].lower() == "latest") else 0
    if m[0].lower().startswith("period") and n == 0:
        return None
    if m["month"] and m[0].lower().startswith("quarter"):
        # "the quarter ended July 31": the three months before that day, named by the
        # calendar quarter that holds most of them (the one of the middle month)
        month, day = MONTHS[m["month"].lower().rstrip(".")], int(m["day"])
        year = year_of(month, day, ctx.pub, ctx.tense, ctx.since)
        if not year.isdigit():
            return Hit("DATE", f"{year}-Q{(month - 2) % 12 // 3 + 1}")
        k = int(year) * 12 + month - 2  # the middle month, counted from year 0
        return Hit("DATE", f"{k // 12:04d}-Q{k % 12 // 3 + 1}")
    if m["ago"]:  # "the quarter a year ago": the quarter reported on, a year back
        return Hit("DATE", relative(ctx.pub, "quarter", -5), anchored=("quarter", -4))
    return Hit("DATE", relative(ctx.pub, "quarter", -1), anchored=("quarter", 0))


def _fiscal_year(m, left, ctx):  # type: ignore[no-untyped-def]
    y = m["year"]
    if y is None:
        short = int(m["yy"])
        y = f"{(2000 if short < 30 else 1900) + short}"
    return Hit("DATE", y)


def _clock(m, left, ctx):  # type: ignore[no-untyped-def]
    hour, minute = int(m["h"]), int(m["mi"] or 0)
    ampm = (m["ap"] or "").replace(".", "").replace(" ", "").lower()
    zone_name = m["zone"] or m["pzone"]
    named = m["dpod"] or (m["dword"] or "").lower() in ("this", "tonight")
    if (
        not ampm
        and not zone_name
        and not (m["mi"] and (named or _CLOCK_CUE.match(m.string, m.start())))
    ):
        return None
    if ampm and hour > 12:
        return None
    if not ampm and hour < 12 and _late_in_day(m, hour):
        hour += 12  # "2:40 this afternoon"
    if ampm == "pm" and hour < 12:
        hour += 12
    if ampm == "am" and hour == 12:
        hour = 0
    offset = (m["off"] or m["poff"] or "").replace(" ", "")
    zone = ""
    if offset:
        sign, h = offset[0], int(offset[1:])
        zone = f"{sign}{h:02d}:00" if h else "Z"
    elif zone_name in ("UTC", "GMT"):
        zone = "Z"  # other zones' offsets stay unwritten, as TimeBank and MEANTIME leave them
    return _on_named_day(m, ctx, f"{hour:02d}:{minute:02d}{zone}")


def _oclock(m, left, ctx):  # type: ignore[no-untyped-def]
    """ "Nine o'clock" is a morning hour unless "p.m." or an evening word follows it."""
    hour = int(m["h"]) if m["h"].isdigit() else int(NUMBERS[m["h"].lower()])
    if not 1 <= hour <= 12:
        return None
    ampm = (m["ap"] or "").replace(".", "").replace(" ", "").lower()
    evening = ampm == "pm" or (
        not ampm and (_late_in_day(m, hour) or _EVENING.match(m.string, m.end()))
    )
    if evening and hour < 12:
        hour += 12
    if ampm == "am" and hour == 12:
        hour = 0
    return _on_named_day(m, ctx, f"{hour:02d}:00")


def _late_in_day(m: re.Match[str], hour: int) -> bool:
    """Whether the part of the day a clock time names after it puts ``hour`` after noon
    ("2:40 this afternoon", "eight o'clock tonight"; not "2 o'clock tonight")."""
    pod = (m["dpod"] or "").lower()
    night = pod == "night" or (m["dword"] or "").lower() == "tonight"
    return pod in ("afternoon", "evening") or (night and 6 <= hour < 12)


# what makes an hour without a.m. or p.m. an evening one: "nine o'clock (Eastern) tonight"
_EVENING = re.compile(
    r"(?:\s[A-Z]\w+)?\s(?:tonight|this\s(?:evening|afternoon)|in\sthe\s(?:evening|afternoon)|"
    r"at\snight)\b"
)


def _before_on(m: re.Match[str]) -> int | None:
    """Where a time ends that names its day after "on" ("2:46 p.m. on Monday")."""
    return m.start("on") - 1 if m["on"] else None


_CLOCK_CUE = re.compile(r"(?<=\bat\s)|\S+\s(?:local\stime|hours|hrs)\b")


class _Fake(dict):  # a match-like mapping for reusing a builder on one word
    def __init__(self, word: str) -> None:
        super().__init__(word=word, pod=None)


# "midday" is the part of the day TimeML calls MI (guideline T3), "noon" its clock time
_NOON_CLOCKS = {"noon": "12:00", "midnight": "24:00", "midday": "MI"}


def _noon(m, left, ctx):  # type: ignore[no-untyped-def]
    return _on_named_day(m, ctx, _NOON_CLOCKS[m["word"].lower()])


def _on_named_day(m: re.Match[str], ctx: Context, clock: str) -> Hit:
    """A time on the day named right after it ("noon Sunday", "2:46 p.m. Monday"), else on
    the publication date (the day named before it may replace that later)."""
    month = m["month"] if "month" in m.re.groupindex else None  # "18:00 UTC on June 1"
    day = ymd(ctx.pub)
    if m["dword"]:
        word = m["dword"].lower()
        day = _deictic(_Fake("today" if word == "this" else word), None, ctx).value[:10]
    elif m["weekday"]:
        target = WEEKDAYS[m["weekday"].lower()]
        if "dday" in m.re.groupindex and (m["dday"] or m["oday"]):
            day = _weekday_and_day(m, target, ctx) or day
        else:
            day = ymd(weekday_date(target, ctx.pub, ctx.tense()))
    elif month:
        hit = _full_date(m, None, ctx)
        day = hit.value if hit else day
    own_day = bool(m["dword"] or m["weekday"] or month)
    return Hit("TIME", f"{day}T{clock}", on_day_before=not own_day, end=_before_on(m))


def _ordinal_day(m, left, ctx):  # type: ignore[no-untyped-def]
    return _day_in_month(int(m["d"]), ctx)


def _day_in_month(day: int, ctx: Context) -> Hit | None:
    """ "The 3rd": this month's, last month's in the past, next month's in the future."""
    if ctx.pub is None or not 1 <= day <= 31:
        return None
    y, mo = ctx.pub.year, ctx.pub.month
    if day > ctx.pub.day and ctx.tense() != FUTURE:
        y, mo = (y, mo - 1) if mo > 1 else (y - 1, 12)
    elif day < ctx.pub.day and ctx.tense() == FUTURE:
        y, mo = (y, mo + 1) if mo < 12 else (y + 1, 1)
    try:
        return Hit("DATE", date(y, mo, day).isoformat())
    except ValueError:
        return None


def _pod_alone(m, left, ctx):  # type: ignore[no-untyped-def]
    rel = (left["rel"] or "").lower() if left is not None else ""
    pod = PARTS_OF_DAY[m["pod"].lower()]
    if rel in ("next", "following"):
        return Hit("TIME", f"{ymd(ctx.pub)}T{pod}", anchored=("day", 1))
    if left is not None and (left["the"] or not left[0]):
        # "in the afternoon", "by late afternoon": of the day named last, as a clock time
        return Hit("TIME", f"{ymd(ctx.pub)}T{pod}", on_day_before=True)
    return Hit("TIME", f"{ymd(ctx.pub)}T{pod}")


def _overnight(m, left, ctx):  # type: ignore[no-untyped-def]
    # "rain fell overnight", "talks broke down overnight": the night before the report; what
    # may happen overnight ("prices could rise overnight") is a manner, no time
    if ctx.tense() == FUTURE:
        return None
    day = None if ctx.pub is None else ctx.pub - timedelta(days=1)
    return Hit("TIME", f"{ymd(day)}TNI", overnight=True)


# --- the rules ------------------------------------------------------------------------------

_I = re.I
# numerals trigger by length: one or two digits, four digits, any other length
SHORT, FOUR, LONG = "#12", "#4", "#n"
_UNIT_START = (
    r"(?:[Ss]econd|[Mm]inute|[Hh]our|[Dd]ay|[Nn]ight|[Ww]eek|[Ff]ortnight|[Mm]onth|[Qq]uarter|"
    r"[Yy]ear|[Dd]ecade|[Cc]entur|[Mm]illenni|sec|min|hr)"
)
_RELATIVE_GUARD = (
    r"[\s-](?:fiscal\s)?(?:week|weekend|fortnight|month|year|quarter|half|decade|century|day|night|"
    r"morning|afternoon|evening|spring|summer|autumn|fall|winter|term)\b"
)
_AMOUNT_WORDS = (
    "a|an|of|and|half|few|dozen|couple|number|one|two|three|four|five|six|seven|eight|nine|hundred|"
    "thousand|million|billion"
)
_UNIT_ADJECTIVES = (
    "more|additional|straight|consecutive|full|trading|business|long|short|calendar|working"
)
# the rest of a numeral the guard looks over ("3,000,000.50"): bounded, so that a run of
# thousands of digits and commas is not read again from each number in it
_AMOUNT_TAIL = 24
# after a numeral or a number word ("5[ 1/2]", "twenty[ four]", "a[ couple of]"), an optional
# adjective, then a unit: what the units rule needs. The lookahead in front asks only that the
# first word after the number be one of those that may follow it: it turns most numerals and
# articles away before the full test tries its optional parts.
_UNITS_GUARD = (
    rf"(?=[\d.,½/]{{0,{_AMOUNT_TAIL}}}[\s-]{{1,3}}(?:1/2|{_AMOUNT_WORDS}|{_UNIT_ADJECTIVES}|"
    rf"{_UNIT_START}))[\d.,½/]{{0,{_AMOUNT_TAIL}}}(?:\s1/2)?"
    rf"(?:[\s-](?:{_AMOUNT_WORDS})){{0,3}}\s?[\s-]\s?(?:(?:{_UNIT_ADJECTIVES})\s)?{_UNIT_START}"
)
# the day (and the part of it) a clock time may name after it: "10 a.m. today", "10:30 this
# morning", "4 o'clock yesterday afternoon", "8 p.m. tonight"
_DEICTIC_DAY = (
    r"(?i:(?P<dword>today|yesterday|tomorrow|tonight|this(?=\s(?:morning|afternoon|evening)\b))"
    r"(?:\s(?P<dpod>morning|afternoon|evening|night)\b)?)"
)
# words that may follow a day named by its ordinal alone ("on the 3rd and", "by the 15th, when")
_AFTER_ORDINAL_DAY = "(?:and|or|but|that|when|after|before|at|in|with|while|until)"
# the day after a weekday, as British papers write it: "Monday 25 May", "Saturday, 14 December
# 1996", "Sunday the 3rd of August", "Saturday the 16th" (the month the weekday tells)
_DAY_AFTER_WEEKDAY = (
    r",?\s(?:the\s)?(?P<dday>[0-3]?\d)(?:st|nd|rd|th)?\s(?:of\s)?"
    + MONTH.replace("?P<month>", "?P<dmonth>")
    + r"(?:\s?,?\s?"
    + YEAR.replace("?P<year>", "?P<dyear>")
    + r")?(?:\b|(?<=\.))|,?\sthe\s(?P<oday>[1-3]?\d)(?:st|nd|rd|th)\b"
    rf"(?!\s(?!{_AFTER_ORDINAL_DAY}\b)[A-Za-z]|\s(?:and|or)\s\d)"
)
# the day a clock time may name after it: "10 a.m. Tuesday", "18:00 UTC on June 1" (after
# "on" the day is an expression of its own, as after any preposition, and the time takes its date)
_CLOCK_DAY = (
    rf"(?:\s(?P<on>on\s)?(?:{_DEICTIC_DAY}|"
    rf"(?i:{WEEKDAY})(?:{_DAY_AFTER_WEEKDAY})?|{MONTH}\s?{DAY}(?:,?\s{YEAR})?)\b)?"
)
# the clock a time is read on, part of its span: "9:45 a.m. local time", "5:12 a.m. Moscow time"
# (not a word that opens the next sentence: "at 3 p.m. Next time, ...")
_LOCAL_TIME = (
    r"(?:\s(?:local|ship['’]s|(?!(?:Next|This|That|The|Last|Each|Every|Any|No|Some)\s)"
    r"[A-Z][a-z]{2,})\stime\b)?"
)
_CLOCK_GUARD = r"(?:[:.]\d\d)?\s?(?:[ap]\.?\s?m\b|[AP]\.?M\b|\(?(?:" + ZONE + r"))|:\d\d"

_MONTH_TRIGGERS = tuple(m.capitalize() for m in MONTHS)
_WEEKDAY_TRIGGERS = tuple(d if len(d) > 3 else d.capitalize() for d in WEEKDAYS)
_WEEKDAY_TRIGGERS += tuple(f"{d}s" for d in WEEKDAYS if d.endswith("day"))  # "on Sundays"
_NUM_TRIGGERS = (
    SHORT,
    FOUR,
    LONG,
    *(w for w in NUMBERS if " " not in w),
    "a",
    "an",
    "several",
    "few",
)
_NUM_TRIGGERS += ("many", "some", "couple", "half", "dozen") + tuple(_TENS)
_HOUR_WORDS = tuple(_UNITS_WORDS[1:13])
_UNIT_TRIGGERS = ("seconds", "minutes", "hours", "days", "nights", "weeks", "months")
_UNIT_TRIGGERS += ("quarters", "years", "decades", "centuries")
_REL = "|".join(sorted(RELATIVE, key=len, reverse=True))
# a weekday in the name of an event or a holiday ("Bloody Sunday", "Super Tuesday", "the Good
# Friday Agreement") is not the last or the next such day
_NAMED_DAY = "".join(
    rf"(?-i:(?<!{word}\s))"  # as written: not "a good Monday for stocks"
    for word in ("Black", "Bloody", "Super", "Good", "Cyber", "Ash", "Palm", "Holy")
)
# a weekday in the name of a newspaper or a programme: "The Sunday Times", "Monday Night Football"
_PAPERS = (
    "Times|Telegraph|Mirror|Express|Herald|Post|Tribune|Independent|Observer|Mail|People|Sport|"
    r"Star|Night\sLive|Night\sFootball"
)
_LONG_UNITS = ("second", "minute", "hour", "day", "night", "week", "month", "year", "decade")


# the last day of a range of days ("Oct. 28-29", "Jan. 15-16, 2008"): the expression is its
# first day, which takes the year written after the range
_DAY_RANGE_END = r"(?=[-–][0-3]?\d\b(?![-:.,]\d)(?:,?\s(?P<ryear>1[0-9]{3}|20[0-9]{2})\b)?)"

RULES: tuple[Rule, ...] = (
    Rule(
        "month-day",
        _MONTH_TRIGGERS,
        re.compile(
            rf"{MONTH}\s?{DAY}(?:\s?,?\s?{YEAR}|{_OF_REL_YEAR})?\b"
            rf"(?!\s?(?:%|percent|million|billion|:\d))(?:{_DAY_RANGE_END}|(?!-\d))",
        ),
        _full_date,
    ),
    Rule(
        "day-month",
        (SHORT,),
        # "14 Feb.": the month's full stop ends the expression
        re.compile(
            rf"(?<![\d.,/$£€]){DAY}\s(?:of\s)?{MONTH}(?:\s?,?\s?{YEAR}|{_OF_REL_YEAR})?(?:\b|(?<=\.))"
        ),
        _full_date,
        guard=r"(?:st|nd|rd|th)?\s(?:of\s)?[A-Z]",
    ),
    Rule(
        "month",
        _MONTH_TRIGGERS,
        re.compile(
            rf"{MONTH}(?:\s?,?\s(?:of\s)?{YEAR}{_YEAR_ENDS}|\s(?:of\s)?{SPELLED_YEAR}|"
            rf"{_OF_REL_YEAR}|(?![\s-]?\d)(?!\s(?:[A-Z][a-z]|of\s[A-Z])))"
        ),
        _month,
        left=_left(r"(?P<mrel>last|next|this|past|coming)\s"),
    ),
    Rule(
        "numeric-date",
        (SHORT,),
        re.compile(r"(?<![\d/])(?P<a>1[0-2]|0?[1-9])/(?P<b>[0-3]?\d)/(?P<y>\d{4}|\d{2})(?![\d/])"),
        _numeric_date,
        guard=r"/\d",
    ),
    Rule(
        "iso-date",
        (FOUR,),
        re.compile(r"(?<![\d-])\d{4}-\d{2}-\d{2}(?:T(?P<hh>\d{2}):(?P<mm>\d{2}))?(?![\d-])"),
        _iso_date,
        guard=r"-\d\d-",
    ),
    Rule(
        "year",
        (FOUR,),
        re.compile(rf"(?<![\w$£€.,:/]){_NOT_A_YEAR_BEFORE}{YEAR}(?!\w){_NOT_A_YEAR_AFTER}(?!'?s)"),
        _year,
        left=_left(r"(?:(?:the\s)?(?:calendar|fiscal)\s(?:year\s)?|FY\s?)"),
    ),
    Rule(
        "fiscal-year",
        ("fiscal", "fy", "fy#"),
        re.compile(
            r"(?:fiscal(?:\syear)?\s?|FY\s?)(?:(?P<year>1[89]\d\d|20\d\d)|'?(?P<yy>\d\d))\b", _I
        ),
        _fiscal_year,
        left=_left(r"the\s"),
    ),
    Rule(
        "decade",
        (FOUR, SHORT),
        re.compile(r"(?<![\w$£€.,])(?:(?P<dec>1[0-9]{2}0|20[0-9]0)|(?<!-)(?P<short>[2-9]0))'?s\b"),
        _decade,
        guard=r"'?s\b",
        left=_left(r"(?:the\s)?'|the\s"),
    ),
    Rule(
        "century",
        (SHORT,),
        re.compile(r"(?P<n>[1-2]?\d)(?:st|nd|rd|th)[\s-]century\b", _I),
        _century,
        guard=r"(?:st|nd|rd|th)[\s-][cC]",
        left=_left(r"the\s"),
    ),
    Rule(
        "quarter",
        ("first", "second", "third", "fourth", "1st", "2nd", "3rd", "4th", "final", "last"),
        re.compile(
            r"(?P<ord>first|second|third|fourth|final|last|1st|2nd|3rd|4th)[\s-](?:fiscal\s)?"
            r"(?P<what>quarter|half)(?!-)(?:\s(?:of\s)?(?:(?:fiscal\s)?"
            rf"{YEAR}|fiscal\s'?(?P<fy>\d\d)\b|(?:the\s)?(?P<rel>last|this|next|previous)\syear|"
            r"(?P<theyear>the\s(?:fiscal\s)?year)))?\b"
            r"(?P<qn>)",
            _I,
        ),
        _quarter,
        guard=r"[\s-](?:fiscal\s)?(?:quarter|half)",
        left=_left(
            r"(?:the|(?P<lrel>this|last|next)\syear's)\s(?:(?P<lyear>1[89]\d\d|20\d\d)\s|"
            r"(?P<lago>year-ago|year-earlier|prior-year)\s)?(?:fiscal\s)?|fiscal\s"
        ),
    ),
    Rule(
        "q-quarter",
        ("q1", "q2", "q3", "q4"),
        re.compile(rf"Q(?P<qn>[1-4])(?:\s?{YEAR})?\b"),
        _q_quarter,
    ),
    Rule(  # "H1 2022"; alone, "H1" and "H2" are as often other things (visas, hydrogen)
        "h-half",
        ("h1", "h2"),
        re.compile(rf"H(?P<hn>[12])\s{YEAR}\b"),
        _h_half,
        guard=r"\s(?:1[0-9]{3}|20[0-9]{2})\b",
    ),
    Rule(
        "season",
        ("spring", "summer", "autumn", "winter"),
        re.compile(
            rf"(?P<season>spring|summer|autumn|winter)(?:\s(?:of\s)?(?:{YEAR}|{SPELLED_YEAR})|"
            rf"{_OF_REL_YEAR})?\b(?!-|\s(?:solstice|equinox)\b)",  # not "the winter solstice"
            _I,
        ),
        _season,
        left=_left(r"(?:the\s|this\s(?=past))?(?P<rel>this|last|next|past|coming)\s|the\s"),
    ),
    Rule(
        "fall",
        ("fall",),
        # not the noun of "the fall of the Berlin Wall", "the fall of Saigon"
        re.compile(
            rf"(?P<season>fall)(?:\s(?:of\s)?{YEAR}|{_OF_REL_YEAR})?\b"
            r"(?!-|\sof\s(?!(?:this|last|next)\syear\b))",
            _I,
        ),
        _season,
        left=_left(
            r"(?:the\s|this\s(?=past))?(?P<rel>this|last|next|past|coming)\s|the\s|(?<=in\s)"
        ),
        needs_left=True,
    ),
    Rule(
        "weekday",
        _WEEKDAY_TRIGGERS,
        re.compile(
            rf"(?<!Mail\son\s){_NAMED_DAY}{WEEKDAY}(?P<plural>s)?(?!\s(?:{_PAPERS})\b)"
            rf"(?P<md>,?\s{MONTH}\s?{DAY}(?:\s?,?\s?{YEAR})?|{_DAY_AFTER_WEEKDAY})?"
            r"(?:\s(?P<week>week)\b(?!['’]s|\s(?:of|ago)\b))?"
            rf"(?:\s{POD}s?)?\b",
            _I,
        ),
        _weekday,
        left=_left(
            rf"(?:{_DAY_BEFORE_AFTER}|(?<!for\s)(?<!least\s)(?P<weeks>a|one|two|three)\sweeks?\s(?:from|on)\s)?"
            r"(?:(?P<rel>last|next|this|coming|past|each|every)\s)?"
        ),
    ),
    Rule(
        "deictic-day",
        ("today", "yesterday", "tomorrow", "tonight"),
        re.compile(rf"(?P<word>today|yesterday|tomorrow|tonight)(?:\s{POD})?\b", _I),
        _deictic,
        left=_left(_DAY_BEFORE_AFTER),
    ),
    Rule(
        "last-night",
        ("last", "this", "tonight"),
        re.compile(r"(?P<rel>last|this)\s(?P<pod>night|morning|afternoon|evening)\b", _I),
        _last_night,
        guard=_RELATIVE_GUARD,
    ),
    Rule(
        "part-of-day",
        ("morning", "afternoon", "evening", "overnight"),
        # "recovered in the afternoon", "by late afternoon"; not the adjective of "the
        # afternoon heat", "the evening news"
        re.compile(
            rf"{POD.replace('night', 'overnight')}\b(?=\s?[,.;:!?)\"”]|\s?\Z|\s(?:and|but|or|as|"
            r"after|before|when|while|with|in|on|at|for|from|until|till|to|by|because|if|so|"
            r"(?-i:[A-Z])))",
            _I,
        ),
        _pod_alone,
        left=_left(
            r"the\s(?P<rel>next|following|same)\s|mid[\s-]|(?P<the>the\s)|(?<=early\s)|"
            r"(?<=late\s)"
        ),
        needs_left=True,
    ),
    Rule(
        "ref",
        ("now", "currently", "nowadays", "days", "present", "moment", "recently", "lately"),
        re.compile(
            r"(?:(?<!every\s)now|currently|nowadays|days|present|moment|recently|lately)\b"
            # "now that" is the present ("now that the talks failed"), "days that" is not;
            # "Now," opening a sentence is a discourse marker; "every now and then" is "at times"
            r"(?!-|\s(?:(?<!now\s)that|of|three|two|few|several|\d)\b|(?<=(?-i:Now)),)",
            _I,
        ),
        _ref,
        left=_left(r"right\s|just\s|these\s|at\s(?:the\s)?|more\s|most\s|until\s"),
    ),
    Rule(
        "overnight",
        ("overnight",),
        # the adverb, not the adjective of "overnight camping", "the overnight rate"
        re.compile(
            r"overnight\b(?=\s?[,.;:!?)\"”]|\s?\Z|\s(?:and|but|as|after|before|though|while|when|"
            r"in|on|at|to|with|from|into|near|along|across|the|a|an|[a-z]+ed)\b)",
            _I,
        ),
        _overnight,
    ),
    Rule(
        "current",
        ("current",),
        # the adjective ("the current parliament"), not a noun ("the current was strong") nor
        # a term of accounts ("the current account deficit"); "the current year" is a date
        re.compile(
            r"(?<![\w-])(?<!then\s)current(?=\s(?!(?:account|accounts|affairs|assets|"
            r"liabilities|ratio|is|was|were|are|and|of|in|to|from|flows?|year|fiscal|financial|"
            r"quarter|month|week|season|term|period|half)\b)[a-z])",
            _I,
        ),
        _ref,
    ),
    Rule(
        "soon",
        ("soon",),
        # not "as soon as" (a condition), "soon after" (relative to another event),
        # "soon-to-open" (an adjective), "too soon to say" nor "how soon" (no time is named)
        re.compile(
            r"(?<!as\s)(?<!too\s)(?<!how\s)soon\b"
            r"(?!-|\s(?:as|after|afterwards?|thereafter|before)\b)",
            _I,
        ),
        _soon,
        left=_left(r"very\s"),
    ),
    Rule(
        "ref-the",
        ("past", "future", "term"),
        # "the past that ...", "the future that awaits" are the past and the future
        re.compile(r"(?:past|future|term)\b(?!-|\s(?:of|three|two|few|several|\d)\b)", _I),
        _ref,
        left=_left(r"the\s(?:near\s|foreseeable\s|distant\s|short\s|long\s|medium\s)?"),
        needs_left=True,
    ),
    Rule(
        "set-word",
        tuple(SET_WORDS),
        # not a newspaper ("the party daily Granma", "the news weekly Der Spiegel")
        re.compile("(?:" + "|".join(SET_WORDS) + r")\b(?!\s(?-i:[A-Z]))", _I),
        _set_word,
    ),
    Rule(
        "every",
        ("every", "each", "per"),
        re.compile(
            rf"(?:every|each|per)\s(?:{NUM}\s)?(?P<unit>year|month|week|day|hour|minute|quarter|"
            r"decade|morning|afternoon|evening|night|spring|summer|autumn|fall|winter)s?\b",
            _I,
        ),
        _every,
        guard=r"\s(?:\w+\s)?(?:year|month|week|day|hour|minute|quarter|decade|morning|afternoon|"
        r"evening|night|spring|summer|autumn|fall|winter)",
    ),
    Rule(
        "each-month",
        ("every", "each"),
        re.compile(rf"(?P<every>every|each)\s{MONTH}\b"),
        _month,
        guard=r"\s[A-Z]",
    ),
    Rule(
        "holiday",
        (
            "Christmas",
            "New",
            "Independence",
            "Halloween",
            "Valentine",
            "Bastille",
            "Boxing",
            "May",
            "Veterans",
            "Fourth",
            "Flag",
            "Juneteenth",
            "St",
        ),
        re.compile(
            r"(?P<name>Christmas(?:\s(?:Day|Eve))?|New\sYear['’]s\s(?:Day|Eve)|Independence\sDay|"
            r"Halloween|Valentine['’]s\sDay|Bastille\sDay|Boxing\sDay|May\sDay|Veterans\sDay|"
            r"Fourth\sof\sJuly|Flag\sDay|Juneteenth|St\.?\sPatrick['’]s\sDay)"
            rf"(?:\s?,?\s{YEAR})?\b"
        ),
        _holiday,
        guard=r"\s(?:Year|Day|Eve|of\sJuly)|\.?\sPatrick|['’]s\sDay|(?<=Christmas)|(?<=Halloween)|(?<=Juneteenth)",
    ),
    Rule(
        "easter",
        ("Easter", "Good", "Ash", "Palm", "Maundy", "Holy"),
        re.compile(
            r"(?P<name>Good\sFriday|Easter(?:\s(?:Sunday|Monday|[Ww]eek))?|Ash\sWednesday|"
            r"Palm\sSunday|(?:Maundy|Holy)\sThursday|Holy\sSaturday)"
            rf"(?:\s?,?\s{YEAR})?\b"
            r"(?!\s(?:Island|[Ee]ggs?|Rising|[Bb]unny|[Ii]slanders?|Agreement|Accords?)\b)"
        ),
        _easter,
    ),
    Rule(
        "movable-holiday",
        (
            "Thanksgiving",
            "Labor",
            "Memorial",
            "Presidents",
            "Election",
            "Black",
            "Cyber",
            "Martin",
            "MLK",
            "Columbus",
            "Mother",
            "Mothers",
            "Father",
            "Fathers",
        ),
        re.compile(
            r"(?P<name>Thanksgiving(?:\sDay)?|Labor\sDay|Memorial\sDay|Presidents['’]?\sDay|"
            r"Election\sDay|Black\sFriday|Cyber\sMonday|Martin\sLuther\sKing(?:\sJr\.)?\sDay|"
            r"MLK\sDay|Columbus\sDay|(?:Moth|Fath)er(?:['’]?s|s['’])\sDay)"
            rf"(?:\s?,?\s{YEAR})?\b"
        ),
        _movable_holiday,
        left=_left(r"(?P<rel>last|next|this)\s"),
    ),
    Rule(
        "units",
        _NUM_TRIGGERS,
        re.compile(
            rf"{NUM}(?:\s(?:more|additional|straight|consecutive|full|trading|business|long|"
            rf"short|calendar|working))?(?P<hyphen>[\s-]|\s?-\s?){UNIT}"
            r"(?!(?!long\b)[a-z])"  # a whole word: not "a week[end]", "a year[ly]"
            r"(?P<andhalf>(?<![sS])\sand\sa\shalf\b)?(?:\sor\sso\b)?"
            r"(?P<tail>\s(?:ago|earlier|later|from\s(?:now|today))\b|\s(?:before|after)(?=\s?[.,;:)])|"
            r"-?long\b|-old\b|\sold\b)?(?!-\w)",
            _I,
        ),
        _units,
        guard=_UNITS_GUARD,
        left=_left(
            r"(?:once|twice|thrice|(?:\d+|two|three|four|five|six|several|many)\stimes)\s|"
            r"(?:each\sof\s)?(?:the|this|its|their)\s(?:(?P<rel>past|last|next|coming|first|final|"
            r"previous|latest|same|following|remaining|initial)\s)?|(?P<bare>past|next|coming|"
            # not the verb: "is expected to last six weeks", "it will last two days"
            r"first|(?<!to\s)(?<!will\s)(?<!would\s)(?<!could\s)(?<!may\s)(?<!might\s)"
            r"(?<!can\s)(?<!should\s)(?<!must\s)last)\s"
        ),
    ),
    Rule(
        "unit-long",
        _LONG_UNITS + tuple(f"{unit}s" for unit in _LONG_UNITS),
        re.compile(rf"(?P<unit>{'|'.join(_LONG_UNITS)})(?P<plural>s)?-long\b", _I),
        _unit_long,
        guard=r"-long\b",
    ),
    Rule(
        "unitlong",
        tuple(f"{unit}long" for unit in _LONG_UNITS),
        re.compile(rf"(?P<unit>{'|'.join(_LONG_UNITS)})(?P<plural>)long\b", _I),
        _unit_long,
    ),
    Rule(
        "vague-units",
        _UNIT_TRIGGERS,
        re.compile(
            # not "37 years old", "hundreds of years", "three-quarters" (a number that another
            # rule reads), nor "the early hours of Saturday" (a part of the day named after it)
            r"(?<!\d\s)(?<!-)(?<!early\s)(?<!small\s)"
            r"(?P<unit>minute|hour|day|week|month|year|decade|centurie|quarter)s"
            r"\b(?!-|\sold\b)",
            _I,
        ),
        _vague_units,
        left=_left(r"(?:the\s)?(?P<rel>recent|coming|upcoming|future)\s|(?:the\s)?(?:past|last)\s"),
    ),
    Rule(
        "same-period",
        ("same", "corresponding", "comparable", "year-ago", "year-earlier"),
        re.compile(
            r"(?:same|corresponding|comparable|year-ago|year-earlier)\s(?P<unit>period|month|"
            r"quarter|week|day|year)(?P<ago>\s(?:of\s|in\s)?(?:last\syear|a\syear\s(?:ago|"
            r"earlier|before)|the\s(?:previous|prior|preceding)\syear|the\syear\sbefore))?\b",
            _I,
        ),
        _same_period,
        guard=r"\s(?:period|month|quarter|week|day|year)",
        left=_left(r"the\s"),
        needs_left=True,
    ),
    Rule(
        "relative-unit",
        tuple(RELATIVE) + ("same", "that"),
        re.compile(
            rf"(?P<rel>{_REL}|same|that)\s(?:fiscal\s)?(?P<unit>week(?:end)?|fortnight|month|year|"
            r"quarter|decade|century|day|night|morning|afternoon|evening|spring|summer|autumn|fall|"
            r"winter|term)\b(?!-|\s(?:ago|of\s\d|\d))(?:\sor\sso\b)?",
            _I,
        ),
        _relative_unit,
        guard=_RELATIVE_GUARD,
        left=_left(r"the\s|(?P<this>this\s)"),  # "this" only before "past": "this past week"
    ),
    Rule(
        "the-year",
        ("year",),
        re.compile(
            rf"year(?:\s(?:{YEAR}{_YEAR_ENDS}|{SPELLED_YEAR})|(?:(?:'s)?[\s-]end)?\b"
            r"(?!-|\s(?:ago|earlier|before(?!\s[a-z]+ing\b)|two|\d)))"
            r"(?P<ended>(?=\s(?:ended|ending)\s))?",
            _I,
        ),
        _the_year,
        left=_left(r"the\s(?:full\s|entire\s|whole\s|current\s|fiscal\s)?|(?<=by\s)"),
        needs_left=True,
    ),
    Rule(
        "spelled-year",
        ("nineteen",),
        re.compile(SPELLED_YEAR, _I),
        _spelled_year,
        guard=r"\s[a-z]",
    ),
    Rule(
        "spelled-decade",
        (
            "twenties",
            "thirties",
            "forties",
            "fifties",
            "sixties",
            "seventies",
            "eighties",
            "nineties",
        ),
        re.compile(
            r"(?P<tens>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b", _I
        ),
        _spelled_decade,
        left=_left(r"the\s"),
        needs_left=True,
    ),
    Rule(
        "week-of",
        ("week",),
        re.compile(rf"week\sof\s{MONTH}(?:\s?{DAY})?(?:,?\s{YEAR})?\b"),
        _week_of,
        guard=r"\sof\s[A-Z]",
        left=_left(r"the\s(?:(?P<nth>first|second|third|fourth|last|final)\s)?"),
        needs_left=True,
    ),
    Rule(
        "edge-day",
        ("first", "last", "final"),
        re.compile(
            rf"(?P<edge>first|last|final)\sday\sof\s(?:{MONTH}(?:,?\s{YEAR})?"
            r"|(?P<alone>1[0-9]{3}|20[0-9]{2})|(?P<rel>the|this|next|last)\s(?P<unit>year|month))"
            rf"{_YEAR_ENDS}\b",
            _I,
        ),
        _edge_day,
        guard=r"\sday\sof\s",
        left=_left(r"the\s"),
        needs_left=True,
    ),
    Rule(
        "the-weekend",
        ("weekend",),
        re.compile(r"weekend\b(?!-)", _I),
        _the_weekend,
        left=_left(r"the\s"),
        needs_left=True,
    ),
    Rule(
        "end-of-the-unit",
        ("week", "month"),
        re.compile(r"(?P<unit>week|month)\b(?!-)", _I),
        _part_of_the_unit,
        left=_left(
            r"(?<=end\sof\s)the\s|(?<=close\sof\s)the\s|(?<=middle\sof\s)the\s"
            r"|(?<=start\sof\s)the\s|(?<=beginning\sof\s)the\s"
        ),
        needs_left=True,
    ),
    Rule(
        "year-ago",
        ("year",),
        re.compile(
            r"year[\s-](?:earlier|ago|before|previous)(?:\s(?:quarter|period|level|month|year))?\b"
            # "before" that heads a clause ("the year before plunging") is a conjunction
            r"(?!\s(?:the|a|an|his|her|its|their|[a-z]+ing)\b)",
            _I,
        ),
        _year_relative,
        guard=r"[\s-](?:earlier|ago|before|previous)",
        left=_left(r"the\s"),
    ),
    Rule(
        "the-quarter",
        ("quarter", "period"),
        re.compile(
            r"(?:quarter|period)\b(?!-)(?:(?P<ago>\sa\syear\s(?:ago|earlier)\b)|"
            rf"(?=\s(?:ended|ending)\s{MONTH}\s?{DAY}\b))?",
            _I,
        ),
        _the_period,
        left=_left(r"the\s(?P<rel>latest|current|same|most\srecent|just-ended|recent)?\s?"),
        needs_left=True,
    ),
    Rule(
        "clock",
        (SHORT,),
        re.compile(
            r"(?<![\d.,:$£€])(?=\d\d?(?:[:.]\d\d)?\s?(?:[ap]\.?\s?m\b|[AP]\.?M\b|\(?(?:"
            rf"{ZONE}))|\d\d?:\d\d)"
            r"(?P<h>2[0-4]|[01]?\d)(?:[:.](?P<mi>[0-5]\d))?"  # "22:30": the hour whole
            r"(?:\s?(?P<ap>[ap]\.\s?m\b\.?|[ap]m\b|[AP]\.?M\b\.?))?"
            rf"(?:\s?(?P<zone>{ZONE})(?:\s?(?P<off>[+-]\s?\d{{1,2}}))?"
            rf"|\s?\((?P<pzone>{ZONE})\s?(?P<poff>[+-]\s?\d{{1,2}})\))?"
            rf"{_LOCAL_TIME}{_CLOCK_DAY}",
        ),
        _clock,
        guard=_CLOCK_GUARD,
    ),
    Rule(
        "clock-hhmm",
        (FOUR,),
        re.compile(  # "1900 GMT", as wire services write times: a zone after four digits
            r"(?<![\d.,:$£€])(?P<h>[01]\d|2[0-3])(?P<mi>[0-5]\d)(?P<ap>)"
            rf"(?:\s(?P<zone>{ZONE})(?:\s?(?P<off>[+-]\s?\d{{1,2}}))?"
            rf"|\s\((?P<pzone>{ZONE})\s?(?P<poff>[+-]\s?\d{{1,2}})\)|(?=\slocal\stime\b))"
            rf"{_LOCAL_TIME}{_CLOCK_DAY}",
        ),
        _clock,
        guard=rf"\s\(?(?:{ZONE})\b|\slocal\stime\b",
    ),
    Rule(
        "noon",
        ("noon", "midnight", "midday"),
        re.compile(  # not "High Noon"
            rf"(?<![Hh]igh\s)(?P<word>noon|midnight|midday)\b{_LOCAL_TIME}(?:\s(?P<on>on\s)?(?:(?i:(?P<dword>today|"
            rf"yesterday|tomorrow))|(?i:{WEEKDAY}))\b)?"
        ),
        _noon,
    ),
    Rule(
        "oclock",
        (SHORT, *_HOUR_WORDS),
        re.compile(
            rf"(?P<h>1[0-2]|0?[1-9]|(?i:{'|'.join(_HOUR_WORDS)}))\so['’]clock\b"
            r"(?:\s(?P<ap>[ap]\.\s?m\b\.?|[ap]m\b|[AP]\.?M\b\.?))?"
            rf"(?:\s(?P<on>on\s)?(?:{_DEICTIC_DAY}|(?i:{WEEKDAY}))\b)?"
        ),
        _oclock,
        guard=r"\so['’]clock",
    ),
    Rule(
        "ordinal-day",
        (SHORT,),
        # not "the 3rd floor", "the 21st century": a word after the ordinal is the noun it
        # counts, unless it is one that cannot be ("on the 3rd and resumed on the 15th"; not
        # "the 2nd and 3rd of March", whose month comes later)
        re.compile(
            r"(?P<d>[1-3]?\d)(?:st|nd|rd|th)\b(?!-|\s?\d)"
            rf"(?!\s?(?!{_AFTER_ORDINAL_DAY}\b)[a-zA-Z]|\s(?:and|or)\s\d)"
        ),
        _ordinal_day,
        guard=r"(?:st|nd|rd|th)\b",
        left=_left(r"(?<=on\s)the\s|(?<=by\s)the\s|(?<=until\s)the\s|(?<=since\s)the\s"),
        needs_left=True,
    ),
    Rule(
        "short-year",
        (SHORT,),
        re.compile(r"(?:(?<=\bin\s')|(?<=\bsince\s')|(?<=\bof\s'))(?P<yy>\d\d)\b(?![\w'’-])"),
        _short_year,
        guard=r"(?<='\d\d)",
        left=_left("'"),
    ),
)

# modifier index -> (mod, the types it applies to)
MODIFIER_INFO = [(mod, types) for _, mod, types in MODIFIERS]
