"""A rule-based TIMEX3 tagger for news: finds temporal expressions and resolves their values
against the publication date (``meta.published``).

Weekdays follow how news is written, not what ``dateparser`` does: a bare "on Wednesday" in a
past-tense report means the most recent Wednesday on or before the publication date (the
publication day itself when it is a Wednesday); a future cue in the clause ("will", "is to",
"next", "scheduled") means the next one on or after it. Without a publication date, relative
expressions keep unknown digits (``XXXX-XX-XX``).

Text rebuilt from tokens ("March 3 , 2009", "6:40 p.m.") is handled as well as running text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from ..model.document import Document, Timex
from ..model.labels import DOCUMENT_ANCHOR
from .base import silver

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
_NUMBER_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty"
)
NUMBERS: dict[str, float] = {w: i for i, w in enumerate(_NUMBER_WORDS.split(" "))}
NUMBERS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "hundred": 100})
NUMBERS.update({"a": 1, "an": 1, "one": 1, "a couple of": 2, "couple of": 2, "half a": 0.5})
VAGUE = {"several", "few", "a few", "many", "some", "recent", "coming", "past"}
UNITS = {
    "second": ("T", "S"),
    "minute": ("T", "M"),
    "hour": ("T", "H"),
    "day": ("", "D"),
    "week": ("", "W"),
    "month": ("", "M"),
    "year": ("", "Y"),
    "decade": ("", "DE"),
    "century": ("", "CE"),
}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "1st": 1,
    "2nd": 2,
    "3rd": 3,
    "4th": 4,
}
FUTURE_CUES = re.compile(
    r"\b(?:will|would|'ll|shall|is to|are to|to be|plans?|planned|scheduled|expected|due|"
    r"set to|going to|upcoming|next)\b",
    re.I,
)

# Month names are matched capitalised ("May", "MAY"), never as the verb "may".
_MONTH = (
    r"(?P<month>"
    + "|".join(f"{n.capitalize()}|{n.upper()}" for n in sorted(MONTHS, key=len, reverse=True))
    + r")\.?"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1[0-9]{3}|20[0-9]{2})"
_COMMA = r"\s?,?\s?"
_NUM_WORD = "|".join(sorted((re.escape(k) for k in NUMBERS), key=len, reverse=True))
_NUM = rf"(?P<num>\d+(?:\.\d+)?|{_NUM_WORD}|several|a few|few|many)"
_UNIT = r"(?P<unit>second|minute|hour|day|week|month|year|decade|centur(?:y|ie))s?"
_WEEKDAY = r"(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_POD = r"(?P<pod>morning|afternoon|evening|night)"
_CLOCK = (
    r"(?P<hour>[01]?\d|2[0-3])(?:[:.](?P<minute>[0-5]\d))?\s?"
    r"(?P<ampm>a\.?\s?m\.?|p\.?\s?m\.?|am\b|pm\b)?(?:\s?(?P<zone>UTC|GMT|EST|EDT|PST|PDT|CET))?"
)

Found = tuple[int, int, str, str]  # start, end, type, value
Rule = Callable[[re.Match[str], date | None, str], tuple[str, str] | None]


def _ymd(d: date | None) -> str:
    return "XXXX-XX-XX" if d is None else d.isoformat()


def _year_for(month: int, pub: date | None, clause: str, day: int = 15) -> str:
    """A month named without a year takes the publication year, unless that lands more than
    about six months after it in past-tense reporting (then the year before) or more than six
    months before it in future-tense reporting (then the year after)."""
    if pub is None:
        return "XXXX"
    months_after = (month - pub.month) + (day - pub.day) / 31
    if months_after > 6 and not FUTURE_CUES.search(clause):
        return f"{pub.year - 1:04d}"
    if months_after < -6 and FUTURE_CUES.search(clause):
        return f"{pub.year + 1:04d}"
    return f"{pub.year:04d}"


def _weekday(name: str, pub: date | None, clause: str) -> date | None:
    if pub is None:
        return None
    target = WEEKDAYS[name.lower()]
    if FUTURE_CUES.search(clause):
        return pub + timedelta(days=(target - pub.weekday()) % 7)
    return pub - timedelta(days=(pub.weekday() - target) % 7)


def _number(word: str) -> float | None:
    word = word.lower()
    if word in VAGUE or word.startswith(("several", "few", "a few", "many")):
        return None
    if word in NUMBERS:
        return NUMBERS[word]
    return float(word)


def _duration(num: str | None, unit: str) -> str:
    unit = unit.lower().rstrip("s").replace("centurie", "century")
    unit = {"min": "minute", "hr": "hour", "sec": "second"}.get(unit, unit)
    prefix, letter = UNITS[unit]
    n = None if num is None else _number(num)
    if n is None:
        amount = "X"
    elif n == int(n):
        amount = str(int(n))
    else:
        amount = f"{n:g}"
    if unit == "decade" and n is not None:
        return f"P{int(n * 10)}Y" if n == int(n) else f"P{amount}DE"
    return f"P{prefix}{amount}{letter}"


def _shift(pub: date, unit: str, n: int) -> str:
    unit = unit.lower().rstrip("s")
    if unit == "day":
        return (pub + timedelta(days=n)).isoformat()
    if unit == "week":
        y, w, _ = (pub + timedelta(weeks=n)).isocalendar()
        return f"{y:04d}-W{w:02d}"
    if unit == "month":
        m = pub.year * 12 + pub.month - 1 + n
        return f"{m // 12:04d}-{m % 12 + 1:02d}"
    if unit == "year":
        return f"{pub.year + n:04d}"
    if unit == "decade":
        return f"{(pub.year + 10 * n) // 10:03d}"
    return _ymd(pub)


# --- rules: (pattern, handler); the longest match wins where matches overlap -----------------


def _full_date(m: re.Match[str], pub: date | None, clause: str) -> tuple[str, str] | None:
    month, day = MONTHS[m["month"].lower()], int(m["day"])
    year = m["year"] or _year_for(month, pub, clause, day)
    try:
        if year.isdigit():
            date(int(year), month, day)
    except ValueError:
        return None
    return "DATE", f"{year}-{month:02d}-{day:02d}"


def _month_year(m: re.Match[str], pub: date | None, clause: str) -> tuple[str, str]:
    month = MONTHS[m["month"].lower()]
    year = m["year"] or _year_for(month, pub, clause)
    return "DATE", f"{year}-{month:02d}"


def _numeric_date(m: re.Match[str], pub: date | None, clause: str) -> tuple[str, str] | None:
    a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
    y = y + 2000 if y < 100 else y
    try:
        return "DATE", date(y, a, b).isoformat()  # US order, as in English news
    except ValueError:
        return None


def _iso_date(m: re.Match[str], pub: date | None, clause: str) -> tuple[str, str] | None:
    try:
        return "DATE", date.fromisoformat(m[0]).isoformat()
    except ValueError:
        return None


def _year(m: re.Match[str], pub: date | None, clause: str) -> tuple[str, str]:
    return "DATE", m["year"]


def _decade(m: re.Match[str], pub: date | None, clause: str) -> tuple[str, str]:
    return "DATE", m["dec"][:3]


def _short_decade(m: re.Match[str], pub: date | None, clause: str) -> tuple[str, str]:
    return "DATE", f"19{m['short'][0]}"


def _quarter(m: re.Match[str], pub: date | None, clause: str) -> tuple[str, str]:
    q = ORDINALS.get(m["ord"].lower(), 4) if m["ord"] else int(m["qn"])
    year = m["year"] or m["qyear"] or ("XXXX" if pub is None else f"{pub.year:04d}")
    if m["rely"] and pub is not None:
        shift = {"last": -1, "previous": -1, "next": 1}.get(m["rely"].lower(), 0)
        year = f"{pub.year + shift:04d}"
    return "DATE", f"{year}-Q{q}"


def _half(m: re.Match[str], pub: date | None, clause: str) -> tuple[str, str]:
    h = 1 if m["ord"].lower() == "first" else 2
    year = m["year"] or ("XXXX" if pub is None else f"{pub.year:04d}")
    return "DATE", f"{year}-H{h}"


def _season(m: re.Match[str], pub: date | None, clause: str) -> tuple[str, str]:
    year = m["year"] or ("XXXX" if pub is None else f"{pub.year:04d}")
    return "DATE", f"{year}-{SEASONS[m['season'].lower()]}"


def _weekday_rule(m: re.Match[str], pub: date | None, clause: str) -> tuple[str, str]:
    rel = (m["rel"] or "").lower()
    day = _weekday(m["weekday"], pub, "next" if rel == "next" else clause)
    if day is not None and rel == "last":
        day = day - timedelta(days=7) if day == pub else day
    value = _ymd(day)
    if m["pod"]:
        return "TIME", f"{value}T{PARTS_OF_DAY[m['pod'].lower()]}"
    return "DATE", value


def _deictic_day(m: re.Match[str], pub: date | None, clause: str) -> tuple[str, str]:
    word = m["word"].lower()
    shift = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[word]
    day = None if pub is None else pub + timedelta(days=shift)
    if word == "tonight":
        return "TIME", f"{_ymd(day)}TNI"
    if m["pod"]:
        return "TIME", f"{_ymd(day)}T{PARTS_OF_DAY[m['pod'].lower()]}"
    return "DATE", _ymd(day)


def _this_pod(m: re.Match[str], pub: date | None, clause: str) -> tuple[str, str]:
    return "TIME", f"{_ymd(pub)}T{PARTS_OF_DAY[m['pod'].lower()]}"


def _relative_unit(m: re.Match[str], pub: date | None, clause: str) -> tuple[str, str]:
    rel, unit = m["rel"].lower(), m["runit"].lower()
    n = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(rel.split()[0], 0)
    if pub is None:
        return "DATE", {"year": "XXXX", "month": "XXXX-XX", "week": "XXXX-WXX"}.get(
            unit, "XXXX-XX-XX"
        )
    if rel in ("past", "last") and unit in ("decade",):
        return "DURATION", "P10Y"
    if unit == "weekend":
        y, w, _ = (pub + timedelta(weeks=n)).isocalendar()
        return "DATE", f"{y:04d}-W{w:02d}-WE"
    if unit == "quarter":
        q = (pub.month - 1) // 3 + n
        return "DATE", f"{pub.year + (q // 4):04d}-Q{q % 4 + 1}"
    return "DATE", _shift(pub, unit, n)


def _later_this_year(m: re.Match[str], pub: date | None, clause: str) -> tuple[str, str]:
    if pub is None:
        return "DATE", "XXXX"
    return "DATE", f"{pub.year:04d}"


def _ago(m: re.Match[str], pub: date | None, clause: str) -> tuple[str, str] | None:
    n = _number(m["num"])
    if pub is None or n is None or n != int(n):
        return "DURATION", _duration(m["num"], m["unit"])
    return "DATE", _shift(pub, m["unit"], -int(n))


def _duration_rule(m: re.Match[str], pub: date | None, clause: str) -> tuple[str, str] | None:
    if m["num"].lower() in ("a", "an") and m["unit"].lower().startswith("second"):
        return None  # "a second A380", not a duration
    return "DURATION", _duration(m["num"], m["unit"])


def _adjectival_duration(m: re.Match[str], pub: date | None, clause: str) -> tuple[str, str]:
    return "DURATION", _duration(m["num"], m["unit"])


def _vague_duration(m: re.Match[str], pub: date | None, clause: str) -> tuple[str, str]:
    return "DURATION", _duration(None, m["unit"])


def _clock(m: re.Match[str], pub: date | None, clause: str) -> tuple[str, str] | None:
    if not (m["ampm"] or m["minute"] and m["zone"] or m["zone"]):
        return None
    hour = int(m["hour"])
    ampm = (m["ampm"] or "").replace(".", "").replace(" ", "").lower()
    if ampm == "pm" and hour < 12:
        hour += 12
    if ampm == "am" and hour == 12:
        hour = 0
    zone = "Z" if m["zone"] in ("UTC", "GMT") else ""
    return "TIME", f"{_ymd(pub)}T{hour:02d}:{int(m['minute'] or 0):02d}{zone}"


def _noon(m: re.Match[str], pub: date | None, clause: str) -> tuple[str, str]:
    return "TIME", f"{_ymd(pub)}T{'12:00' if m[0].lower() == 'noon' else '24:00'}"


def _set(m: re.Match[str], pub: date | None, clause: str) -> tuple[str, str]:
    word = m[0].lower().split()[-1]
    unit = {"annually": "year", "daily": "day", "weekly": "week"}.get(word)
    unit = unit or {"monthly": "month", "quarterly": "quarter", "hourly": "hour"}.get(word)
    unit = unit or word.rstrip("s")
    if unit == "quarter":
        return "SET", "P3M"
    return "SET", _duration("1", unit)


def _ref(m: re.Match[str], pub: date | None, clause: str) -> tuple[str, str]:
    word = m[0].lower()
    if word in ("at present", "nowadays"):
        return "DATE", "PRESENT_REF"
    return "DATE", "PAST_REF"


def _mid_year(m: re.Match[str], pub: date | None, clause: str) -> tuple[str, str]:
    return "DATE", m["year"]


RULES: list[tuple[re.Pattern[str], Rule]] = [
    (
        re.compile(
            rf"\b{_MONTH}\s{_DAY}(?:{_COMMA}{_YEAR})?\b(?!\s?(?:%|percent|million|billion))"
        ),
        _full_date,
    ),
    (re.compile(rf"\b{_DAY}\s(?:of\s)?{_MONTH}(?:{_COMMA}{_YEAR})?\b"), _full_date),
    (re.compile(rf"\b{_MONTH}(?:{_COMMA}(?:of\s)?{_YEAR})?\b(?!\s?\d)"), _month_year),
    (re.compile(r"\b(?P<a>1[0-2]|0?[1-9])/(?P<b>[0-3]?\d)/(?P<y>\d{2}|\d{4})\b"), _numeric_date),
    (re.compile(r"\b\d{4}-\d{2}-\d{2}\b"), _iso_date),
    (
        re.compile(
            r"\b(?:(?:early|mid|late)-?\s?|(?:fiscal|FY)\s?)?" + _YEAR + r"\b(?![\s-]?(?:\d|%))"
        ),
        _mid_year,
    ),
    (re.compile(r"\b(?:the\s)?(?P<dec>1[0-9]{2}0|20[0-9]0)'?s\b"), _decade),
    (re.compile(r"(?:\B'|\b)(?P<short>[2-9]0)'?s\b"), _short_decade),
    (
        re.compile(
            r"\b(?:the\s)?(?P<ord>first|second|third|fourth|final|last|1st|2nd|3rd|4th)[\s-]quarter"
            rf"(?:\s(?:of\s)?(?:{_YEAR}|(?:the\s)?(?P<rely>last|this|next|previous)\syear))?\b|\bQ(?P<qn>[1-4])(?:\s(?P<qyear>\d{{4}}))?\b",
            re.I,
        ),
        _quarter,
    ),
    (
        re.compile(rf"\b(?:the\s)?(?P<ord>first|second)[\s-]half(?:\s(?:of\s)?{_YEAR})?\b", re.I),
        _half,
    ),
    (
        re.compile(
            rf"\b(?:this\s|last\s|next\s)?(?P<season>spring|summer|autumn|winter)(?:\s(?:of\s)?{_YEAR})?\b",
            re.I,
        ),
        _season,
    ),
    (
        re.compile(rf"\b(?:(?P<rel>last|next|this)\s)?{_WEEKDAY}(?:\s{_POD})?\b", re.I),
        _weekday_rule,
    ),
    (
        re.compile(rf"\b(?P<word>today|yesterday|tomorrow|tonight)(?:\s{_POD})?\b", re.I),
        _deictic_day,
    ),
    (re.compile(rf"\b(?:this|earlier\sthis|later\sthis)\s{_POD}\b", re.I), _this_pod),
    (
        re.compile(
            r"\b(?P<rel>this|last|past|previous|next|coming|earlier\sthis|later\sthis)\s"
            r"(?P<runit>week|weekend|month|year|quarter|decade)\b",
            re.I,
        ),
        _relative_unit,
    ),
    (re.compile(rf"\b{_NUM}\s{_UNIT}\sago\b", re.I), _ago),
    (
        re.compile(
            rf"\b(?:(?:the|over\sthe)\s(?:past|last|next|coming|first)\s)?{_NUM}\s{_UNIT}\b", re.I
        ),
        _duration_rule,
    ),
    (re.compile(r"\b(?P<num>\d+)\s?(?P<unit>mins?|hrs?|secs?)\b"), _duration_rule),
    (
        re.compile(
            rf"\b(?P<num>\d+|{_NUM_WORD})-(?P<unit>second|minute|hour|day|week|month|year|decade)\b",
            re.I,
        ),
        _adjectival_duration,
    ),
    (
        re.compile(
            r"\b(?:for\s|over\s)?(?:the\s)?(?:past\s)?(?P<unit>year|month|decade|week)s\b", re.I
        ),
        _vague_duration,
    ),
    (re.compile(rf"\b{_CLOCK}", re.I), _clock),
    (re.compile(r"\b(?:noon|midnight)\b", re.I), _noon),
    (
        re.compile(
            r"\b(?:annually|daily|weekly|monthly|quarterly|hourly|"
            r"(?:every|each|per|a)\s(?:year|month|week|day))\b"
        ),
        _set,
    ),
    (
        re.compile(
            r"\b(?:at present|nowadays|recently|lately|in the past)\b(?!-)",
            re.I,
        ),
        _ref,
    ),
]


def find_timexes(text: str, published: date | None) -> list[Found]:
    """Temporal expressions of ``text`` with TIMEX3 type and value, non-overlapping."""
    found: list[Found] = []
    for pattern, rule in RULES:
        for m in pattern.finditer(text):
            clause = _clause(text, m.start())
            hit = rule(m, published, clause)
            if hit is not None:
                found.append((m.start(), m.end(), *hit))
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    kept: list[Found] = []
    for f in sorted(found, key=lambda f: (-(f[1] - f[0]), f[0])):
        if all(f[1] <= k[0] or k[1] <= f[0] for k in kept):
            kept.append(f)
    return sorted(kept)


_YEAR_IN = re.compile(r"\b\d{4}\b|/\d{2}\b")
_CLAUSE_BREAK = re.compile(r"[.;:!?\n]|\b(?:and|but|while|after|before)\b")


def _clause(text: str, pos: int) -> str:
    """The text from the last clause break before ``pos`` up to ``pos``: where tense cues are."""
    lo = max(0, pos - 120)
    window = text[lo:pos]
    breaks = list(_CLAUSE_BREAK.finditer(window))
    return window[breaks[-1].end() :] if breaks else window


class DateExtractor:
    """TIMEX3 dates, times, durations and sets, normalised against the publication date."""

    name = "dates"
    version = "1.0"
    layers = ("dates",)

    def predict(self, doc: Document) -> Document:
        pub = None
        if doc.meta.published is not None:
            pub = date.fromisoformat(doc.meta.published[:10])
        dates = []
        for k, (start, end, type_, value) in enumerate(find_timexes(doc.text, pub)):
            relative = type_ in ("DATE", "TIME") and not _YEAR_IN.search(doc.text[start:end])
            dates.append(
                Timex(
                    id=f"t{k + 1}",
                    start=start,
                    end=end,
                    text=doc.text[start:end],
                    type=type_,  # type: ignore[arg-type]
                    value=value,
                    anchor=DOCUMENT_ANCHOR if relative and "REF" not in value else None,
                )
            )
        return silver(doc, self, dates=dates)
