"""One mention scheme across imported corpora: name extents and labels as the guidelines want them.

MEANTIME and GUM mark mentions as whole noun phrases ("The United States's largest car
manufacturer General Motors", "US President Barack Obama", "the Church of Scientology's"); the
guidelines (E3) want the name alone, without determiner, possessive, title or apposition. The
rules here find the name inside a phrase, each under a name that the import report counts and
``docs/import_mappings.md`` lists (:data:`RULES`). The source extent is kept in ``source_span``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .mapping import Rule
from .nested_names import flatten_names

if TYPE_CHECKING:
    from .pipeline import Incoming

RULES: tuple[Rule, ...] = (
    Rule(
        "name-strip-determiner",
        "entities",
        "A leading the/a/an is left out of a name: 'the United States' gives 'United States'.",
    ),
    Rule(
        "name-strip-possessive",
        "entities",
        "A final possessive 's or ' is left out: 'Warhol's' gives 'Warhol'.",
    ),
    Rule(
        "name-strip-punctuation",
        "entities",
        "Punctuation at the edges (commas, quotation marks, an unclosed bracket) is left out.",
    ),
    Rule(
        "name-strip-title",
        "entities",
        "Person names lose the titles and roles before them ('US President Barack Obama' gives "
        "'Barack Obama'; the titles are listed in formats/names.py, TITLES).",
    ),
    Rule(
        "name-from-phrase",
        "entities",
        "A name phrase holding a descriptor or an apposition is cut to its name: the run of "
        "capitalised words (MEANTIME) or of proper nouns around the head (GUM) that matches the "
        "entity's own name (MEANTIME's instance description and DBpedia title, GUM's identity), "
        "else the last run: 'aircraft manufacturer Boeing' gives 'Boeing'.",
    ),
    Rule(
        "name-to-nominal",
        "entities",
        "A mention marked as a name that holds no name ('China Eastern's board of directors', "
        "'The President') becomes a nominal with its full extent.",
    ),
    Rule(
        "conjunction-to-nominal",
        "entities",
        "A name mention holding two or more names joined by 'and' or a comma ('Boeing and "
        "Lockheed Martin') refers to a group: it becomes a nominal; the names in it stay.",
    ),
    Rule(
        "place-to-FAC",
        "entities",
        "A place whose head word names a building or structure (airport, bridge, station, "
        "museum, mosque, stadium, ...: FAC_HEADS) is FAC, not GPE.",
    ),
    Rule(
        "place-to-LOC",
        "entities",
        "A place whose head word names a natural or non-political region (ocean, river, island, "
        "region, coast, ...: LOC_HEADS) or a continent or world region (LOC_NAMES) is LOC. The "
        "head word is the last before a comma or 'of' ('Plains of Arafat').",
    ),
    Rule(
        "demonym-to-NORP",
        "entities",
        "A one-word name in a place's cluster that is not the place's name but a nationality "
        "adjective ('American' in the United States' cluster) is NORP without a cluster "
        "(guidelines E2.2, E5.5).",
    ),
    Rule(
        "group-to-NORP",
        "entities",
        "GUM: a person cluster whose names are each one plural proper noun (NNPS) naming a "
        "nationality, religious or political group ('Muslims', 'Texans', 'Bangladeshis': "
        "GROUP_ENDINGS, GROUP_WORDS) is NORP; its names leave the cluster (guidelines E2.2), "
        "its pronouns and nominals keep it.",
    ),
)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


DETERMINERS = frozenset(["the", "a", "an"])
TITLES = _words(
    """president vice prime minister senator sen. rep. representative governor gov. mayor mr.
    mrs. ms. dr. doctor professor prof. king queen prince princess pope chancellor secretary
    general gen. judge justice chairman chairwoman ceo chief executive officer director
    administrator archbishop bishop father sir lord lady coach captain capt. lieutenant colonel
    col. sergeant deputy ambassador commissioner spokesman spokeswoman spokesperson premier
    councillor councilor assemblyman congressman congresswoman sheikh lawmaker founder
    co-founder head analyst"""
)
FAC_HEADS = _words(
    """airport airports arena avenue base bridge building buildings cathedral cave center
    centre church complex embassy facility factory galleries gallery hall highway hospital
    hotel house library memorial mosque museum palace planetarium plant prison road square
    stadium station street temple terminal tower towers tunnel"""
)
LOC_HEADS = _words(
    """area areas bay canyon channel coast continent desert forest gulf island islands
    lake mountain mountains northwest ocean peninsula plains region regions river sea shore
    solent valley world"""
)
LOC_NAMES = _words(
    "europe asia africa antarctica oceania arctic atlantic pacific mediterranean caribbean "
    "balkans scandinavia"
) | frozenset(
    ["north america", "south america", "latin america", "central america", "middle east",
     "south east asia", "southeast asia", "pacific northwest", "east asia", "south asia"]
)  # fmt: skip
DEMONYM_ENDINGS = ("an", "ian", "ese", "ish", "i", "ic")
# Plural proper nouns naming nationality, religious or political groups (GUM person clusters).
GROUP_ENDINGS = ("ans", "ese", "is", "ists", "ics")
GROUP_WORDS = _words(
    """muslims christians jews hindus buddhists sikhs catholics protestants democrats
    republicans rohingya"""
)
# Lower-case words that belong to product names ("iPod nano").
LOWER_NAME_PARTS = frozenset(["nano", "mini", "touch", "shuffle", "classic"])
# A possessive inside a name ("Korean People's Army").
INNER_POSSESSIVE = frozenset(["People"])
CONNECTORS = frozenset(
    ["of", "and", "&", "de", "du", "von", "van", "der", "la", "-", "on", "for", "al"]
)


@dataclass(frozen=True)
class Word:
    """A token of a mention: its extent in the text, its form, and (GUM) its part of speech."""

    start: int
    end: int
    form: str
    upos: str = ""
    xpos: str = ""


def is_capitalised(form: str) -> bool:
    """A word that can be part of a name when nothing better is known: capitalised ('Boeing'),
    a number or model ('737-800'), or a brand with an inner capital ('iPhone')."""
    if not form or form.lower() in DETERMINERS and form[0].isupper():
        return False
    first = form[0]
    return (
        first.isupper()
        or first.isdigit()
        or (first.islower() and any(map(str.isupper, form[1:])))  # a long word: 2.5 times faster
        or form in LOWER_NAME_PARTS
    )


def _is_punct(form: str) -> bool:
    return not any(c.isalnum() for c in form)


def trim(words: list[Word], applied: list[str]) -> list[Word]:
    """Leave out edge punctuation, a leading determiner and a final possessive."""
    out = list(words)
    while out and (_is_punct(out[0].form) or _is_punct(out[-1].form)):
        out = out[1:] if _is_punct(out[0].form) else out[:-1]
        _once(applied, "name-strip-punctuation")
    if len(out) > 1 and out[0].form.lower() in DETERMINERS:
        out = out[1:]
        applied.append("name-strip-determiner")
    if len(out) > 1 and out[-1].form in ("'s", "'", "\u2019s", "\u2019"):
        out = out[:-1]
        applied.append("name-strip-possessive")
    while out and _is_punct(out[-1].form):
        out = out[:-1]
        _once(applied, "name-strip-punctuation")
    return out


def _once(applied: list[str], rule: str) -> None:
    if rule not in applied:
        applied.append(rule)


def runs(words: list[Word], is_name: list[bool], person: bool) -> list[tuple[int, int]]:
    """Maximal runs ``[i, j)`` of name words. A connector (of, and, for, on, &, -), possibly
    followed by 'the', joins two name words ('Council on American-Islamic Relations', 'Museum
    of the U.S. Air Force'), except 'of' in a person's name ('Ann Chiang of DAB'); a
    possessive joins only after INNER_POSSESSIVE ('Korean People's Army')."""
    out: list[tuple[int, int]] = []
    i = 0
    n = len(words)
    while i < n:
        if not is_name[i]:
            i += 1
            continue
        j = i + 1
        while j < n:
            if is_name[j]:
                j += 1
                continue
            form = words[j].form.lower()
            k = j
            if form in CONNECTORS and not (person and form == "of"):
                k = j + 1
                if k < n and words[k].form.lower() == "the" and form != "and":
                    k += 1
            elif words[j].form in ("'s", "\u2019s") and words[j - 1].form in INNER_POSSESSIVE:
                k = j + 1
            if k > j and k < n and is_name[k]:
                j = k + 1
                continue
            break
        out.append((i, j))
        i = j
    return out


def strip_titles(
    words: list[Word], applied: list[str], own_names: frozenset[str] | set[str] = frozenset()
) -> list[Word] | None:
    """A person's name without the titles before it (everything up to the last title word
    that is not part of the person's own name: 'Captain America'); None when what is left is
    no name ('Prime Minister', 'High Commissioner for Refugees'): a role."""
    titles = [k for k, w in enumerate(words) if w.form.lower() in TITLES - set(own_names)]
    if titles and titles[-1] == len(words) - 1:
        return None
    if not titles:
        return words
    rest = words[titles[-1] + 1 :]
    if not rest[0].form[:1].isupper():
        return None
    applied.append("name-strip-title")
    return rest


def strip_unmatched(words: list[Word], own_names: set[str], applied: list[str]) -> list[Word]:
    """A person's name without the words before it that are not the person's own, when at
    least two own words remain ('United States Barack Obama' -> 'Barack Obama')."""
    k = len(words)
    while k > 0 and words[k - 1].form.lower().strip(".,") in own_names:
        k -= 1
    if k == 0 or len(words) - k < 2:
        return words
    if "name-from-phrase" not in applied:
        applied.append("name-from-phrase")
    return words[k:]


def place_label(head: str, name: str) -> tuple[str, str | None]:
    """GPE, LOC or FAC for a place, from its head word: the given one, else the name's (its
    last word before a comma or 'of': 'Museum of Flight', 'Long Beach, California'); the rule
    applied or None."""
    lowered = name.lower().removeprefix("the ")
    if lowered in LOC_NAMES:
        return "LOC", "place-to-LOC"
    core = lowered.split(",")[0].split(" of ")[0].split()
    for word in (head.lower(), core[-1] if core else ""):
        if word in FAC_HEADS:
            return "FAC", "place-to-FAC"
        if word in LOC_HEADS:
            return "LOC", "place-to-LOC"
    return "GPE", None


def is_group(form: str) -> bool:
    """A plural name of a nationality, religious or political group ('Muslims', 'Texans')."""
    lowered = form.lower()
    return lowered in GROUP_WORDS or lowered.endswith(GROUP_ENDINGS)


def is_demonym(form: str, own_names: set[str]) -> bool:
    """'American' in the cluster of the United States: an adjective of nationality, not a name
    of the place (which would be among the cluster's own name words)."""
    return (
        form[:1].isupper()
        and form.isalpha()
        and form.lower().endswith(DEMONYM_ENDINGS)
        and form.lower() not in own_names
    )


RELATIVE_OR_DEMONSTRATIVE = frozenset(
    ["who", "whom", "whose", "which", "that", "this", "these", "those", "what"]
)


def finish_entities(draft: Incoming) -> None:
    """What both importers do last to their mentions: relative and demonstrative pronouns are
    not annotated (guidelines E6.1: ``pronoun-not-annotated``), and names are flattened."""
    kept = []
    for m in draft.entities:
        if m["mention_type"] == "pronoun" and m["text"].lower() in RELATIVE_OR_DEMONSTRATIVE:
            draft.drop("pronoun-not-annotated", str(m["_src"]), text=m["text"])
        else:
            kept.append(m)
    draft.entities = kept
    flatten_names(draft)
