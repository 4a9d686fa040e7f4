"""Vocabulary of the synthetic news: invented people and organisations, real places, and the
characters that break naive code (NBSP, curly quotes, combining marks, emoji, right-to-left
script)."""

from __future__ import annotations

NBSP = "\u00a0"


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split("|"))


FIRST_NAMES = _words(
    "Anna|José|Zoë|Łukasz|Mei|Olusegun|Dmitry|Chloé|Noor|Søren|Aiko|Mateus|Ines|Kwame|Ömer|Priya"
)
SURNAMES = _words(
    "Kovalenko|Muñoz|Okafor|Nguyễn|Schröder|Haddad|Ivanova|O\u2019Neill|Dubois|Sato|Mbeki"
    "|Lindqvist|Castañeda|Petrov|Abiodun|Kowalczyk"
)
# Written with a combining acute accent (e + U+0301), not the precomposed letter.
COMBINING_NAMES = ("Rene\u0301e Marchand", "Jose\u0301 Be\u0301rrios")
# Hebrew and Arabic newspaper and broadcaster names (right-to-left script).
RTL_ORGS = (
    "\u05d4\u05d0\u05e8\u05e5",
    "\u0627\u0644\u062c\u0632\u064a\u0631\u0629",
    "\u0627\u0644\u0623\u0647\u0631\u0627\u0645",
    "\u05d9\u05d3\u05d9\u05e2\u05d5\u05ea",
)
PLACES = (
    ("Kyiv", "Q1899"),
    ("São Paulo", "Q174"),
    ("Québec", "Q176"),
    ("Zürich", "Q72"),
    ("Reykjavík", "Q1764"),
    ("Kraków", "Q31487"),
    ("Ankara", "Q3640"),
    ("Lagos", "Q8673"),
    ("Tbilisi", "Q994"),
    ("Montréal", "Q340"),
    ("Bogotá", "Q2841"),
    ("Ho Chi Minh City", "Q1854"),
)
ORG_STEMS = _words("Northwind|Helios|Meridian|Aurora|Vantage|Keystone|Tessera|Borealis")
ORG_KINDS = _words("Energy|Holdings|Institute|Shipping|Council|Bank")
NORPS = _words("Ukrainian|Brazilian|Québécois|Nigerian|Georgian|Turkish|Icelandic")

QUOTE_CONTENTS = _words(
    "the talks are dragging and nobody wants to say so"
    "|we will not sign anything that gives up a single village"
    "|the figures speak for themselves, whatever the ministry says"
    "|there is no agreement yet, and there may never be one"
    "|prices have doubled since the spring and families cannot keep up"
    "|our engineers found the fault within hours of the outage"
    "|this was a decision taken by people who have never visited the region"
    "|the port will reopen once the inspections are finished"
    "|we warned about this risk two years ago and were ignored"
    "|the report is accurate in every detail that matters"
)
INDIRECT_CONTENTS = _words(
    "the negotiations had stalled over the question of guarantees"
    "|the company would cut its workforce before the end of the year"
    "|the inquiry had found no evidence of wrongdoing"
    "|exports had fallen for the third quarter in a row"
    "|the ceasefire was holding in most districts"
)
FILLER = _words(
    "Officials declined to comment on the record."
    "|The figures could not be independently verified."
    "|Talks are expected to resume after the holiday."
    "|Analysts said the outcome remained uncertain."
    "|Residents described long queues outside the few shops still open."
    "|The statement gave no further details."
)
EMOJI = ("\U0001f600", "\U0001f30d", "\U0001f4c8", "\u26a1", "\U0001f1fa\U0001f1e6")
WEEKDAYS = _words("Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday")
MONTHS = _words(
    "January|February|March|April|May|June|July|August|September|October|November|December"
)
NUMBER_WORDS = _words("two|three|four|five|six|seven|eight|nine")
