"""Calendar arithmetic and tense cues for resolving TIMEX3 values against a reference date.

News reports what happened, so an expression without a year or a direction ("on Monday",
"Oct. 23") is read in the tense of the words nearest to it: the closest past-tense cue ("said",
"was", "-ed") points back to the most recent such day, the closest future cue ("will", "is to",
"as early as") forward to the next one. Values keep ``X`` for what the text leaves open.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

PAST, FUTURE = -1, 1


# Tense cues, as lower-case words: a cue is a word, or a word and the next one ("is to").
def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# "could", "may", "must", "should" say what is possible or needed, not when: no cue
# ("effective Feb. 1": the day a change takes effect, announced ahead of it)
_FUTURE_WORDS = _words(
    "will 'll shall would planning scheduled slated expected due "
    "upcoming next starting begin begins payable effective "
    # the simple present of a fixture or a timetable: "plays again on Monday", "the House
    # returns on Tuesday", "the series starts on Friday", "takes effect on Jan. 1"
    "plays meets faces returns starts opens reopens resumes ends closes hosts visits arrives "
    "travels heads kicks goes takes turns leaves expires beginning wraps concludes airs "
    # the calendar of a speaker or a company: "Powell speaks in Jackson Hole on Friday"
    "testifies speaks announces unveils publishes poised expect expects expecting"
)
_FUTURE_PAIRS = frozenset(
    [tuple(pair.split("_")) for pair in _words("going_to is_to are_to to_be plan_to plans_to")]
    + [tuple(pair.split("_")) for pair in _words("set_to hope_to hopes_to intend_to intends_to")]
    # "rules take effect on Wednesday", "temperatures are forecast to stay below freezing"
    + [tuple(pair.split("_")) for pair in _words("take_effect forecast_to forecasts_to")]
    # "the tax, which comes into force on Sunday", "the ban goes into effect on Friday"
    + [(verb, "into") for verb in _words("come comes go goes")]
    # "the series moves to Arizona on Monday", "the board holds its next hearing on Thursday"
    # (not the state of "Ford, which holds a 12% stake")
    + [("moves", "to"), ("holds", "its"), ("holds", "his"), ("holds", "her"), ("hold", "their")]
    # "the solstice falls on Thursday", "the trial continues on Wednesday"
    + [("falls", "on"), ("continues", "on")]
    # "voters head to the polls on Tuesday" (as "heads" with a singular subject)
    + [("head", "to"), ("head", "for")]
    + [("expects", "to"), ("expect", "to")]
    # "the exhibition runs until 30 September", "the festival continues through Sunday": an
    # end still to come ("runs" alone may be a noun: "two home runs on Saturday")
    + [
        (verb, until)
        for verb in _words("run runs continue continues")
        for until in ("until", "till", "through")
    ]
    + [("as", "soon"), ("as", "early")]
    # a plan in the present passive, as "is scheduled for Monday": "are planned for Monday",
    # "is set for Tuesday" ("planned" and "set" alone may be past tenses)
    + [(be, verb) for be in ("is", "are") for verb in ("planned", "set")]
    + [
        ("to", verb)
        for verb in _words(
            "meet visit hold vote begin start open sign decide announce return leave arrive "
            "travel go take make"
        )
    ]
)
_PAST_WORDS = _words(
    "said says told was were had did ago last earlier came went began took made met left held "
    "gave won lost fell rose saw became got hit died killed found sent spoke wrote ran "
    # irregular past tenses common in news reports (those that are also presents, "put",
    # "set", "cut", "read", are left out)
    "brought bought sold paid led kept thought felt fought caught built spent meant heard "
    "stood chose drove threw grew knew drew flew shot struck fled sought broke stole swore "
    "withdrew overcame forgot shook sank hung stuck understood arose lent taught wore woke "
    "tore swept dealt fed bled lit slid spun swung wept crept leapt dug hid rode froze forgave "
    "clung flung stung sprang sang rang swam drank shrank mistook undertook overtook withheld "
    "upheld sat slept knelt sped blew ate underwent oversaw foresaw rebuilt retook strode shone "
    "awoke overthrew"
)
_BE_PAST = _words("was were")
_NOT_A_GERUND = _words("morning evening spring nothing something anything everything")
# "beginning Monday", "beginning next week", "beginning on Jan. 1": a start still to come
_FROM_WHEN = _words("on in at next this")
_NOT_PAST = _words("planned scheduled expected proposed needed")
_MODALS = _words("may might should must can could")
# a fixture in the simple present with a plural subject (as "plays" with a singular one)
_FIXTURE_PLURALS = _words(
    "play meet face host visit return resume arrive travel open reopen vote go fly end"
)
# a company's results in the present are still to come, as nouns ("press releases") they are not
_REPORTS = _words("reports releases reviews")
_LEFT_ONLY = _words("after expect expects")  # cues only for what follows them
_REPORTERS = _words("which who it he she")
_NEGATION = _words("not never did didn't don't")
# "last" marks the past as the adjective ("met last week"); before these it is the verb, in
# the present or after a modal ("is set to begin on Monday and last until Friday")
_LAST_VERB_BEFORE = _words("until till through into beyond")
_CUE_WORDS = (
    _FUTURE_WORDS
    | _PAST_WORDS
    | _MODALS
    | _FIXTURE_PLURALS
    | _REPORTS
    | {first for first, _ in _FUTURE_PAIRS}
    | {"after"}
)
# whole words: a capitalised one is a name or starts a sentence, never a cue ("Mohamed",
# "United" are no past tenses)
_WORD = re.compile(r"[A-Za-z']+(?:-[A-Za-z']+)*")
# where a sentence (or clause) ends: ". ", "! ", "? ", "; " or a new line; two breaks never
# overlap, so the last one to start is also the last one to end
_BREAK = re.compile(r"[.!?;] |\n")
_CLAUSE_BREAK = re.compile(r"[.!?;,] |\n| (?:and|but|which|who|while|where) ")
# the full stop of an abbreviation, no break: one that a lower-case word or a number follows
# ("the 8 p.m. curfew", "Nov. 24"), that of initials ("U.S. Secretary", "Anthony M.
# Kennedy") or a title ("Gen. Smith"), and that of "a.m." or "p.m." before a day or a zone
# ("from 6 p.m. Saturday")
_TITLES = (
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "St",
    "Mt",
    "Ft",
    "Gen",
    "Sen",
    "Rep",
    "Gov",
    "Lt",
    "Col",
    "Sgt",
)
_ABBREVIATION = re.compile(
    r"\.\s(?:[a-z\d]|(?<=[ap]\.m\.\s)(?:\(|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|"
    r"[A-Z]{2,4}\b))|(?<=\.[A-Z])\.\s|(?<=\s[A-Z])\.\s(?=[A-Z])"
    + "".join(rf"|(?<=\b{title})\.\s" for title in _TITLES)
)


def _is_break(text: str, m: re.Match[str]) -> bool:
    """Whether a break found by the patterns above ends a sentence or clause."""
    return not (text[m.end() - 2 : m.end()] == ". " and _ABBREVIATION.match(text, m.end() - 2))


def _next_break(pattern: re.Pattern[str], text: str, pos: int, hi: int) -> re.Match[str] | None:
    while (m := pattern.search(text, pos, hi)) is not None and not _is_break(text, m):
        pos = m.end()
    return m


def same_sentence(text: str, lo: int, hi: int) -> bool:
    """Whether no sentence ends between ``lo`` and ``hi``."""
    return _next_break(_BREAK, text, lo, hi) is None


_COORDINATORS = _words("and but")
# "The film, which Disney has refused to distribute, is expected [...] in November": a relative
# clause closed before the expression tells of something else, and its verbs are not the cue
_RELATIVE_CLAUSE = re.compile(
    r", (?:which|who|whom|whose) [^,.;]*,(?= (?:is|are|was|were|has|have|had|will|would|can|"
    r"could|may|might|must|should|shall|did|does|do)\b)"
)
_AHEAD_OF = re.compile(r"(?<![A-Za-z])[Aa]head\sof\s(?:the\s)?\Z")
# "ahead of" an event and the rest of its clause ("U.S." does not end it); not "ahead of
# schedule", nor "finished ahead of Brazil"
_AHEAD_OF_PHRASE = re.compile(
    r"(?<![A-Za-z])[Aa]head\sof\s(?:(?:a|an|the|this|next|his|her|its|their)\s)?"
    r"(?:[\w'-]+\s){0,2}?(?:meeting|talks|summit|vote|election|referendum|visit|trip|match|"
    r"game|final|deadline|hearing|trial|ruling|verdict|decision|announcement|release|report|"
    r"data|speech|debate|launch|opening|ceremony|conference|negotiations|session|parade)s?\b"
    r"((?:[^,.;:!?\n]|(?<=[A-Z])\.)*)\Z"
)
_PART_OF = _words("early late mid")  # the modifiers that may stand before an expression
_MOVED_TO = re.compile(r"(?<![A-Za-z])(?:to|until|till|through|for|from)\s(?:the\s)?\Z", re.I)
_DEFERRAL = re.compile(
    r"(?<![A-Za-z])(?:postpon|delay|defer|adjourn|reschedul|push(?:ed|es|ing)?\sback|"
    r"put\soff|moved\s|moves\s|brought\sforward|extend|suspend)",
    re.I,
)
# "Cyprus has until Monday to raise the money", "police were given until Wednesday": a
# deadline, still to come
_UNTIL = re.compile(r"(?<![A-Za-z])(?:until|till|through)\s(?:the\s)?\Z", re.I)
_DEADLINE = re.compile(r"(?<![A-Za-z])(?:has|have|given|gets?|got)\s(?:until|till)\s\Z")
# "closed until at least Wednesday": an end not yet known, still to come
_OPEN_END = re.compile(r"(?<![A-Za-z])(?:until|till|through)\sat\sleast\s\Z")
# "Game 2 is Saturday", "the vote is on Tuesday": the present of "be" right before a date is
# a timetable, still to come
_TIMETABLE = re.compile(r"(?<![A-Za-z])(?:is|are)\s(?:on\s)?\Z")
_PLAN = re.compile(r"(?<![A-Za-z])(?:forecast|predicted)\s", re.I)
# "urged residents to stay indoors until Friday", "agreed to keep the border shut through
# Sunday": the end of what someone was asked or agreed to do comes after they were asked
_DIRECTED = re.compile(
    r"(?<![A-Za-z])(?:urg|told|tell|ask|order|advis|warn|instruct|encourag|allow|permit|requir|prompt|"
    r"forc|expect|plan|decid|agree|promis|vow|intend|want|chose|choos|opt)[a-z]*\s"
    r"(?:[\w'’-]+\s){0,4}?to\s(?!(?:the|a|an|his|her|their|its|our|this|that)\s)[a-z]+\s",
    re.I,
)
_OPENS_A_SUBJECT = _words("that said says")
_HAD = re.compile(r"(?<![A-Za-z])had\s", re.I)
# a weekday named with another just before it ("Friday and Saturday", "Monday or Tuesday
# night") is read in that one's tense, which the words before the first decide
_COORDINATED_DAY = re.compile(
    r"(?<![A-Za-z])(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day(?:\s(?:morning|afternoon|evening|"
    r"night))?(?:,|\sand|\sor|\sand\son|\sor\son|\sthrough|\sto)\s\Z"
)
# "will announce the details at 8:30 a.m. EDT on Thursday": a day named after a clock time
# takes the time's tense, as it would written together with it ("8:30 a.m. Thursday")
_TIME_ON = re.compile(
    r"(?<![\w:.])(?:\d{1,2}(?:[:.]\d\d)?\s?(?:[ap]\.\s?m\.|[ap]m\b|[AP]\.?M\b\.?)|[012]\d[0-5]\d\s(?:GMT|UTC)|"
    r"noon|midnight|midday)(?:\s(?:\(?[A-Z0-9][\w'+-]*\)?|local|time|ship's)){0,3}\son\s\Z"
)
# "Beginning Monday, the bus will run ...": a sentence opened by the start of a change to come
# (capitalised, no cue word; in the middle of a sentence "beginning" and "starting" are cues)
_OPENING_START = re.compile(
    r"(?:^|(?<=[\n\"“(])|(?<=\. ))(?:Beginning|Starting|Effective)\s(?:on\s)?\Z"
)
_COORDINATED_REACH = 3  # weekdays walked back, at most ("Monday, Tuesday and Wednesday")
_FUTURE_REACH = 40  # characters: a future cue farther away belongs to another clause
_AFTER_PENALTY = 15  # a cue before the expression governs it more often than one after


def _cue(words: list[str], k: int) -> int | None:
    """The tense that ``words[k]`` (with its neighbours) marks, if any, for a word that is a
    cue or ends in "-ed". A participle after "be" or "been" ("should be completed", "is to be
    held") is not a past cue, nor is "was" or "were" before a plan ("were planning to")."""
    word = words[k]
    if word == "after":
        # "will become president after winning Tuesday's election": done before, in the past
        then = words[k + 1] if k + 1 < len(words) else ""
        return PAST if then.endswith("ing") and then not in _NOT_A_GERUND else None
    if word == "beginning" and k + 1 < len(words) and words[k + 1] not in _FROM_WHEN:
        return None  # "the very beginning of the year": a noun
    if word in _FUTURE_WORDS:
        if word == "next" and (words[k + 1 : k + 2] == ["to"] or _after_determiner(words, k)):
            return None  # "next to the embassy": a place; "chose her as the next speaker"
        if k and (words[k - 1] == "had" or words[k - 2 : k] == ["had", "been"]):
            return PAST  # "had been due to expire Friday": a plan already past
        return FUTURE
    if k + 1 < len(words) and (word, words[k + 1]) in _FUTURE_PAIRS:
        if word == "head" and words[k + 2 : k + 3] == ["head"]:
            return None  # "went head to head": an idiom, no movement
        return FUTURE
    if (
        word in _REPORTS
        and k
        and (
            words[k - 1] in _REPORTERS
            or (k > 1 and words[k - 1][0].isupper())
            or words[k + 1 : k + 2] in (["its"], ["their"])
        )
    ):
        # "JPMorgan, which reports on Wednesday", "Nvidia reports its results on Wednesday";
        # not "News reports on Monday" (a capital that opens the clause is no name)
        return FUTURE
    if word in _FIXTURE_PLURALS:
        before = words[k - 1] if k else ""
        if (
            before in _NOT_A_FIXTURE_AFTER
            or before in _BEFORE_BASE_FORM
            or words[k + 1 : k + 2] == ["of"]
        ):
            # "the visit on Monday", "did not play on Monday", "stores were open on Monday",
            # "the far end of the hall", "a deal to end the strike": a noun, a past, an
            # adjective, an infinitive
            return None
        return FUTURE  # "Rovers face Liverpool on Saturday"
    # "could" is also the past of "can": only before an active verb is it what may come
    # ("outages could last into Tuesday", not "could be located on Wednesday")
    if (
        word in _MODALS
        and k + 1 < len(words)
        and words[k + 1] != "have"
        and (words[k + 1] != "not" or word not in ("could", "can"))
        and (word != "could" or words[k + 1] != "be")
    ):
        return FUTURE
    if word == "last" and k + 1 < len(words) and words[k + 1] in _LAST_VERB_BEFORE:
        return None
    if word in _PAST_WORDS or (len(word) > 3 and word.endswith("ed") and word not in _NOT_PAST):
        if k and (words[k - 1] in _AUXILIARY or words[k - 1] in _BEFORE_BASE_FORM):
            return None
        if word in _BE_PAST and k + 1 < len(words) and words[k + 1] in _FUTURE_WORDS:
            return None  # "were planning to", "was expected to": the plan is the cue
        if word.endswith("ed") and (
            _after_determiner(words, k) or (k and words[k - 1] in _PREPOSITIONS)
        ):
            return None  # "a still unspecified date", "will meet in closed session"
        return PAST
    return None


# "to be held", "should be completed", "is closed", "will remain closed": a participle after
# these is passive or an adjective, no past tense
_AUXILIARY = _words("be been being is are remain remains stay stays")
# "to hit the coast late Tuesday", "would last through the weekend": after these a verb is in
# its base form, which some past tenses share ("hit", "last" also mark the past)
_BEFORE_BASE_FORM = _words("to will would could can may might must should shall")
# "a still unspecified date", "the recently passed law": an "-ed" word after a determiner (and
# at most one adverb) is an adjective, not a verb in the past tense
_DETERMINERS = _words("a an the this that these those its their his her our your my no each every")


# "in closed session", "with reduced service": an "-ed" word after these is an adjective
_PREPOSITIONS = _words("in on at of with for from into under over about than as")
_NOT_A_FIXTURE_AFTER = _DETERMINERS | _NEGATION | _AUXILIARY | _BE_PAST


def _after_determiner(words: list[str], k: int) -> bool:
    if k and words[k - 1] in _DETERMINERS:
        # "benefits that expired Dec. 28", "a strike that ended on Monday": before the
        # expression or a preposition, "that" opens a clause and the word is its verb
        after = words[k + 1] if k + 1 < len(words) else None
        return words[k - 1] != "that" or (after is not None and after not in _PREPOSITIONS)
    adverb = k > 1 and (words[k - 1].endswith("ly") or words[k - 1] == "still")
    return adverb and words[k - 2] in _DETERMINERS


def _clause_start(text: str, start: int) -> int:
    """Where the sentence (or clause) holding ``start`` begins, at most 80 characters back:
    after the last break before it (looked for from the end, as ``_BREAK`` finds them)."""
    lo = max(0, start - 80)
    while True:
        stop = max(
            text.rfind(". ", lo, start),
            text.rfind("! ", lo, start),
            text.rfind("? ", lo, start),
            text.rfind("; ", lo, start),
        )
        line = text.rfind("\n", lo, start)
        if line > stop:
            return line + 1
        if stop < 0:
            return lo
        if text[stop] != "." or not _ABBREVIATION.match(text, stop):
            return stop + 2
        start = stop  # an abbreviation: the break is before it


def _done_by(words: list[str]) -> bool:
    """Whether ``words`` hold a past perfect ("had filed") or a past passive ("was used"): an
    action completed by the time that follows "by"."""
    for k in range(len(words) - 1):
        first, then = words[k], words[k + 1]
        if first == "had" and (then.endswith("ed") or then in _PAST_WORDS or then == "been"):
            return True
        if first in ("was", "were") and then.endswith("ed") and then not in _NOT_PAST:
            return True
    return False


def _maybe_cues(words: list[str]) -> list[int]:
    """The indices of the words that may mark a tense (most words: one look-up each)."""
    cues = _CUE_WORDS
    return [
        k
        for k, word in enumerate(words)
        if word in cues
        or (
            word.endswith("ed")
            and not word[0].isupper()
            and ("-" not in word or _PREFIXED.match(word))
        )
    ]


# "re-elected", "co-hosted": a verb; "rebel-held", "Iran-backed", "long-awaited": an adjective
_PREFIXED = re.compile(r"(?:re|co|pre|un|mis|out|over|under)-")


def _future_before(text: str, end: int) -> bool:
    """Whether the sentence part before ``end`` (at most 80 characters) holds a future cue. A
    verb that may be a noun ("travel") tells too little this far from the expression."""
    opens = _clause_start(text, end)
    words = _WORD.findall(text, opens, end)
    if opens and text[opens - 1].isalpha():
        del words[:1]  # the end of a word cut off
    return any(
        _cue(words, k) == FUTURE and words[k] not in _FIXTURE_PLURALS for k in _maybe_cues(words)
    )


def tense(text: str, start: int, end: int) -> int | None:
    """``PAST``, ``FUTURE`` or None: the tense cue nearest to ``text[start:end]`` within its
    sentence (a bounded window on each side, so the cost does not grow with the text). A
    future cue counts only near the expression: far from it, it belongs to another clause
    ("they said they would look for ways around Wednesday's ruling"), unless no other cue
    is found ("will be named commander of the shuttle for a mission in December")."""
    for _ in range(_COORDINATED_REACH):  # "forecast for Friday and Saturday": as Friday
        lo = max(0, start - 32)
        if "day" not in text[lo:start]:  # most expressions: a slice, not a search
            break
        if (day := _COORDINATED_DAY.search(text, lo, start)) is None:
            break
        start = day.start()
    if text[start - 3 : start] == "on " and (
        time := _TIME_ON.search(text, max(0, start - 48), start)
    ):
        start = time.start()
    before = text[max(0, start - 16) : start]  # most expressions: no search below runs
    if "ince " in before and after_since(text, start):
        return PAST  # "under house arrest since Monday"
    if ("ing " in before or "ive " in before) and _OPENING_START.search(
        text, max(0, start - 16), start
    ):
        return FUTURE
    if "least " in before and _OPEN_END.search(text, max(0, start - 16), start):
        return FUTURE
    if _AHEAD_OF.search(text, max(0, start - 14), start):
        return FUTURE  # "ahead of Tuesday's primaries", "ahead of the March 5 deadline"
    lo = max(0, start - 80)
    if "head of" in text[lo:start] and (ahead := _AHEAD_OF_PHRASE.search(text, lo, start)):
        # "ahead of a meeting between officials in Riyadh on Tuesday": the day is the event's,
        # still to come, unless a verb between tells otherwise ("ahead of talks that ended")
        between = _WORD.findall(ahead[1])
        if not _maybe_cues(between):
            return FUTURE
    if moved := _MOVED_TO.search(text, max(0, start - 10), start):
        # "was postponed until Friday", "adjourned the case to March 3", "rain was forecast for
        # Friday", "urged residents to stay indoors until Friday": the date of what was put off,
        # foreseen or asked for lies ahead, unless the clause tells of it as past ("had been
        # delayed")
        if _DEADLINE.search(text, max(0, start - 12), start):
            return FUTURE
        clause = text[_clause_start(text, start) : start]
        kind = moved[0][:2].lower()
        plan = (
            (kind != "fr" and _DEFERRAL.search(clause))  # not "postponed from Friday"
            or (kind in ("fo", "fr") and _PLAN.search(clause))
            or (kind in ("un", "ti", "th") and _DIRECTED.search(clause))
        )
        if plan and not _HAD.search(clause):
            return FUTURE
    if (
        text[max(0, start - 3) : start].lower() == "by "
        and not text[start - 4 : start - 3].isalpha()
    ):
        # "by May", "by Jan. 14": a deadline, unless the clause says it was met ("had filed
        # their reports by Wednesday", "was used a million times by Thursday"); what was
        # asked ("were ordered to surrender by Monday") is the deadline of what follows it
        clause = text[_clause_start(text, start) : start]
        if asked := list(_DIRECTED.finditer(clause)):
            clause = clause[asked[-1].end() :]
        return PAST if _done_by(_WORD.findall(clause.lower())) else FUTURE
    if ("is " in before or "are " in before) and _TIMETABLE.search(text, max(0, start - 8), start):
        return FUTURE
    best: tuple[int, int] | None = None
    far_future = False
    far_at = 0  # where the nearest far future cue is
    wide = max(0, start - 160)  # a clause that opens before the 80 characters read
    opens = -1  # where the words read begin in ``text``, if they are read from it
    if text.find(", wh", wide, start) >= 0 and (
        (bare := _RELATIVE_CLAUSE.sub(",", text[wide:start])) != text[wide:start]
    ):
        left = _WORD.findall(bare, _clause_start(bare, len(bare)))
    else:
        opens = _clause_start(text, start)
        left = _WORD.findall(text, opens, start)
    while left and left[-1].lower() in _PART_OF:
        left.pop()  # "early January": the cue's distance is to the whole expression
    if left and left[-1] in _OPENS_A_SUBJECT and text[end : end + 2] in ("'s", "’s"):
        # "announced that Sunday's final round will begin at 7:30 a.m.": the day's clause
        # opens with it, and its verb comes after
        left = []
    for k in reversed(_maybe_cues(left)):  # nearest first
        kind = _cue(left, k)
        if kind is None:
            continue
        distance = sum(map(len, left[k + 1 :])) + len(left) - k - 1  # the words between, spaced
        if kind == FUTURE and distance > _FUTURE_REACH:
            if not far_future:
                far_future, far_at = True, k
        elif (
            far_future
            and kind == PAST
            and (
                _COORDINATORS.intersection(left[k + 1 : far_at])
                or (
                    text[end : end + 2] not in ("'s", "’s")
                    and not _COORDINATORS.intersection(left[far_at + 1 :])
                )
            )
        ):
            # "clinched the title last weekend and will complete the season [...] on Sunday":
            # the past tense is another clause's
            best = (distance, FUTURE)
            break
        else:
            best = (distance, kind)
            break
    if best is None and not far_future and opens == start - 80:
        # no cue in the 80 characters read and no break in them: the clause opens before
        far_future = _future_before(text, opens)  # "can clinch [...] at Twickenham on Saturday"
    if best is None or best[0] > _AFTER_PENALTY:  # a cue after can still be nearer
        hi = min(len(text), end + 50)
        # with a cue before it, the expression's clause is that cue's: one after a comma or a
        # conjunction is another clause's ("will meet on Friday, an official said")
        brk = _next_break(
            _BREAK if best is None and not far_future else _CLAUSE_BREAK, text, end, hi
        )
        if brk is not None:
            hi = brk.start()
        right = _WORD.findall(text, end, hi)
        for k in _maybe_cues(right):
            distance = _AFTER_PENALTY + sum(map(len, right[:k])) + k
            if best is not None and distance >= best[0]:
                break
            # "after winning" tells of what follows it, not of an expression before it, nor
            # does an expectation ("for the quarter ended Jan. 31 the chain expects a loss")
            # or a purpose ("beat Atletico on Sunday to stay top"), save that of a time given
            # ("has until Tuesday to sign")
            word = right[k]
            if word in _LEFT_ONLY or (
                word == "to" and not _UNTIL.search(text, max(0, start - 10), start)
            ):
                continue
            kind = _cue(right, k)
            if kind == FUTURE and distance > _FUTURE_REACH // 2 + 15:
                far_future = True  # "On Friday, the Commerce Department will release ..."
            elif kind is not None:
                best = (distance, kind)
                break
    if best is None and far_future:
        return FUTURE  # a future cue, far, and nothing nearer: the clause is still future
    return None if best is None else best[1]


def ymd(d: date | None) -> str:
    return "XXXX-XX-XX" if d is None else d.isoformat()


def year_of(
    month: int,
    day: int | None,
    pub: date | None,
    direction: Callable[[], int | None],
    since: Callable[[], bool],
) -> str:
    """The year of a month (and day) named without one. News looks back more than ahead: a
    month up to four months after the publication date or seven before it is in the
    publication year (next year's if the clause is in the future and it is more than half a
    month back); later than that, it is last year's (unless the clause is in the future),
    earlier, next year's (unless the clause is in the past). After "since" it is
    the last such month or day on or before the publication date. ``direction`` and
    ``since`` are only asked (they read the text) when the answer depends on them."""
    if pub is None:
        return "XXXX"
    if since():
        return f"{pub.year - ((month, day or 1) > (pub.month, pub.day)):04d}"
    months_after = (month - pub.month) + ((day or 15) - pub.day) / 31
    if -_AHEAD < months_after < _BACK:
        if months_after < -_GONE and direction() == FUTURE:
            return f"{pub.year + 1:04d}"  # an event to come, over half a month back (T6)
        return f"{pub.year:04d}"
    tense = direction()
    if months_after >= _BACK:
        return f"{pub.year - (tense != FUTURE):04d}"
    return f"{pub.year + (tense != PAST):04d}"


_BACK, _AHEAD = 4.5, 7.5  # months after / before the publication date read in its own year
# months: farther back, a month the clause says is to come is next year's ("will open on
# Aug. 9", said on Aug. 31); nearer, it may be under way ("is to run from January 23",
# said on January 28)
_GONE = 0.5


def after_since(text: str, start: int) -> bool:
    """Whether "since" stands right before ``start``: what follows it is past."""
    return _SINCE.search(text, max(0, start - 12), start) is not None


_SINCE = re.compile(r"(?<![A-Za-z])[Ss]ince\s(?:(?:early|late|mid)[\s-])?\Z")


def weekday_date(target: int, pub: date | None, direction: int | None) -> date | None:
    """The day of the week ``target`` (Monday 0) nearest the publication date in the direction
    of the tense; the publication day itself when it is that day."""
    if pub is None:
        return None
    if direction == FUTURE:
        return pub + timedelta(days=(target - pub.weekday()) % 7)
    return pub - timedelta(days=(pub.weekday() - target) % 7)


_POINT = re.compile(
    r"^(?P<y>\d{4})(?:-(?:(?P<m>\d{2})(?:-(?P<d>\d{2}))?|Q(?P<q>[1-4])|W(?P<w>\d{2})|H(?P<h>[12])))?$"
)


def shift(value: str, unit: str, n: int, coarse: bool = False) -> str | None:
    """``value`` (a point: decade, year, month, day, quarter, half or ISO week) moved by ``n``
    units, kept at its own granularity when that is finer than the unit (``1989-Q3`` minus a
    year is ``1988-Q3``); None when the value is not such a point, or when the move leaves the years
    TIMEX3 writes."""
    try:
        moved = _shift(value, unit, n, coarse)
    except (OverflowError, ValueError):  # a date before year 1 or after 9999
        return None
    return moved if moved is None or in_calendar(moved) else None


def _shift(value: str, unit: str, n: int, coarse: bool = False) -> str | None:
    if unit == "decade" and len(value) == 3 and value.isdigit():  # "the 1990s ... a decade later"
        k = int(value) + n
        return f"{k:03d}" if 0 <= k <= 999 else None
    m = _POINT.match(value)
    if m is None:
        return None
    if coarse:
        moved = shift(value, unit, n)
        if moved is not None and unit == "week" and m["d"]:  # "the following week": a week
            iy, iw, _ = date.fromisoformat(moved).isocalendar()
            return f"{iy:04d}-W{iw:02d}"
        return None if moved is None else truncate(moved, unit)
    y = int(m["y"])
    if unit == "decade":
        unit, n = "year", 10 * n
    if m["d"]:
        d = date(y, int(m["m"]), int(m["d"]))
        if unit == "day":
            return (d + timedelta(days=n)).isoformat()
        if unit == "week":
            return (d + timedelta(weeks=n)).isoformat()
        if unit == "month":
            return _month_day(y, int(m["m"]) + n, d.day)
        if unit == "year":
            return _month_day(y + n, int(m["m"]), d.day)
        return None
    if m["m"]:
        if unit == "month":
            k = y * 12 + int(m["m"]) - 1 + n
            return f"{k // 12:04d}-{k % 12 + 1:02d}"
        return f"{y + n:04d}-{m['m']}" if unit == "year" else None
    if m["q"]:
        if unit == "quarter":
            k = y * 4 + int(m["q"]) - 1 + n
            return f"{k // 4:04d}-Q{k % 4 + 1}"
        return f"{y + n:04d}-Q{m['q']}" if unit == "year" else None
    if m["h"]:
        return f"{y + n:04d}-H{m['h']}" if unit == "year" else None
    if m["w"]:
        if unit == "week":
            d = date.fromisocalendar(y, int(m["w"]), 1) + timedelta(weeks=n)
            iy, iw, _ = d.isocalendar()
            return f"{iy:04d}-W{iw:02d}"
        return f"{y + n:04d}-W{m['w']}" if unit == "year" else None
    return f"{y + n:04d}" if unit == "year" else None


WHOLE_YEAR = "whole year"  # a grain: the year alone, even of a quarter ("the full year")


def truncate(value: str, unit: str) -> str:
    """``value`` cut to the granularity of ``unit`` (a day stays a day for a week; a quarter
    stays a quarter for a year, and becomes its year for ``WHOLE_YEAR``)."""
    if unit == WHOLE_YEAR:
        return value[:4]
    if unit == "year":  # a quarter or half a year before stays one: "the year-ago quarter"
        return value[:7] if value[5:6] in ("Q", "H") else value[:4]
    if unit == "month" and len(value) >= 7 and value[5:6].isdigit():
        return value[:7]
    if unit == "quarter" and len(value) in (7, 10) and value[5:7].isdigit():
        return f"{value[:4]}-Q{(int(value[5:7]) - 1) // 3 + 1}"
    return value


def _month_day(y: int, m: int, d: int) -> str:
    y, m = y + (m - 1) // 12, (m - 1) % 12 + 1
    for day in (d, 30, 29, 28):
        try:
            return date(y, m, day).isoformat()
        except ValueError:
            continue
    return f"{y:04d}-{m:02d}"


def relative(pub: date | None, unit: str, n: int) -> str:
    """The ``unit`` (day, week, weekend, month, quarter, half, year, decade, century) that lies
    ``n`` units from the publication date, at that unit's granularity. Beyond the years TIMEX3
    writes (0000-9999: "3,000 years ago" said in 2022), the past or the future."""
    try:
        value = _relative(pub, unit, n)
    except (OverflowError, ValueError):  # a date before year 1 or after 9999
        value = None
    if value is None or not in_calendar(value):
        return "PAST_REF" if n < 0 else "FUTURE_REF"
    return value


def in_calendar(value: str) -> bool:
    """Whether a point value's year (decade, century) is one TIMEX3 can write: no minus sign,
    no fifth digit."""
    return value[:1] != "-" and not (len(value) > 4 and value[:5].isdigit())


def _relative(pub: date | None, unit: str, n: int) -> str | None:
    if pub is None:
        return {
            "year": "XXXX",
            "month": "XXXX-XX",
            "week": "XXXX-WXX",
            "weekend": "XXXX-WXX-WE",
            "quarter": "XXXX-QX",
            "decade": "XXX",
            "century": "XX",
        }.get(unit, "XXXX-XX-XX")
    if unit == "day":
        return (pub + timedelta(days=n)).isoformat()
    if unit in ("week", "weekend"):
        y, w, _ = (pub + timedelta(weeks=n)).isocalendar()
        return f"{y:04d}-W{w:02d}" + ("-WE" if unit == "weekend" else "")
    if unit == "month":
        k = pub.year * 12 + pub.month - 1 + n
        return f"{k // 12:04d}-{k % 12 + 1:02d}"
    if unit == "quarter":
        k = pub.year * 4 + (pub.month - 1) // 3 + n
        return f"{k // 4:04d}-Q{k % 4 + 1}"
    if unit == "half":
        k = pub.year * 2 + (pub.month - 1) // 6 + n
        return f"{k // 2:04d}-H{k % 2 + 1}"
    if unit == "decade":  # three digits: a fourth would make it a year ("1000")
        k = pub.year // 10 + n
        return f"{k:03d}" if 0 <= k <= 999 else None
    if unit == "century":
        k = pub.year // 100 + n
        return f"{k:02d}" if 0 <= k <= 99 else None
    return f"{pub.year + n:04d}"
