"""The dates baseline on hand-written sentences, one per kind of expression news needs, the
invariants of its output on any text, and its time on hostile input."""

from __future__ import annotations

import re
import time
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsanno.extractors.dates import _left_search, dateline, find_timex_details, find_timexes
from newsanno.extractors.timex_resolve import _BREAK, _clause_start, _is_break
from newsanno.extractors.timex_rules import MODIFIER, RULES, easter, one_of
from newsanno.model.checks import cuts_word
from newsanno.model.timex import TYPE_KINDS, value_kind

WEDNESDAY = date(2022, 4, 6)


def _found(text: str, pub: date | None = WEDNESDAY) -> list[tuple[str, str, str, str | None]]:
    return [(text[s:e], t, v, mod) for s, e, t, v, mod, _ in find_timex_details(text, pub)]


def _values(text: str) -> list[str]:
    """The values found in ``text`` published on Wednesday 6 April 2022, in text order."""
    return [v for _, _, _, v in find_timexes(text, WEDNESDAY)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # references to the present, past and future
        ("The index is now higher.", ("now", "DATE", "PRESENT_REF", None)),
        ("The firm is currently hiring.", ("currently", "DATE", "PRESENT_REF", None)),
        ("Prices have recently risen.", ("recently", "DATE", "PAST_REF", None)),
        ("That was common in the past.", ("the past", "DATE", "PAST_REF", None)),
        ("It will matter in the future.", ("the future", "DATE", "FUTURE_REF", None)),
        # points and durations
        ("It happened two years ago.", ("two years ago", "DATE", "2020", None)),
        (
            "Sales rose over the past three weeks.",
            ("the past three weeks", "DURATION", "P3W", None),
        ),
        ("It lasted nearly two years.", ("nearly two years", "DURATION", "P2Y", "APPROX")),
        ("He died almost two years ago.", ("almost two years ago", "DATE", "2020", "APPROX")),
        ("It took a week or so.", ("a week or so", "DURATION", "P1W", None)),
        (
            "It took more than four hours.",
            ("more than four hours", "DURATION", "PT4H", "MORE_THAN"),
        ),
        ("a 10-year plan", ("10-year", "DURATION", "P10Y", None)),
        # a unit and "long" modify the noun after them, whose article stays out
        ("a yearlong effort", ("yearlong", "DURATION", "P1Y", None)),
        ("a year-long effort", ("year-long", "DURATION", "P1Y", None)),
        ("the two-year-long war", ("two-year-long", "DURATION", "P2Y", None)),
        ("the decades-long dispute", ("decades-long", "DURATION", "PXDE", None)),
        # a unit is a whole word
        ("He reads a weekly magazine.", ("weekly", "SET", "P1W", None)),
        ("It took 5 1/2 hours.", ("5 1/2 hours", "DURATION", "PT5H30M", None)),
        # sets
        ("The fair is an annual event.", ("annual", "SET", "P1Y", None)),
        ("They meet every Monday.", ("every Monday", "SET", "XXXX-WXX-1", None)),
        (
            "Stocks fell on the day before every Monday.",
            ("the day before every Monday", "SET", "XXXX-WXX-7", None),
        ),
        ("Orangemen march each July.", ("each July", "SET", "XXXX-07", None)),
        # modifiers
        ("Output should recover by mid-2011.", ("mid-2011", "DATE", "2011", "MID")),
        ("Growth returns early next year.", ("early next year", "DATE", "2023", "START")),
        ("It ended in the late 1970s.", ("the late 1970s", "DATE", "197", "END")),
        # quarters, fiscal years, seasons
        (
            "Profit rose in the third quarter of 2021.",
            ("the third quarter of 2021", "DATE", "2021-Q3", None),
        ),
        ("Results for fiscal 2021 were weak.", ("fiscal 2021", "DATE", "2021", None)),
        # "FY" written against its year is one word, which triggers the rule all the same
        ("Results for FY2021 were weak.", ("FY2021", "DATE", "2021", None)),
        ("Results for FY21 were weak.", ("FY21", "DATE", "2021", None)),
        ("Sales fell in Q1 2020.", ("Q1 2020", "DATE", "2020-Q1", None)),
        ("Sales fell in H2 2020.", ("H2 2020", "DATE", "2020-H2", None)),
        ("It was hot last summer.", ("last summer", "DATE", "2021-SU", None)),
        ("It opens in the spring of 2024.", ("the spring of 2024", "DATE", "2024-SP", None)),
        # times with zones
        ("The probe landed at 18:00 UTC.", ("18:00 UTC", "TIME", "2022-04-06T18:00Z", None)),
        (
            "It landed at 6:40 p.m. (GMT +8).",
            ("6:40 p.m. (GMT +8)", "TIME", "2022-04-06T18:40+08:00", None),
        ),
        ("Polls will close at 9 a.m. Friday.", ("9 a.m. Friday", "TIME", "2022-04-08T09:00", None)),
        # four digits and a zone, as wire services write clock times
        ("Shelling began at 0300 GMT.", ("0300 GMT", "TIME", "2022-04-06T03:00Z", None)),
        ("Trading opens at 9:30 a.m. ET.", ("9:30 a.m. ET", "TIME", "2022-04-06T09:30", None)),
        ("It ended at 2130 UTC Tuesday.", ("2130 UTC Tuesday", "TIME", "2022-04-05T21:30Z", None)),
        (
            "The rally will end at noon Saturday.",
            ("noon Saturday", "TIME", "2022-04-09T12:00", None),
        ),
        # weekdays by tense
        ("The leaders will meet on Monday.", ("Monday", "DATE", "2022-04-11", None)),
        ("The leaders met on Monday.", ("Monday", "DATE", "2022-04-04", None)),
        # a day before or after the day named: one expression (P = Wednesday 6 April 2022)
        (
            "He left the day before yesterday.",
            ("the day before yesterday", "DATE", "2022-04-04", None),
        ),
        (
            "They vote the day after tomorrow.",
            ("the day after tomorrow", "DATE", "2022-04-08", None),
        ),
        (
            "The day before last Tuesday's hearing, he called.",
            ("The day before last Tuesday", "DATE", "2022-04-04", None),
        ),
        (
            "Talks will resume the day after Friday's vote.",
            ("the day after Friday", "DATE", "2022-04-09", None),
        ),
        (
            "They met the day before Tuesday night's debate.",
            ("the day before Tuesday night", "TIME", "2022-04-04TNI", None),
        ),
        # a plan in the present passive is ahead, as "is scheduled for" (T6)
        ("Protests are planned for Monday.", ("Monday", "DATE", "2022-04-11", None)),
        ("Talks are set for Tuesday.", ("Tuesday", "DATE", "2022-04-12", None)),
        ("The film is slated for Friday.", ("Friday", "DATE", "2022-04-08", None)),
        ("He planned the attack on Monday.", ("Monday", "DATE", "2022-04-04", None)),
        ("Prices are set by traders, he said on Monday.", ("Monday", "DATE", "2022-04-04", None)),
        ("The leaders met on Monday and will", ("Monday", "DATE", "2022-04-04", None)),
        ("It happened Friday night.", ("Friday night", "TIME", "2022-04-01TNI", None)),
        ("Talks went on over the weekend.", ("the weekend", "DATE", "2022-W13-WE", None)),
        ("It flies 700 seats a week.", ("a week", "SET", "P1W", None)),
        ("It is printed twice a week.", ("twice a week", "SET", "P1W", None)),
        (
            "It struck at 6:30 p.m. local time Monday.",
            ("6:30 p.m. local time Monday", "TIME", "2022-04-04T18:30", None),
        ),
        ("The move comes a day after the vote.", ("a day", "DURATION", "P1D", None)),
        ("They held a two day rally.", ("two day", "DURATION", "P2D", None)),
        ("the 2018 day of action", ("2018", "DATE", "2018", None)),
        ("Sales for the full year rose.", ("the full year", "DATE", "2022", None)),
        ("It should close by year-end.", ("year-end", "DATE", "2022", "END")),
        # the month or week of the publication date, with the part named before it
        (
            "He will step down at the end of the month.",
            ("the end of the month", "DATE", "2022-04", "END"),
        ),
        (
            "Talks resume at the start of the week.",
            ("the start of the week", "DATE", "2022-W14", "START"),
        ),
        ("in nineteen ninety-seven", ("nineteen ninety-seven", "DATE", "1997", None)),
        ("Crime fell through the nineties.", ("the nineties", "DATE", "199", None)),
        ("in recent weeks", ("recent weeks", "DURATION", "PXW", None)),
        ("in recent years", ("recent years", "DATE", "PAST_REF", None)),
        # decades, centuries, ordinal days, holidays
        ("Output peaked in the 1990s.", ("the 1990s", "DATE", "199", None)),
        ("a relic of the '80s", ("the '80s", "DATE", "198", None)),
        ("a relic of '80s fashion", ("'80s", "DATE", "198", None)),
        ("It was built in the 19th century.", ("the 19th century", "DATE", "18", None)),
        ("He arrived on the 3rd.", ("the 3rd", "DATE", "2022-04-03", None)),
        ("Shops close on Christmas Day.", ("Christmas Day", "DATE", "2021-12-25", None)),
        ("Talks resume after Easter.", ("Easter", "DATE", "2022-04-17", None)),
        ("Lent began on Ash Wednesday.", ("Ash Wednesday", "DATE", "2022-03-02", None)),
        ("Black Friday sales rose.", ("Black Friday", "DATE", "2021-11-26", None)),
        ("Cyber Monday sales will rise.", ("Cyber Monday", "DATE", "2022-11-28", None)),
        ("Unions march on May Day.", ("May Day", "DATE", "2022-05-01", None)),
        ("Pools close after Labor Day 2021.", ("Labor Day 2021", "DATE", "2021-09-06", None)),
        ("It fell on Memorial Day 2021.", ("Memorial Day 2021", "DATE", "2021-05-31", None)),
        ("They voted on Election Day 2020.", ("Election Day 2020", "DATE", "2020-11-03", None)),
        ("Fireworks lit the Fourth of July.", ("Fourth of July", "DATE", "2022-07-04", None)),
        ("He spent Father's Day 2021 at home.", ("Father's Day 2021", "DATE", "2021-06-20", None)),
        ("Mothers Day sales will rise.", ("Mothers Day", "DATE", "2022-05-08", None)),
        (
            "Schools shut on Martin Luther King Jr. Day.",
            ("Martin Luther King Jr. Day", "DATE", "2022-01-17", None),
        ),
        ("The Columbus Day parade was canceled.", ("Columbus Day", "DATE", "2021-10-11", None)),
        (
            "Crowds returned on St. Patrick's Day.",
            ("St. Patrick's Day", "DATE", "2022-03-17", None),
        ),
        ("A nightly curfew stays.", ("nightly", "SET", "XXXX-XX-XXTNI", None)),
        ("Juneteenth events will be held downtown.", ("Juneteenth", "DATE", "2022-06-19", None)),
        ("The museum opens on Sundays.", ("Sundays", "SET", "XXXX-WXX-7", None)),
        ("They shop on Sunday mornings.", ("Sunday mornings", "SET", "XXXX-WXX-7TMO", None)),
        ("Schools will remain closed on Monday.", ("Monday", "DATE", "2022-04-11", None)),
        # thousands separators; a point before year 1 is the past
        ("The dynasty ruled for 1,500 years.", ("1,500 years", "DURATION", "P1500Y", None)),
        (
            "The city was founded 3,500 years ago.",
            ("3,500 years ago", "DATE", "PAST_REF", None),
        ),
        # multipliers; amounts in digits, never an exponent
        ("Rome ruled for five hundred years.", ("five hundred years", "DURATION", "P500Y", None)),
        ("It formed 65 million years ago.", ("65 million years ago", "DATE", "PAST_REF", None)),
        ("The siege lasted 1000000 days.", ("1000000 days", "DURATION", "P1000000D", None)),
        # a future cue after the subject of a clause the day begins; names are no cues
        (
            "On Friday, the Commerce Department will release the data.",
            ("Friday", "DATE", "2022-04-08", None),
        ),
        (
            "On Monday, Mohamed and his father are to travel to Doha.",
            ("Monday", "DATE", "2022-04-11", None),
        ),
        ("On Monday, Ahmed will meet the press.", ("Monday", "DATE", "2022-04-11", None)),
        ("It was common in the late 1800s.", ("the late 1800s", "DATE", "18", "END")),
        ("The treaty was signed on 14 Feb.", ("14 Feb.", "DATE", "2022-02-14", None)),
        ("Pilgrims came in Easter week.", ("Easter week", "DATE", "2022-W15", None)),
        ("Crowds gathered on Good Friday 2019.", ("Good Friday 2019", "DATE", "2019-04-19", None)),
        # months without a year: past by default, future with a deadline
        ("It was signed on Oct. 23 in Rome.", ("Oct. 23", "DATE", "2021-10-23", None)),
        ("Talks must end by May.", ("May", "DATE", "2022-05", None)),
        # "now" before a word that only starts like a blocked one; "now that", "until now"
        ("Now officials doubt it.", ("Now", "DATE", "PRESENT_REF", None)),
        ("Prices fell now that the strike is over.", ("now", "DATE", "PRESENT_REF", None)),
        ("No rover had landed there until now.", ("now", "DATE", "PRESENT_REF", None)),
        ("It was rare until recently.", ("until recently", "DATE", "PAST_REF", None)),
        # a report's twelve months are a span; "the fiscal year" alone is the year
        ("Sales will fall in the fiscal year.", ("the fiscal year", "DATE", "2022", None)),
        ("We learn from the past that we share.", ("the past", "DATE", "PAST_REF", None)),
        ("The fair is held every summer.", ("every summer", "SET", "XXXX-SU", None)),
        ("Losses ran for three quarters.", ("three quarters", "DURATION", "P3Q", None)),
        ("The strike could last six weeks.", ("six weeks", "DURATION", "P6W", None)),
        ("The talks took a year and a half.", ("a year and a half", "DURATION", "P1Y6M", None)),
        # a zone other than UTC or GMT is kept in the span, its offset unwritten (TimeBank)
        ("It began at 9:59 a.m. EDT.", ("9:59 a.m. EDT", "TIME", "2022-04-06T09:59", None)),
        # "about", "around" belong to the expression they approximate
        ("It took about four months.", ("about four months", "DURATION", "P4M", "APPROX")),
        (
            "It struck at about 10:35 a.m.",
            ("about 10:35 a.m.", "TIME", "2022-04-06T10:35", "APPROX"),
        ),
        ("The deal closes around Nov. 1.", ("around Nov. 1", "DATE", "2022-11-01", "APPROX")),
        ("He was born around 1950.", ("around 1950", "DATE", "1950", "APPROX")),
        (
            "He left about two months later.",
            ("about two months later", "DATE", "2022-06", "APPROX"),
        ),
        # but not as prepositions before a weekday, a possessive or words
        ("He asked about Tuesday's vote.", ("Tuesday", "DATE", "2022-04-05", None)),
        ("We talked about the weekend.", ("the weekend", "DATE", "2022-W13-WE", None)),
        # determiners belong to the expression, a possessive ending does not
        ("Prices will rise in the coming weeks.", ("the coming weeks", "DATE", "FUTURE_REF", None)),
        ("This year's harvest was poor.", ("This year", "DATE", "2022", None)),
        # decades and centuries in their own units, a part of one in years
        ("It lasted nearly two decades.", ("nearly two decades", "DURATION", "P2DE", "APPROX")),
        ("It took a century.", ("a century", "DURATION", "P1CE", None)),
        ("It took half a century.", ("half a century", "DURATION", "P50Y", None)),
        # a duration in parts of ever smaller units is one expression
        (
            "He won in 2 hours, 3 minutes and 23 seconds.",
            ("2 hours, 3 minutes and 23 seconds", "DURATION", "PT2H3M23S", None),
        ),
        (
            "She served 10 years and three months.",
            ("10 years and three months", "DURATION", "P10Y3M", None),
        ),
        (
            "The walk lasted six days and seven hours.",
            ("six days and seven hours", "DURATION", "P6DT7H", None),
        ),
        ("Talks resume a week from today.", ("a week from today", "DATE", "2022-W15", None)),
        ("It was the wettest autumn on record.", ("autumn", "DATE", "2021-FA", None)),
        ("The ferry sails daily.", ("daily", "SET", "P1D", None)),
        ("Fire broke out in the early hours of Sunday.", ("Sunday", "DATE", "2022-04-03", None)),
    ],
)
def test_one_expression(text: str, expected: tuple[str, str, str, str | None]) -> None:
    assert _found(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "May said the vote would pass.",
        "Crowds will march on the capital.",
        "This may take a while.",
        "He scored 2000 points and 15 goals.",
        "The 8-year-old boy smiled.",
        "She won a second term.",
        "It costs 1,999 dollars, or 2.5 percent.",
        "He was 37 years old.",
        "the film High Noon",
        "Farmers sold about three-quarters of the crop.",
        "The fund holds a quarter of the shares.",
        "It will cut 789, or about a quarter, of its dealers.",
        "The Fed cut rates by a quarter point; banks, by a quarter percentage point.",
        "Troops searched the living quarters; some quarters objected.",
        "Activists staged Spring of Life rallies.",
        "The party daily Pravda printed it.",
        "She moved abroad in her early 30s.",
        "The visitors scored twice in the second half.",
        "Read the first half of the novel.",
        "The site goes down every now and then.",
        "He was named player of the month.",
        "They sailed to Easter Island to hunt Easter eggs.",
        "He scored 12 PTS and 9 REB.",
        "The Sunday Times and the Mail on Sunday reported it.",
        "The Arab Spring began near Spring Street.",
        "He watched Saturday Night Live.",
        "Flight 1549 landed; Section 1983 applies.",
        "After a weekend of talks, an hourglass and a weekday.",
        "Flight 2130 to Oslo was cancelled.",
        "Father Day said Mass in St. Louis; Martin Luther King spoke in Columbus.",
        "Firms filed for H1 visas; H2 buses run on hydrogen.",
    ],
)
def test_not_a_date(text: str) -> None:
    assert _found(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # larger units after smaller ones, or a point after the first part: separate
        ("It took two days and three weeks.", ["P2D", "P3W"]),
        ("He left two years and three months ago.", ["P2Y", "2022-01"]),
        ("a 10-year and 3-month plan", ["P10Y", "P3M"]),
        ("It took three days, two nights.", ["P3D", "P2D"]),
    ],
)
def test_parts_that_do_not_make_one_duration(text: str, expected: list[str]) -> None:
    assert _values(text) == expected


def test_earlier_and_later_stay_outside_a_weekday() -> None:
    text = "Earlier Monday the minister resigned; the vote came later this month."
    assert [(text[s:e], v) for s, e, _, v in find_timexes(text, WEDNESDAY)] == [
        ("Monday", "2022-04-04"),
        ("later this month", "2022-04"),
    ]


def test_the_year_ended_is_a_span() -> None:
    text = "Profit rose in the year ending Oct. 31 and will rise in the year."
    assert [(text[s:e], t, v) for s, e, t, v in find_timexes(text, WEDNESDAY)] == [
        ("the year", "DURATION", "P1Y"),
        ("Oct. 31", "DATE", "2021-10-31"),
        ("the year", "DATE", "2022"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The firm, which will expand, bought the plant on Friday.",
        # the future cue farther away decides only when no nearer cue is found
        "The storm, which tore across the coast on Friday, is expected to weaken.",
        "The storm, which swept through the town on Friday, is expected to weaken.",
        "The team, which will play again, upheld its record on Friday.",
    ],
)
def test_irregular_past_tense_reads_a_weekday_back(text: str) -> None:
    assert _values(text) == ["2022-04-01"]


def test_this_weekend_follows_the_tense() -> None:
    # 6 April 2022 is a Wednesday: ISO week 14; the weekend before it closes week 13
    text = "The fair drew large crowds this weekend."
    assert _values(text) == ["2022-W13-WE"]
    text = "The fair opens this weekend."
    assert _values(text) == ["2022-W14-WE"]


def test_now_opening_a_sentence_with_a_comma_is_a_discourse_marker() -> None:
    assert find_timexes("Now, the minister says, the plan is dead.", WEDNESDAY) == []
    assert _found("The plan is dead now, the minister says.") == [
        ("now", "DATE", "PRESENT_REF", None)
    ]


def test_a_cue_in_another_clause_after_the_day_does_not_decide() -> None:
    # 6 April 2022 is a Wednesday; the reporting clause or a relative clause after a comma or
    # "and" is not the clause of the day, whose own cue comes before it
    for text in (
        "He is due to appear before magistrates on Thursday, a spokeswoman said.",
        "A state funeral will be held at the cathedral on Thursday, which was declared a holiday.",
    ):
        assert _values(text) == ["2022-04-07"], text
    text = "The leaders made little progress at a meeting on Monday and will meet on Friday."
    assert _values(text) == ["2022-04-04", "2022-04-08"]
    assert _values("On Thursday, a spokeswoman said the talks had failed.") == ["2022-03-31"]


def test_the_simple_present_of_a_fixture_reads_a_weekday_forward() -> None:
    for text in (
        "The 16-year-old, who won in January, plays again on Monday.",
        "The House returns on Monday.",
        "The series starts at Edgbaston on Monday.",
        "Rovers, who last won the title in 1914, face Liverpool on Monday.",
        "The two leaders meet in Geneva on Monday.",
        "Voters, who were promised reform in 2019, head to the polls on Monday.",
        "Brazilians vote Monday in a presidential election.",
        "The Winter Olympics open Monday in Lillehammer.",
        "Tickets go on sale Monday.",
        "The president, in office since 2014, leaves office on Monday.",
        "The tax, which expires on Monday, pays for teachers.",
        "Schools will close for two weeks beginning Monday.",
        "Game 2 is Monday, and the series then moves to Boston.",
        "The deadline for bids is on Monday, officials said.",
    ):
        assert _values(text)[-1] == "2022-04-11", text
    assert _values("Stores were open on Monday.") == ["2022-04-04"]
    assert _values("The House returned on Monday.") == ["2022-04-04"]
    assert _values("The deadline was Monday.") == ["2022-04-04"]
    assert _values("The rivals went head to head on Monday.") == ["2022-04-04"]
    # a noun after a determiner, a verb after a negation: the reporting tense decides
    assert _values("Officials said the visit on Monday went well.") == ["2022-04-04"]
    assert _values("He did not play on Monday.") == ["2022-04-04"]


def test_a_past_tense_that_is_also_a_base_form_is_no_cue_after_to_or_a_modal() -> None:
    # "hit" and "last" are past cues ("the storm hit on Monday", "last Monday"), not in "to hit"
    # or "would last": the clause is about what is to come
    for text in (
        "The storm is expected to hit the coast on Thursday.",
        "Forecasters said dry weather would last until Thursday.",
    ):
        assert _values(text) == ["2022-04-07"], text
    assert _values("The storm hit the coast on Thursday.") == ["2022-03-31"]


def test_a_modal_before_a_verb_reads_a_weekday_forward() -> None:
    # what may, should or must happen is to come, even when a past "said" is near
    for text in (
        "Officials said the vote may take place on Thursday.",
        "Residents must register with the council on Thursday.",
        "The grid operator said outages could last into Thursday.",
    ):
        assert _values(text) == ["2022-04-07"], text
    # "may have", "could be" (also the past of "can") leave the reporting tense to decide
    for text in (
        "Police said the gunman may have fled on Thursday.",
        "Neither could be reached on Thursday, police said.",
    ):
        assert _values(text) == ["2022-03-31"], text


def test_a_weekday_joined_to_another_takes_its_direction() -> None:
    # "forecast for" reads Friday forward; Saturday, after "and", goes with it
    assert _values("More rain was forecast for Friday and Saturday.") == [
        "2022-04-08",
        "2022-04-09",
    ]
    assert _values("Talks will run on Monday, Tuesday or Thursday night.") == [
        "2022-04-11",
        "2022-04-12",
        "2022-04-07TNI",
    ]
    assert _values("The suspect was questioned on Monday and Tuesday.") == [
        "2022-04-04",
        "2022-04-05",
    ]


def test_a_rule_taking_effect_and_a_forecast_read_a_weekday_forward() -> None:
    for text in (
        "New quarantine rules for visitors take effect in New York on Thursday.",
        "Temperatures are forecast to stay below freezing through Thursday.",
    ):
        assert _values(text) == ["2022-04-07"], text
    assert _values("The rules took effect on Thursday.") == ["2022-03-31"]


def test_a_day_named_after_a_clock_time_and_on_takes_the_time_s_tense() -> None:
    text = "The Treasury will announce the details at 8:30 a.m. EDT on Monday, an aide said."
    assert _values(text) == ["2022-04-11T08:30", "2022-04-11"]
    text = "Polling stations will open at 8:30 a.m. (0730 GMT) on Monday."
    assert _values(text)[-1] == "2022-04-11"
    text = "BP will hold a conference call at 9 a.m. London time on Monday."
    assert _values(text) == ["2022-04-11T09:00", "2022-04-11"]
    # a year is no clock time, nor is a sentence between
    text = "Fiat buys Chrysler stake\nMay 29, 2011\nFiat announced on Monday that it will buy."
    assert _values(text)[-1] == "2022-04-04"


def test_adjectives_abbreviations_and_places_set_no_tense() -> None:
    # "closed" after a preposition is an adjective; the future cue before it decides
    assert _values("The board will meet in closed session at 6 p.m. Monday.") == [
        "2022-04-11T18:00"
    ]
    # the full stop of "p.m." before a lower-case word ends no sentence
    text = "The city will keep its 8 p.m. curfew through Monday, the mayor announced."
    assert _values(text)[-1] == "2022-04-11"
    text = "Police will shut the street from 6 p.m. Sunday until 2 a.m. Monday, police said."
    assert _values(text) == ["2022-04-10T18:00", "2022-04-11T02:00"]
    # nor does that of "U.S.", of a title or of an abbreviated month
    text = "Ministers will hold talks with U.S. Secretary of State Warren Christopher on Monday."
    assert _values(text) == ["2022-04-11"]
    assert _values("Troops will meet Gen. Mark Milley and his staff on Monday.") == ["2022-04-11"]
    # "next to" is a place
    text = "A bomb tore through a building next to the U.S. embassy on Monday."
    assert _values(text) == ["2022-04-04"]
    # a sentence opened by the start of a change to come
    assert _values("Beginning Monday, the bus runs every hour.")[0] == "2022-04-11"


def test_the_clock_a_time_is_read_on_is_part_of_its_span() -> None:
    text = "It struck at 2:11 p.m. local time. It lifted off at 5:12 a.m. Moscow time."
    assert [f[0] for f in _found(text)] == ["2:11 p.m. local time", "5:12 a.m. Moscow time"]
    assert [f[0] for f in _found("Shops shut at noon local time.")] == ["noon local time"]
    assert _found("Polls close at 2000 local time.") == [
        ("2000 local time", "TIME", "2022-04-06T20:00", None)
    ]
    assert [f[0] for f in _found("We left at 3 p.m. Next time we stay.")] == ["3 p.m."]


def test_a_clock_time_takes_the_day_named_before_it_in_its_paragraph() -> None:
    text = "Iraqis will vote on Sunday. Polling stations open at 7 a.m. and close at 5 p.m."
    assert _values(text) == ["2022-04-10", "2022-04-10T07:00", "2022-04-10T17:00"]
    text = "The quake struck at 2:46 p.m. Monday (0546 GMT)."
    assert _values(text) == ["2022-04-04T14:46", "2022-04-04T05:46Z"]
    text = "The attack was on Monday.\nOfficials will meet at 5 p.m."
    assert _values(text) == ["2022-04-04", "2022-04-06T17:00"]


def test_a_clock_time_told_on_the_other_side_of_the_publication_date_skips_a_day() -> None:
    # a time still to come is not on a day gone by named after the event's day
    text = (
        "The festival opens on Saturday. Tickets went on sale on Monday, the organisers said. "
        "The first concert will begin at 7 p.m."
    )
    assert _values(text) == ["2022-04-09", "2022-04-04", "2022-04-09T19:00"]
    # a time past with only days to come before it: the publication date
    text = "The vote is on Friday. The polls in the primary closed at 8 p.m."
    assert _values(text) == ["2022-04-08", "2022-04-06T20:00"]
    # a day in the time's own sentence is its day, whatever the tense nearest to the time
    text = (
        "The league resumes on June 17 after a suspension caused by the pandemic, with Villa "
        "hosting United at 6 p.m."
    )
    assert _values(text) == ["2022-06-17", "2022-06-17T18:00"]


def test_an_hour_o_clock_is_in_the_morning_unless_the_evening_is_named() -> None:
    assert _values("The bells rang at 12 o'clock.") == ["2022-04-06T12:00"]
    assert _values("It's 7 o'clock, and traffic is heavy.") == ["2022-04-06T07:00"]
    assert _values("They met at eleven o'clock Tuesday.") == ["2022-04-05T11:00"]
    text = "He will speak at nine o'clock Eastern tonight."
    assert _values(text) == ["2022-04-06T21:00", "2022-04-06TNI"]
    assert _values("We close at 5 o'clock p.m.") == ["2022-04-06T17:00"]
    assert _values("It costs 5 clocks; 13 o'clock rang in the novel.") == []


@pytest.mark.parametrize("published", [date(9999, 12, 31), date(1, 1, 1)])
def test_anchors_name_the_expression_written_even_where_one_is_left_out(published: date) -> None:
    # a value past year 9999 or before year 1 is left out: the anchors of the others must
    # still name the expression they were resolved against
    text = "They met tomorrow. On Friday night it rained. The vote is at 5 p.m."
    found = find_timex_details(text, published)
    for _, _, _, value, _, anchor in found:
        if anchor is not None:
            assert value[:10] == found[anchor][3][:10]


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        (date(9999, 12, 31), ["FUTURE_REF", "FUTURE_REF", "98"]),
        (date(1, 1, 1), ["001", "01", "PAST_REF"]),
    ],
)
def test_decades_and_centuries_past_the_calendar_are_the_past_or_the_future(
    published: date, expected: list[str]
) -> None:
    # the decade after 9990-9999 is no three-digit value: "1000" would read as the year 1000
    text = "Next decade. Next century. Last century."
    assert [v for _, _, _, v in find_timexes(text, published)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("On 3 March 20000 people marched.", [("3 March", "2022-03-03")]),
        ("By March 20000 people had left.", []),  # "March 20" or March: neither is sure
        ("Not until the year 20000.", []),
        ("In the year 1999, prices fell.", [("the year 1999", "1999")]),
    ],
)
def test_a_year_is_a_whole_number(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(piece, v) for piece, _, v, _ in _found(text)] == expected


def test_parts_of_a_day_and_weeks_named_again_follow_the_day_named_before() -> None:
    # published Thursday 7 January 2016
    pub = date(2016, 1, 7)
    cases = {
        "He flew in on August 12, founded a firm in 1990, and met them that evening.": (
            "that evening",
            "2015-08-12TEV",
        ),
        "The vote was on Tuesday. The previous evening, crowds gathered.": (
            "The previous evening",
            "2016-01-04TEV",
        ),
        "The vote was on Tuesday. The next morning, crowds gathered.": (
            "The next morning",
            "2016-01-06TMO",
        ),
        "They set out on Friday morning and were reported missing that night.": (
            "that night",
            "2016-01-01TNI",
        ),
        "Thieves broke in on Dec. 29. The museum stayed closed the following week.": (
            "the following week",
            "2016-W01",
        ),
    }
    for text, (words, value) in cases.items():
        found = {text[s:e]: v for s, e, _, v, _, _ in find_timex_details(text, pub)}
        assert found[words] == value, text
    # with no day named before, the publication day
    assert _found("It rained that night.", pub) == [("that night", "TIME", "2016-01-07TNI", None)]


def test_light_years_are_a_distance() -> None:
    assert find_timexes("The star lies 500 light years from Earth.", WEDNESDAY) == []
    assert _values("The dispute went on for years.") == ["PXY"]


def test_a_month_and_day_to_come_over_half_a_month_back_is_next_years() -> None:
    def values(text: str, pub: date) -> list[str]:
        return [v for _, _, _, v in find_timexes(text, pub)]

    assert values("The show will run until March 21.", date(2003, 10, 18)) == ["2004-03-21"]
    assert values("The show ran until March 21.", date(2003, 10, 18)) == ["2003-03-21"]
    assert values("The festival will open on Aug. 9.", date(1997, 8, 31)) == ["1998-08-09"]
    assert values("The eclipse will be visible in early March.", date(2025, 9, 7)) == ["2026-03"]
    # under way: a start less than half a month back stays in its year
    assert values("The show is to run from August 20.", date(1997, 8, 31)) == ["1997-08-20"]


def test_a_month_that_labels_a_thing_is_not_when_the_future_happens() -> None:
    pub = date(2025, 11, 18)
    for text in (
        "The department will publish the September jobs report on Thursday.",
        "Students will return to a campus still scarred by September's floods.",
    ):
        assert [v for _, _, _, v in find_timexes(text, pub)][0] == "2025-09", text


def test_a_plan_already_past_reads_a_weekday_back() -> None:
    text = "The offer had been due to expire on Friday."
    assert _values(text) == ["2022-04-01"]
    text = "The offer is due to expire on Friday."
    assert _values(text) == ["2022-04-08"]


def test_a_plan_in_the_past_tense_reads_a_weekday_forward() -> None:
    # "were planning", "was expected": the plan was made before, the event comes after, even
    # where the plan word is too far from the day to count as a cue by itself
    text = "Protesters were planning to drive around the international airport on Monday."
    assert _values(text) == ["2022-04-11"]
    text = "The vote was expected to take place in the old parliament building on Friday."
    assert _values(text) == ["2022-04-08"]
    text = "Protesters were driving around the international airport on Monday."
    assert _values(text) == ["2022-04-04"]


def test_soon_points_ahead_unless_it_links_two_events() -> None:
    assert _found("The minister said the plant will soon close.") == [
        ("soon", "DATE", "FUTURE_REF", None)
    ]
    assert _found("Details will follow very soon.") == [("very soon", "DATE", "FUTURE_REF", None)]
    for text in (
        "Talks resume as soon as the ceasefire holds.",
        "He was freed soon after the raid.",
        "The trickle of cash soon became a flood.",
        "The soon-to-open terminal is ready.",
        "It will be too soon to say what caused the crash.",
        "Nobody will say how soon the line reopens.",
    ):
        assert find_timexes(text, WEDNESDAY) == [], text


def test_a_passive_participle_is_not_a_past_cue() -> None:
    # "held" after "be" is a participle: "is to be" sets the tense (said in May)
    text = "The second ballot is to be held on November 20."
    assert [v for _, _, _, v in find_timexes(text, date(2022, 5, 6))] == ["2022-11-20"]


def test_a_cue_is_as_near_to_an_expression_with_a_modifier_as_to_one_without() -> None:
    # the future cue stands as far from "early January" as from "January" alone (said in
    # late December): "early" is part of the expression, not words between them
    text = "Both sides have agreed to hold talks on the South China Sea in {}January."
    for mod in ("", "early ", "late ", "mid-"):
        found = find_timexes(text.format(mod), date(2023, 12, 29))
        assert [v for _, _, _, v in found] == ["2024-01"], mod


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The vote was postponed until Friday.", "2022-04-08"),
        ("The hearing was adjourned to Monday, a spokesman said.", "2022-04-11"),
        ("The session was moved to Thursday because of a power failure.", "2022-04-07"),
        ("The trial was postponed until September.", "2022-09"),
        ("The court adjourned the case until Tuesday.", "2022-04-12"),
        ("The mayor extended the curfew through Monday.", "2022-04-11"),
        ("Officials said more rain was forecast for Friday.", "2022-04-08"),
        ("Heavy snow is predicted again for Sunday.", "2022-04-10"),
        ("Forecasters have predicted heavy rain from Saturday.", "2022-04-09"),
        ("The Senate suspended the debate until Tuesday.", "2022-04-12"),
        # a run that lasts to a date still to come
        ("The exhibition runs until 30 September.", "2022-09-30"),
        ("The festival continues through Sunday.", "2022-04-10"),
        ("The show ran until Sunday.", "2022-04-03"),
        # the end of what someone was asked or agreed to do
        ("Officials urged residents to stay indoors until Friday.", "2022-04-08"),
        ("Utilities asked customers to turn thermostats down until Saturday.", "2022-04-09"),
        ("The rebels agreed to keep the border shut through Sunday.", "2022-04-10"),
        ("The outbreak prompted the district to close schools through Monday.", "2022-04-11"),
        ("He stayed in hospital until Friday.", "2022-04-01"),
        ("He was sent to prison until Friday.", "2022-04-01"),
        ("Officials had urged residents to stay indoors until Friday.", "2022-04-01"),
        # told as past, or no date put off: the tense decides as before
        ("The vote had been postponed until Monday, when it passed.", "2022-04-04"),
        ("He moved to Paris on Monday.", "2022-04-04"),
        ("The vote, postponed from Monday, was held in the end.", "2022-04-04"),
        ("A memorial service planned for Saturday was canceled.", "2022-04-02"),
        ("Sales were weak until March.", "2022-03"),
        ("Rescue crews searched through Monday for survivors.", "2022-04-04"),
    ],
)
def test_the_date_of_what_was_put_off_or_forecast_lies_ahead(text: str, expected: str) -> None:
    assert _values(text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It was the first fall in inflation since July.", "2021-07"),
        ("The road has been closed since July 25.", "2021-07-25"),
        ("Prices have fallen since mid-June.", "2021-06"),
        # on or before the publication date: this year's, however far back
        ("Prices have fallen since March.", "2022-03"),
        ("The plant has been shut since April 2.", "2022-04-02"),
        # whatever tense the clause around it has
        ("The captain, under house arrest since Monday, faces charges.", "2022-04-04"),
    ],
)
def test_a_month_or_day_after_since_is_past(text: str, expected: str) -> None:
    assert _values(text) == [expected]


def test_before_that_heads_a_clause_is_not_the_year_before() -> None:
    text = "Shares soared since the start of the year before plunging on Tuesday."
    assert [(text[s:e], v) for s, e, _, v in find_timexes(text, WEDNESDAY)] == [
        ("the start of the year", "2022"),
        ("Tuesday", "2022-04-05"),
    ]
    text = "Sales were flat the year before."
    assert [(text[s:e], v) for s, e, _, v in find_timexes(text, WEDNESDAY)] == [
        ("the year before", "2021")
    ]


def test_a_far_future_cue_decides_alone() -> None:
    text = "She will be named commander of the crew for a long mission in December."
    assert [v for _, _, _, v in find_timexes(text, date(2022, 3, 4))] == ["2022-12"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The law was signed on June 3, 2019. The next day protests began.",
            [("June 3, 2019", "2019-06-03", None), ("The next day", "2019-06-04", 0)],
        ),
        (  # a decade counts from the decade named before it
            "The company was founded in the 1990s and went public a decade later.",
            [("the 1990s", "199", None), ("a decade later", "200", 0)],
        ),
    ],
)
def test_anchored_on_the_date_mentioned_before(
    text: str, expected: list[tuple[str, str, int | None]]
) -> None:
    details = find_timex_details(text, WEDNESDAY)
    assert [(text[s:e], v, a) for s, e, _, v, _, a in details] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Profit rose in the third quarter.", "2012-Q3"),
        ("Profit rose in Q3.", "2012-Q3"),
        ("Q4 profit rose 5%.", "2012-Q4"),
        ("Profit will rise in Q3.", "2013-Q3"),
        ("Profit rose in Q1.", "2013-Q1"),
    ],
)
def test_a_quarter_written_q3_takes_its_year_as_the_third_quarter_does(
    text: str, expected: str
) -> None:
    """Said in March, a quarter still to come this year is last year's when reported on."""
    assert [v for _, _, _, v in find_timexes(text, date(2013, 3, 21))] == [expected]


def test_comparison_takes_the_quarter_reported_on() -> None:
    text = "Profit rose in the third quarter to $5 million from $4 million a year ago."
    assert [(text[s:e], v) for s, e, _, v in find_timexes(text, date(1989, 11, 2))] == [
        ("the third quarter", "1989-Q3"),
        ("a year ago", "1988-Q3"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # said in January: the year reported on is the quarter's
            "GM lost $4.8 billion in the fourth quarter of 2005 and $8.6 billion for the "
            "entire year.",
            [("the fourth quarter of 2005", "2005-Q4", None), ("the entire year", "2005", 0)],
        ),
        (
            "Profit fell in the fourth quarter; for the full year, it rose.",
            [("the fourth quarter", "2005-Q4", None), ("the full year", "2005", 0)],
        ),
        (  # a year named since the quarter: the quarter is no longer the topic
            "Profit fell in the fourth quarter. In 2004 it rose. For the year, it rose.",
            [("the fourth quarter", "2005-Q4", None), ("2004", "2004", None)]
            + [("the year", "2006", None)],
        ),
        ("The deal should close by year-end.", [("year-end", "2006", None)]),
    ],
)
def test_the_year_is_that_of_the_quarter_reported_on(
    text: str, expected: list[tuple[str, str, int | None]]
) -> None:
    details = find_timex_details(text, date(2006, 1, 27))
    assert [(text[s:e], v, a) for s, e, _, v, _, a in details] == expected


def test_a_half_says_what_it_is_half_of() -> None:
    text = "Output rose in the second half of the year and will fall in the fiscal first half."
    assert [(text[s:e], v) for s, e, _, v in find_timexes(text, date(2022, 10, 5))] == [
        ("the second half of the year", "2022-H2"),
        ("the fiscal first half", "2022-H1"),
    ]


def test_this_past_is_the_last() -> None:
    text = "Shares fell this past week after the plant shut this past spring."
    assert [(text[s:e], v) for s, e, _, v in find_timexes(text, date(2022, 10, 5))] == [
        ("this past week", "2022-W39"),
        ("this past spring", "2022-SP"),
    ]


def test_quarter_ended_is_named_by_its_end_date() -> None:
    # three months ending 31 July: May, June, July, mostly in the second calendar quarter
    text = "In the quarter ended July 31, the retailer lost money."
    assert [(text[s:e], v) for s, e, _, v in find_timexes(text, date(2022, 10, 5))] == [
        ("the quarter", "2022-Q2"),
        ("July 31", "2022-07-31"),
    ]
    text = "For the quarter ending Jan. 31 the chain expects a loss."
    assert [(text[s:e], v) for s, e, _, v in find_timexes(text, date(2022, 2, 20))] == [
        ("the quarter", "2021-Q4"),
        ("Jan. 31", "2022-01-31"),
    ]


def test_the_quarter_a_year_ago() -> None:
    text = "Sales rose in the second quarter; in the quarter a year ago they fell."
    assert [(text[s:e], v) for s, e, _, v in find_timexes(text, date(2022, 8, 3))] == [
        ("the second quarter", "2022-Q2"),
        ("the quarter a year ago", "2021-Q2"),
    ]


def test_the_quarter_named_again_anchors_what_follows() -> None:
    # "the quarter" (the last complete one) comes after a day: the comparison after it is
    # with the quarter, not with the day's year
    text = (
        "The bank said on Oct. 20 it had lent $5 million in the quarter, "
        "up from $4 million a year ago."
    )
    assert [(text[s:e], v) for s, e, _, v in find_timexes(text, date(2022, 11, 2))] == [
        ("Oct. 20", "2022-10-20"),
        ("the quarter", "2022-Q3"),
        ("a year ago", "2021-Q3"),
    ]


def test_a_comparison_looks_past_the_day_that_ends_the_quarter() -> None:
    text = (
        "Sales rose in the quarter ended June 30 from a year earlier. "
        "In the year-ago period the firm lost money."
    )
    assert [(text[s:e], v) for s, e, _, v in find_timexes(text, date(2022, 8, 3))] == [
        ("the quarter", "2022-Q2"),
        ("June 30", "2022-06-30"),
        ("a year earlier", "2021-Q2"),
        ("the year-ago period", "2021-Q2"),
    ]
    # a year named since: the quarter is no longer what a comparison refers to
    text = "Sales rose in the second quarter. In 2019, they fell 5% from a year earlier."
    assert [(text[s:e], v) for s, e, _, v in find_timexes(text, date(2022, 8, 3))] == [
        ("the second quarter", "2022-Q2"),
        ("2019", "2019"),
        ("a year earlier", "2018"),
    ]


def test_year_ago_quarter_is_a_quarter() -> None:
    text = (
        "Profit ended Sept. 30, 1989, against a loss in the year-ago quarter "
        "and in the 1988 third quarter."
    )
    values = [(text[s:e], v) for s, e, _, v in find_timexes(text, date(1989, 11, 2))]
    assert values == [
        ("Sept. 30, 1989", "1989-09-30"),
        ("the year-ago quarter", "1988-Q3"),
        ("the 1988 third quarter", "1988-Q3"),
    ]


def test_clock_time_takes_the_day_of_its_sentence() -> None:
    text = "The jet flew on Tuesday from Everett, landing at 18:00 UTC."
    values = [v for _, _, _, v in find_timexes(text, date(2009, 12, 16))]
    assert values == ["2009-12-15", "2009-12-15T18:00Z"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The doors shut at 22:30 sharp.", [("22:30", "2022-04-06T22:30")]),
        ("It ended at 20:05 UTC.", [("20:05 UTC", "2022-04-06T20:05Z")]),
        ("They met at 23:59.", [("23:59", "2022-04-06T23:59")]),
    ],
)
def test_clock_time_after_eight_in_the_evening(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(t, v) for t, _, v, _ in _found(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The chief spoke at 16:15 UTC, March 30, to reporters.",
            [("16:15 UTC", "2022-03-30T16:15Z"), ("March 30", "2022-03-30")],
        ),
        (
            "The count began on March 2 and the last vote came at 1:30 the next day.",
            [
                ("March 2", "2022-03-02"),
                ("1:30", "2022-03-03T01:30"),
                ("the next day", "2022-03-03"),
            ],
        ),
        (
            "The ship will sail at 9 p.m., Friday, from the harbour.",
            [("9 p.m.", "2022-04-08T21:00"), ("Friday", "2022-04-08")],
        ),
        # a date farther on belongs to something else
        (
            "The 9 p.m. show sold out for May 4.",
            [("9 p.m.", "2022-04-06T21:00"), ("May 4", "2022-05-04")],
        ),
    ],
)
def test_clock_time_takes_the_day_named_right_after_it(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert [(t, v) for t, _, v, _ in _found(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The mayor will speak at 10:30 this morning.", ("10:30 this morning", "2022-04-06T10:30")),
        ("Police were called at 2:40 this afternoon.", ("2:40 this afternoon", "2022-04-06T14:40")),
        ("The debate starts at 8 o'clock tonight.", ("8 o'clock tonight", "2022-04-06T20:00")),
        (
            "The show starts at eight o'clock tonight.",
            ("eight o'clock tonight", "2022-04-06T20:00"),
        ),
        (
            "It began at 4 o'clock yesterday afternoon.",
            ("4 o'clock yesterday afternoon", "2022-04-05T16:00"),
        ),
        (
            "They meet at 9 o'clock tomorrow morning.",
            ("9 o'clock tomorrow morning", "2022-04-07T09:00"),
        ),
        ("The quake struck at 1:37 this morning.", ("1:37 this morning", "2022-04-06T01:37")),
        ("The plane lands at 9 p.m. tonight.", ("9 p.m. tonight", "2022-04-06T21:00")),
    ],
)
def test_a_clock_time_with_its_day_and_part_of_day_is_one_expression(
    text: str, expected: tuple[str, str]
) -> None:
    # the part of the day also tells the hour without "a.m." or "p.m."
    assert [(t, v) for t, _, v, _ in _found(text)] == [expected]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The board created a new post, effective Feb. 1.", "2022-02-01"),
        ("The board created a new post on Feb. 1.", "2021-02-01"),
    ],
)
def test_the_day_a_change_takes_effect_lies_ahead(text: str, value: str) -> None:
    assert [v for _, _, v, _ in _found(text, date(2021, 10, 27))] == [value]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Talks ended on the 3rd and resumed on the 5th.",
            [("the 3rd", "2022-04-03"), ("the 5th", "2022-04-05")],
        ),
        ("He said on the 1st that he would go.", [("the 1st", "2022-04-01")]),
        ("They met on the 2nd at the palace.", [("the 2nd", "2022-04-02")]),
        # the noun the ordinal counts, or a month named after the next day
        ("They live on the 3rd floor.", []),
        ("Fighting broke out on the 2nd and 3rd of March.", [("3rd of March", "2022-03-03")]),
    ],
)
def test_a_day_named_by_its_ordinal_alone(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(piece, v) for piece, _, v, _ in _found(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Bloody Sunday was remembered.",
        "The Super Tuesday results came in.",
        "The Good Friday Agreement holds.",
        "Black Monday wiped out the gains.",
    ],
)
def test_a_weekday_in_the_name_of_an_event_is_no_date(text: str) -> None:
    assert _found(text) == []


def test_a_weekday_after_a_common_adjective_is_a_date() -> None:
    assert _values("It was a good Monday for stocks.") == ["2022-04-04"]


def test_dateline_anchors_a_document_without_publication_date() -> None:
    text = "Jet makes first flight\n\nApril 27, 2005\n\nThe jet took off today."
    assert dateline(text) == date(2005, 4, 27)
    assert dateline("No date here at all.") is None


_TEXT = st.lists(
    st.sampled_from(
        list("0123456789 ,.-:/'()")
        # digits of other scripts, which ``\d`` matches but a TIMEX3 value may not hold
        + list("\u0665\u0662\uff13\uff10\u0967")
        + [
            "May",
            "March",
            "Monday",
            "the",
            "day",
            "before",
            "after",
            "last",
            "next",
            "ago",
            "years",
            "year",
            "week",
            "a",
            "an",
            "early",
            "mid",
            "1990s",
            "quarter",
            "fiscal",
            "now",
            "today",
            "at",
            "p.m.",
            "UTC",
            "every",
            "each",
            "3rd",
            "of",
            "June",
            "2011",
            "two",
            # amounts and dates that reach past year 1 or 9999
            "3,000",
            "million",
            "9999",
            "99999999",
            "days",
            "centuries",
            "later",
            "earlier",
            "from",
            "tomorrow",
            "yesterday",
            "Easter",
            "Thanksgiving",
            "will",
        ]
        # and every word that starts a rule ("century" without a publication date: "XX")
        + sorted({w for rule in RULES for w in rule.triggers if not w.startswith("#")})
    ),
    max_size=80,
).map("".join)
# publication dates at the ends of the calendar as well: "tomorrow" said on 9999-12-31
_PUBLISHED = st.one_of(
    st.none(),
    st.dates(date(1950, 1, 1), date(2050, 12, 31)),
    st.sampled_from([date.min, date(1, 1, 7), date(9999, 12, 25), date.max]),
)


@settings(max_examples=300, deadline=None)
@given(_TEXT, _PUBLISHED)
def test_output_is_ordered_disjoint_and_valid_timex3(text: str, pub: date | None) -> None:
    found = find_timexes(text, pub)
    assert found == find_timexes(text, pub)  # deterministic
    last_end = 0
    for start, end, type_, value in found:
        assert last_end <= start < end <= len(text)
        last_end = end
        # whole words and numbers: not "the year 2000" out of "the year 20000"
        assert not cuts_word(text, start) and not cuts_word(text, end), text[start:end]
        kind = value_kind(value)
        assert kind is not None and kind in TYPE_KINDS[type_], (text[start:end], type_, value)


def test_every_trigger_gives_timex3_values_without_a_publication_date() -> None:
    """Relative expressions keep unknown digits when there is no publication date: "last
    century" became ``XX`` and "the next decade" ``XXX``, which the value grammar refused, so
    predicting an undated article failed."""
    words = sorted({w for rule in RULES for w in rule.triggers if not w.startswith("#")})
    before = ("", "last ", "next ", "this ", "the ", "the past ", "early ", "a ", "two ", "3 ")
    for word in words:
        for left in before:
            text = f"It happened {left}{word}, and will again {left}{word} 2011."
            for pub in (None, WEDNESDAY):
                for start, end, type_, value in find_timexes(text, pub):
                    kind = value_kind(value)
                    assert kind in TYPE_KINDS[type_], (text[start:end], pub, type_, value)


@pytest.mark.parametrize(
    "unit",
    # "3,000,": each number read the rest of the run of digits and commas again (quadratic)
    [
        "May ",
        "1 ",
        "a ",
        "the past ",
        "12:00 UTC Monday ",
        "'80s ",
        "a year earlier ",
        "9",
        "x",
        "3,000,",
    ],
)
def test_hostile_input_runs_in_linear_time(unit: str) -> None:
    text = unit * (200_000 // len(unit))
    started = time.perf_counter()
    find_timexes(text, WEDNESDAY)
    assert time.perf_counter() - started < 5.0  # measured: > 250,000 characters per second


def test_an_adjective_in_ed_is_not_a_past_cue() -> None:
    # "unspecified" describes the date; "would be paid" sets the tense (said in October)
    text = "The bonus would be paid on a still unspecified date in January."
    assert [v for _, _, _, v in find_timexes(text, date(2022, 10, 26))] == ["2023-01"]
    text = "The pension would be paid from a newly created fund in January."
    assert [v for _, _, _, v in find_timexes(text, date(2022, 10, 26))] == ["2023-01"]


def test_a_deadline_met_in_the_past_reads_back() -> None:
    # a past perfect or past passive before "by": the time by which it was done
    text = "Twelve states had filed their reports by Monday."
    assert _values(text) == ["2022-04-04"]
    text = "The video was viewed a million times by Monday."
    assert _values(text) == ["2022-04-04"]
    text = "About 38,000 ballots had been returned by Monday."
    assert _values(text) == ["2022-04-04"]
    text = "The states must file their reports by Monday."
    assert _values(text) == ["2022-04-11"]
    text = "The deal was expected to close by Monday."
    assert _values(text) == ["2022-04-11"]
    # what was asked by a passive is the deadline of the verb after it
    text = "The rebels were ordered to surrender by 9 a.m. Monday."
    assert _values(text) == ["2022-04-11T09:00"]
    text = "Patients were moved to hospital by Monday."
    assert _values(text) == ["2022-04-04"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Prices peaked in January nineteen ninety-seven.",
            ("January nineteen ninety-seven", "1997-01"),
        ),
        (
            "It froze in the winter of nineteen eighty-two.",
            ("the winter of nineteen eighty-two", "1982-WI"),
        ),
        ("Jobs should double by the year two thousand.", ("the year two thousand", "2000")),
        (
            "They met again in the year two thousand and one.",
            ("the year two thousand and one", "2001"),
        ),
        ("Old systems may fail in the year 2000.", ("the year 2000", "2000")),
        ("It was founded in nineteen ten.", ("nineteen ten", "1910")),
    ],
)
def test_a_year_in_words_belongs_to_the_month_season_or_year_it_names(
    text: str, expected: tuple[str, str]
) -> None:
    assert [(text[s:e], v) for s, e, _, v in find_timexes(text, WEDNESDAY)] == [expected]


def test_two_thousand_alone_is_a_number() -> None:
    assert find_timexes("Two thousand people marched in year two of the plan.", WEDNESDAY) == []


def test_the_article_of_a_noun_a_timex_modifies_stays_out() -> None:
    text = "Crowds came for the two day festival."
    assert [(text[s:e], v) for s, e, _, v in find_timexes(text, WEDNESDAY)] == [("two day", "P2D")]
    text = "Profit rose in the third quarter. The year-ago results were restated."
    assert [(text[s:e], v) for s, e, _, v in find_timexes(text, date(1989, 11, 2))] == [
        ("the third quarter", "1989-Q3"),
        ("year-ago", "1988-Q3"),
    ]
    # the noun of time is part of the expression, and so is its article
    text = "Profit rose in the third quarter from $4 million in the year-ago quarter."
    assert [(text[s:e], v) for s, e, _, v in find_timexes(text, date(1989, 11, 2))] == [
        ("the third quarter", "1989-Q3"),
        ("the year-ago quarter", "1988-Q3"),
    ]


def test_year_earlier_results_compare_with_the_period_not_the_year_named_before() -> None:
    text = "Net fell last year. In the second quarter, the year-earlier figures were restated."
    assert [(text[s:e], v) for s, e, _, v in find_timexes(text, date(1989, 11, 2))] == [
        ("last year", "1988"),
        ("the second quarter", "1989-Q2"),
        ("year-earlier", "1988-Q2"),
    ]
    text = "Net fell last year. The year-earlier figures were restated."
    assert [(text[s:e], v) for s, e, _, v in find_timexes(text, date(1989, 11, 2))] == [
        ("last year", "1988"),
        ("year-earlier", "1988"),
    ]


def test_a_set_word_in_a_name_is_a_newspaper() -> None:
    for text in ("She told Harbour Weekly about it.", "The Lagos Daily reported it."):
        assert find_timexes(text, WEDNESDAY) == []
    # a sentence that opens with it, after a name ending the one before
    text = "Trade rose in Lagos. Daily volumes doubled."
    assert [(text[s:e], v) for s, e, _, v in find_timexes(text, WEDNESDAY)] == [("Daily", "P1D")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The trial opens the week of May 9.", ("the week of May 9", "2022-W19")),
        ("Sales rose in the last week of March.", ("the last week of March", "2022-W13")),
        ("It ends in the first week of June 2023.", ("the first week of June 2023", "2023-W22")),
        (
            "Trade slowed in the last week of December 2020.",
            ("the last week of December 2020", "2020-W53"),
        ),
    ],
)
def test_a_week_named_by_its_month(text: str, expected: tuple[str, str]) -> None:
    assert [(text[s:e], v) for s, e, _, v in find_timexes(text, WEDNESDAY)] == [expected]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # a month named alone takes the year its tense points to: March is ahead here
        ("It will end on the last day of March.", date(1995, 11, 30), "1996-03-31"),
        ("He resigned on the last day of February 1996.", WEDNESDAY, "1996-02-29"),
        ("The offer expires on the final day of 2021.", WEDNESDAY, "2021-12-31"),
        ("A plane crashed on the last day of the year.", date(2017, 12, 31), "2017-12-31"),
        ("The law takes effect on the first day of next month.", WEDNESDAY, "2022-05-01"),
        ("The rule applied from the first day of 2012.", WEDNESDAY, "2012-01-01"),
    ],
)
def test_the_first_or_last_day_of_a_period(text: str, published: date, expected: str) -> None:
    """The whole phrase is the day it names (read in parts, "the last day" would be the day
    before the publication date, and "March" the past one, after "last")."""
    found = [(text[s:e], t, v) for s, e, t, v in find_timexes(text, published)]
    phrase = text[text.index("the ") : -1]
    assert found == [(phrase, "DATE", expected)]


_LEFT_TEXT = st.lists(
    st.sampled_from(
        list(" -('\"`\n\u00a0xY1")
        + ["the", "The", "last", "next", "this", "past", "coming", "each", "of", "every"]
        + ["early", "late", "mid", "end", "beginning", "more", "than", "at", "least", "up", "to"]
        + ["by", "on", "since", "fiscal", "calendar", "year", "FY", "recent", "will", "right"]
    ),
    max_size=30,
).map("".join)


_LEFT_WORDS = st.sampled_from(
    ["", "'", "last ", "the next ", "each of the ", "the very end of ", "more than ", "by the "]
    + ["this past ", "FY", "mid-", "the fiscal year ", "nearly ", "at least ", "in early "]
)


@settings(max_examples=300, deadline=None)
@given(_LEFT_TEXT, _LEFT_WORDS, st.integers(0, 30))
def test_left_words_are_found_as_a_plain_search_finds_them(
    text: str, words: str, back: int
) -> None:
    # the faster search from separators gives the very match a search from every position
    # gives, over the window before a trigger (which ends where the words would)
    text += words
    hi = len(text)
    lo = max(0, hi - back)
    for pattern in {r.left for r in RULES if r.left is not None} | {MODIFIER}:
        want = pattern.search(text, lo, hi)
        got = _left_search(pattern)(text, lo, hi)
        assert (got and (got.span(), got.groupdict())) == (want and (want.span(), want.groupdict()))


_TRIE_WORDS = st.lists(st.text(alphabet="aAb -", min_size=1, max_size=5), min_size=1, max_size=8)


@settings(max_examples=300, deadline=None)
@given(_TRIE_WORDS, st.text(alphabet="aAb -", max_size=10))
def test_a_trie_of_words_matches_as_their_alternation_longest_first(
    words: list[str], text: str
) -> None:
    # followed by more pattern, so that the engine backtracks into the words: the trie must
    # give up the same words in the same order as the plain alternation does
    # (words in one case only, for a case-insensitive pattern)
    for flags, some in ((0, words), (re.I, [w.lower() for w in words])):
        plain = "|".join(re.escape(w) for w in sorted(set(some), key=len, reverse=True))
        for then in ("", r"\b", "b", r"(?=-)", " ?a"):
            want = re.compile(f"({plain}){then}", flags)
            got = re.compile(f"({one_of(some)}){then}", flags)
            for sample in [text, *words, *(w + "b-a" for w in words)]:
                for at in range(len(sample)):
                    w, g = want.match(sample, at), got.match(sample, at)
                    assert (g and g.span(1)) == (w and w.span(1)), (sample, at, then)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # said in April 2022, "the spring" alone would be this one
        (
            "Talks stalled in the spring of last year and resume in the fall of next year.",
            [("the spring", "2021-SP"), ("last year", "2021"), ("the fall", "2023-FA")]
            + [("next year", "2023")],
        ),
        # with "of" or without, a month or a day written either way round
        (
            "It has run since February last year and will close on 3 May next year.",
            [("February", "2021-02"), ("last year", "2021"), ("3 May", "2023-05-03")]
            + [("next year", "2023")],
        ),
        (
            "Schools reopen on January 4 next year, as they did in March this year.",
            [("January 4", "2023-01-04"), ("next year", "2023"), ("March", "2022-03")]
            + [("this year", "2022")],
        ),
    ],
)
def test_a_period_takes_the_year_named_after_it(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(text[s:e], v) for s, e, _, v in find_timexes(text, WEDNESDAY)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Prices have fallen over the past month.", ("the past month", "DURATION", "P1M")),
        ("It cut 200 jobs in the past year.", ("the past year", "DURATION", "P1Y")),
        ("It rained heavily in the past week.", ("the past week", "DURATION", "P1W")),
        ("Billions are needed over the next decade.", ("the next decade", "DURATION", "P1DE")),
        ("It was the worst storm of the past century.", ("the past century", "DURATION", "P1CE")),
        ("Shares fell this past week.", ("this past week", "DATE", "2022-W13")),
        ("He said he would return the next month.", ("the next month", "DATE", "2022-05")),
        ("Growth will slow in the next century.", ("the next century", "DATE", "21")),
    ],
)
def test_the_past_unit_is_a_stretch_up_to_now(text: str, expected: tuple[str, str, str]) -> None:
    assert [(text[s:e], t, v) for s, e, t, v in find_timexes(text, WEDNESDAY)] == [expected]


@pytest.mark.parametrize(
    ("year", "day"),
    # Easter Sundays as church calendars list them, earliest and latest possible dates included
    [(1818, date(1818, 3, 22)), (2000, date(2000, 4, 23)), (2008, date(2008, 3, 23))]
    + [(2011, date(2011, 4, 24)), (2022, date(2022, 4, 17)), (2038, date(2038, 4, 25))],
)
def test_easter(year: int, day: date) -> None:
    assert easter(year) == day


def test_a_season_said_in_december_counts_from_the_winter_that_closes_the_year() -> None:
    # December's winter comes after the fall: "next spring" is the next year's, "last summer"
    # this year's (both were a year off)
    pub = date(2005, 12, 30)
    text = "It will launch a new model next spring; sales rose last summer."
    assert [(text[s:e], v) for s, e, _, v in find_timexes(text, pub)] == [
        ("next spring", "2006-SP"),
        ("last summer", "2005-SU"),
    ]
    # in March, the winter of January and February is behind: "last winter" is this year's
    assert find_timexes("It snowed a lot last winter.", date(2005, 3, 10))[0][3] == "2005-WI"


def test_a_season_to_come_that_has_gone_by_this_year_is_next_years() -> None:
    pub = date(2021, 12, 25)
    found = find_timexes("Its first images are expected in the summer.", pub)
    assert [v for _, _, _, v in found] == ["2022-SU"]
    found = find_timexes("Its first images arrived in the summer.", pub)
    assert [v for _, _, _, v in found] == ["2021-SU"]


def test_the_fall_of_a_city_or_a_wall_is_no_season() -> None:
    pub = date(2009, 11, 9)
    for text in ("It was 20 years since the fall of the Berlin Wall.", "after the fall of Saigon"):
        assert [v for _, _, _, v in find_timexes(text, pub) if "FA" in v] == [], text
    text = "Sales fell in the fall of 2008 and rose in the fall."
    assert [v for _, _, _, v in find_timexes(text, pub)] == ["2008-FA", "2009-FA"]


def test_the_last_week_of_a_whole_is_not_the_week_before() -> None:
    # "the last week of the campaign" is its final week, not the week before publication
    for text in (
        "Polls moved in the last week of the campaign.",
        "He vetoed it in the last year of his term.",
        "On the last day of the talks, the sides agreed.",
    ):
        assert all(
            not text[s:e].startswith("the last") for s, e, _, _ in find_timexes(text, WEDNESDAY)
        ), text
    assert _found("Profit for the last year of $2.7 billion.")[0][:3] == (
        "the last year",
        "DATE",
        "2021",
    )


def test_coming_into_force_reads_a_weekday_forward() -> None:
    for text in (
        "Thousands marched against the tax, which comes into force on Sunday.",
        "The ban goes into effect on Sunday.",
    ):
        assert _values(text) == ["2022-04-10"], text
    assert _values("The ban came into force on Sunday.") == ["2022-04-03"]


def test_a_future_clause_after_and_is_not_the_past_clause_before_it() -> None:
    # the future cue is far from the day, the past one farther, across "and": the day is the
    # future clause's
    text = (
        "United clinched the title last weekend and will complete the season at home to "
        "Blackpool on Sunday."
    )
    assert _values(text)[-1] == "2022-04-10"
    assert _values("They said they would look for ways around the ruling issued on Sunday.") == [
        "2022-04-03"
    ]


def test_what_a_clause_is_ahead_of_lies_ahead() -> None:
    for text in (
        "City won five games in a row ahead of Sunday's trip to Liverpool.",
        "Shares fell ahead of the Sunday deadline.",
        "Leaders met, ahead of a meeting between U.S. and Russian officials in Riyadh on Sunday.",
    ):
        assert _values(text) == ["2022-04-10"], text
    # a verb between tells the event's own tense
    assert _values("Stocks fell ahead of talks that ended on Sunday.") == ["2022-04-03"]
    # "ahead of schedule" governs no day
    assert _values("The bridge opened ahead of schedule on Sunday.") == ["2022-04-03"]


def test_a_relative_clause_closed_before_the_day_sets_no_tense() -> None:
    # the verbs of ", which ... ," tell of something else; the main clause's verb governs
    text = (
        "The film, which the studio has refused to distribute, is expected to reach "
        "theaters before the election in November."
    )
    assert _values(text) == ["2022-11"]
    assert _values("The minister, who resigned last month, will testify on Sunday.")[-1] == (
        "2022-04-10"
    )
    # a list inside the clause does not close it: there the clause's own verb governs
    text = "Taylor, who stepped down as chairman, president and chief executive on Sunday."
    assert _values(text) == ["2022-04-03"]


def test_last_before_until_is_the_verb_not_the_past() -> None:
    # "last" marks the past as an adjective; "last until Friday" is the verb, here coordinated
    # with a plan
    text = "The strike is set to begin on Thursday and last until Saturday."
    assert _values(text) == ["2022-04-07", "2022-04-09"]
    assert _values("The talks last week ran until Sunday.")[-1] == "2022-04-03"


def test_what_one_has_until_is_a_deadline_to_come() -> None:
    for text in (
        "Cyprus has until Sunday to raise the money, the bank said.",
        "Police were given until Sunday to question the suspects.",
    ):
        assert _values(text) == ["2022-04-10"], text
    # a past deadline stays past
    assert _values("He had until Sunday to file, but missed the deadline.") == ["2022-04-03"]


def test_expecting_to_do_is_what_is_to_come() -> None:
    text = "The company said on Monday that it expects to close the deal in the third quarter."
    assert _values(text) == ["2022-04-04", "2022-Q3"]
    assert _values("Analysts expect to see the results on Sunday.") == ["2022-04-10"]


def test_a_range_of_days_is_its_first_day_in_the_year_after_it() -> None:
    assert _found("The Fed will meet again on Oct. 28-29.") == [
        ("Oct. 28", "DATE", "2022-10-28", None)
    ]
    found = _found("The talks were held Jan. 15-16, 2008.")
    assert found[0] == ("Jan. 15", "DATE", "2008-01-15", None)
    # a day followed by a number that goes on is still no date
    assert _found("Sales on June 5-8.5% higher.") == []


def test_a_day_named_after_on_is_an_expression_of_its_own() -> None:
    # T2 keeps a preposition out of an expression: the time and the day are two, and the time
    # takes its date from the day
    found = _found("The quake struck at 2:46 p.m. local time on Monday (0546 GMT).")
    assert found == [
        ("2:46 p.m. local time", "TIME", "2022-04-04T14:46", None),
        ("Monday", "DATE", "2022-04-04", None),
        ("0546 GMT", "TIME", "2022-04-04T05:46Z", None),
    ]
    assert _found("The summit opens at noon on Sunday.") == [
        ("noon", "TIME", "2022-04-10T12:00", None),
        ("Sunday", "DATE", "2022-04-10", None),
    ]
    assert _found("Trading resumes at 18:00 UTC on June 1.")[0] == (
        "18:00 UTC",
        "TIME",
        "2022-06-01T18:00Z",
        None,
    )


def test_a_modal_and_not_still_tells_what_is_to_come() -> None:
    # "may not finish until Friday" is a forecast; "could not be reached" is a past
    assert _values("Officials say they may not finish counting until Sunday.") == ["2022-04-10"]
    assert _values("He could not be reached on Sunday.") == ["2022-04-03"]
    assert _values("Sales rose at the very beginning of the year on Sunday.")[-1] == "2022-04-03"


def test_that_before_a_past_verb_opens_a_clause() -> None:
    # "that expired Dec. 28" is a relative clause in the past; "that damaged building" an adjective
    assert _values("Lawmakers return this week to extend benefits that expired Dec. 28.")[-1] == (
        "2021-12-28"
    )
    assert _values("They will meet to discuss the strike that ended on Monday.") == ["2022-04-04"]
    assert _values("They will inspect that damaged bridge on Monday.") == ["2022-04-11"]


def test_a_fixture_in_the_present_with_a_plural_subject_is_to_come() -> None:
    assert _values("Pakistan, champions in 1992, fly home on Thursday.")[-1] == "2022-04-07"
    assert _values("The championships end on Sunday.") == ["2022-04-10"]
    assert _values("The festival, which wraps up on Sunday, drew crowds.") == ["2022-04-10"]
    # a noun or an infinitive is no present tense
    assert _values("The far end of the hall was busy on Sunday.") == ["2022-04-03"]
    assert _values("They struck a deal on Sunday to end the strike.") == ["2022-04-03"]


def test_the_past_fortnight_is_a_duration_as_the_past_two_weeks() -> None:
    for text in ("the past fortnight", "the last fortnight", "the next fortnight"):
        assert _found(f"Police have spent {text} searching woodland.") == [
            (text, "DURATION", "P2W", None)
        ]


def test_half_an_hour_is_thirty_minutes() -> None:
    assert _found("We will update you again in half an hour.") == [
        ("half an hour", "DURATION", "PT30M", None)
    ]
    assert _found("The vote took half a minute.") == [("half a minute", "DURATION", "PT30S", None)]


def test_a_fortnight_ago_is_two_weeks_ago() -> None:
    assert _found("The talks collapsed a fortnight ago.") == [
        ("a fortnight ago", "DATE", "2022-W12", None)
    ]
    assert _values("The deal was signed on March 3. A fortnight later, it collapsed.") == [
        "2022-03-03",
        "2022-W11",
    ]
    assert _found("It lasted a fortnight.") == [("a fortnight", "DURATION", "P2W", None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Officials announced that Sunday's final round will begin early.", "2022-04-10"),
        ("The mayor said Thursday's ceremony will start with a prayer.", "2022-04-07"),
        ("Police said that Sunday's attack killed five people.", "2022-04-03"),
        ("He will attend Sunday's final, officials announced.", "2022-04-10"),
    ],
)
def test_a_day_that_opens_a_reported_clause_takes_its_tense(text: str, expected: str) -> None:
    assert _values(text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("More rain fell overnight in the foothills.", [("overnight", "TIME", "2022-04-05TNI")]),
        ("Temperatures overnight dropped to 14 degrees.", [("overnight", "TIME", "2022-04-05TNI")]),
        ("The county banned overnight camping.", []),
        ("It marks the winter solstice.", []),
        ("Prices could rise by a dollar overnight.", []),
        ("The current parliament is weak.", [("current", "DATE", "PRESENT_REF")]),
        ("The current account deficit widened.", []),
        ("The current was strong.", []),
        ("The deal was struck at midday.", [("midday", "TIME", "2022-04-06TMI")]),
        ("The deal was struck at noon.", [("noon", "TIME", "2022-04-06T12:00")]),
    ],
)
def test_overnight_current_and_midday(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert [(text[s:e], t, v) for s, e, t, v in find_timexes(text, WEDNESDAY)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Stocks recovered in the afternoon.", [("the afternoon", "2022-04-06TAF", None)]),
        (
            "They met on Friday morning and talked again in the evening.",
            [("Friday morning", "2022-04-01TMO", None), ("the evening", "2022-04-01TEV", None)],
        ),
        (
            "Cardinals enter the chapel tomorrow afternoon after a Mass in the morning.",
            [("tomorrow afternoon", "2022-04-07TAF", None), ("the morning", "2022-04-07TMO", None)],
        ),
        ("Storms should arrive by late afternoon.", [("late afternoon", "2022-04-06TAF", "END")]),
        ("Runners start early to avoid the afternoon heat.", []),
        ("She reads the evening news.", []),
    ],
)
def test_a_part_of_the_day_alone_is_on_the_day_named_last(
    text: str, expected: list[tuple[str, str, str | None]]
) -> None:
    found = find_timex_details(text, WEDNESDAY)
    assert [(text[s:e], v, mod) for s, e, _, v, mod, _ in found] == expected


def test_a_clock_time_after_overnight_keeps_its_own_day() -> None:
    text = "Snow fell overnight. The mayor said at a briefing at 6 a.m. that plows were out."
    assert [v for _, _, _, v in find_timexes(text, WEDNESDAY)] == [
        "2022-04-05TNI",
        "2022-04-06T06:00",
    ]


def test_a_calendar_told_in_the_present_is_to_come() -> None:
    assert _values("Fed Chair Jerome Powell speaks in Jackson Hole, Wyoming, on Friday.") == [
        "2022-04-08"
    ]
    text = "Investors look to JPMorgan Chase, which reports on Thursday, and to Google."
    assert _values(text) == ["2022-04-07"]
    assert _values("Markets are shut for the holiday and reopen on Monday.") == ["2022-04-11"]
    assert _values("Election officials expect preliminary results on Monday.") == ["2022-04-11"]
    assert _values("The Fed is poised to raise rates on Wednesday.") == ["2022-04-06"]
    assert _values("Nvidia reports its quarterly results on Thursday.") == ["2022-04-07"]
    assert _values("The bank reviews its policy on Thursday.") == ["2022-04-07"]
    assert _values("The board holds its next public hearing on Thursday.") == ["2022-04-07"]
    assert _values("After two games at home the series moves to Boston on Monday.") == [
        "2022-04-11"
    ]
    assert _values("Police are expecting large crowds on Saturday.") == ["2022-04-09"]
    assert _values("The debate airs Thursday on Channel 8.") == ["2022-04-07"]
    assert _values("The solstice falls on Thursday.") == ["2022-04-07"]
    assert _values("The trial resumed and continues on Thursday.") == ["2022-04-07"]
    assert _values("Berlusconi holds his final rally in Naples on Friday.") == ["2022-04-08"]
    # a state in the present is no fixture
    text = "The move follows Tuesday's offer by Ford, which holds a 12% stake in the company."
    assert _values(text) == ["2022-04-05"]
    # nouns, and verbs in compound adjectives, are no tense
    assert _values("News reports on Monday said the talks had stalled.") == ["2022-04-04"]
    text = "The minister will travel to the rebel-held north on Thursday."
    assert _values(text) == ["2022-04-07"]
    assert _values("The party re-elected its leader on Tuesday.") == ["2022-04-05"]


def test_an_end_not_yet_known_is_to_come() -> None:
    assert _values("The line was closed until at least Thursday, officials said.") == ["2022-04-07"]
    assert _values("The line was closed until Thursday, officials said.") == ["2022-03-31"]


def test_a_future_cue_early_in_a_long_sentence_still_counts() -> None:
    text = (
        "Ireland can clinch a second successive Six Nations Grand Slam with victory over "
        "England at Twickenham on Saturday."
    )
    assert _values(text) == ["2022-04-09"]
    # a word that is as often a noun ("specialize in travel") tells too little that far away
    text = (
        "Operators who specialize in travel in Kenya and Tanzania, which boast some of the "
        "best parks, say there were no cancellations after the bombing on Saturday."
    )
    assert _values(text) == ["2022-04-02"]


def test_a_far_future_cue_is_nearer_than_the_past_of_the_report() -> None:
    text = (
        "NBC said yesterday that it would air a two-hour celebrity dance competition at "
        "8 p.m. Monday, and CBS has pushed back its return."
    )
    assert _values(text)[-1] == "2022-04-11T20:00"
    text = "The director said the cast would take a long rest before a regional tour in the summer."
    assert _values(text) == ["2022-SU"]
    # but not for a day that labels a thing, nor past a clause joined after the future
    text = "They said they would look for ways around the effects of Wednesday's ruling."
    assert _values(text) == ["2022-04-06"]
    text = (
        "The judge said the boy must go back to his grandparents in Havana, and set Friday as "
        "a deadline."
    )
    assert _values(text) == ["2022-04-01"]


def test_what_was_done_after_doing_it_is_past() -> None:
    text = "Obama will become president of the United States after winning Tuesday's election."
    assert _values(text) == ["2022-04-05"]
    # not what follows the expression, nor a noun in "-ing"
    assert _values("Murray will play on Saturday after beating Lu.") == ["2022-04-09"]
    assert _values("They will pray after morning prayers on Friday.") == ["2022-04-08"]


def test_a_weekday_with_its_day_after_it_is_one_date_the_calendar_fits() -> None:
    assert _found("The final is on Saturday 14 May.") == [
        ("Saturday 14 May", "DATE", "2022-05-14", None)
    ]
    assert _found("It opened on Saturday, 14 December 1996.")[0][:3] == (
        "Saturday, 14 December 1996",
        "DATE",
        "1996-12-14",
    )
    # the weekday tells the year: 9 January 2023 is a Monday, in 2022 a Sunday
    assert _values("The sales start on Monday 9 January.") == ["2023-01-09"]
    assert _values("The sales start on Monday, January 9.") == ["2023-01-09"]
    # or the month of a day named by its ordinal alone; that Friday the 13th is in May
    assert _found("The draw is on Friday the 13th.") == [
        ("Friday the 13th", "DATE", "2022-05-13", None)
    ]
    assert _values("The ceili starts at 8pm on Saturday the 16th and ends at 1am.")[:2] == [
        "2022-04-16T20:00",
        "2022-04-16",
    ]
    assert _found("Doors open at 10 a.m. Saturday, 16 April.")[0][:3] == (
        "10 a.m. Saturday, 16 April",
        "TIME",
        "2022-04-16T10:00",
    )
    # a date the weekday fits nowhere near is read as written
    assert _values("The vote was held on Friday 5 April.") == ["2022-04-05"]
    # a number that counts something is no day
    assert _values("On Monday 2 people died.") == ["2022-04-04"]


def test_a_week_on_a_weekday_is_one_day_a_week_after_the_next_one() -> None:
    sunday = date(2025, 6, 8)
    assert _found("Bloomsday falls on Monday week.", sunday) == [
        ("Monday week", "DATE", "2025-06-16", None)
    ]
    assert _found("The display will go ahead a week on Sunday.")[-1] == (
        "a week on Sunday",
        "DATE",
        "2022-04-17",
        None,
    )
    assert _values("Halloween falls a week from Wednesday.")[-1] == "2022-04-13"
    assert _values("The deal closes two weeks from Friday.") == ["2022-04-22"]
    # a length that starts on a day is two expressions
    found = _found("The plant will halt production for at least a week from Monday.")
    assert [text for text, *_ in found] == ["at least a week", "Monday"]


def test_a_purpose_after_the_expression_tells_nothing_of_its_tense() -> None:
    assert _values("Real Madrid beat Atletico 2-1 on Sunday to go 15 points clear.") == [
        "2022-04-03"
    ]
    text = "OPEC's decision on Thursday to leave its output unchanged sent Brent lower."
    assert _values(text) == ["2022-03-31"]
    # but a time given to do something is still to come
    text = "The agency has given the relatives until 9 a.m. Tuesday to sign the paper."
    assert _values(text) == ["2022-04-12T09:00"]


def test_a_day_that_labels_a_thing_is_not_when_the_future_happens() -> None:
    text = "The opera will reopen with a concert for the victims of the March 11 attacks."
    assert _values(text) == ["2022-03-11"]


def test_a_middle_initial_ends_no_sentence() -> None:
    text = "Trump will name a successor to Justice Anthony M. Kennedy on Monday, aides said."
    assert _values(text) == ["2022-04-11"]
    text = "The panel questioned Judge David H. Souter on Tuesday and will vote next Thursday."
    assert _values(text)[0] == "2022-04-05"


def test_the_next_of_a_role_is_no_future() -> None:
    text = "Democrats chose Nancy Pelosi of California on Thursday as the next speaker."
    assert _values(text) == ["2022-03-31"]


@given(
    st.lists(
        st.sampled_from(
            [". ", "! ", "? ", "; ", "\n", "a", " ", ".", "Gen. ", "U.S. ", "Nov. 24"]
            + ["p.m. Monday"]
        ),
        max_size=40,
    ).map("".join),
    st.integers(min_value=0, max_value=200),
)
def test_a_clause_starts_after_the_last_break_before_it(text: str, at: int) -> None:
    """Looked for from the end, the clause start is what a scan forward over the window finds:
    the end of its last break that is no abbreviation's full stop."""
    at = min(at, len(text))
    lo = max(0, at - 80)
    breaks = [m.end() for m in _BREAK.finditer(text, lo, at) if _is_break(text, m)]
    assert _clause_start(text, at) == (breaks[-1] if breaks else lo)
