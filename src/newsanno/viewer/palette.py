"""Colours, one table per label set, so the page CSS, the legend and the report charts agree."""

from __future__ import annotations

# Light backgrounds that keep black text readable; similar types get related hues.
ENTITY_COLOURS: dict[str, str] = {
    "PERSON": "#ffd6a5",
    "NORP": "#fdffb6",
    "FAC": "#e4c1f9",
    "ORG": "#a0c4ff",
    "GPE": "#caffbf",
    "LOC": "#9bf6ff",
    "PRODUCT": "#ffc6ff",
    "EVENT": "#ffadad",
    "WORK_OF_ART": "#d0bfff",
    "LAW": "#bdb2ff",
    "LANGUAGE": "#c9e4de",
    "DATE": "#f1e3c8",
    "TIME": "#f7d6e0",
    "PERCENT": "#e2ece9",
    "MONEY": "#d8f3dc",
    "QUANTITY": "#edf2fb",
    "ORDINAL": "#fde4cf",
    "CARDINAL": "#e9ecef",
}
ZONE_COLOURS: dict[str, str] = {
    "headline": "#eef2f7",
    "standfirst": "#f3f0fa",
    "byline": "#f6f6f6",
    "dateline": "#f6f6f6",
    "caption": "#fbf6e9",
    "body": "transparent",
    "boilerplate": "#f0f0f0",
}
LAYER_COLOURS: dict[str, str] = {
    "zones": "#9aa5b1",
    "entities": "#52b788",
    "quotes": "#3a7bd5",
    "claims": "#d97706",
    "dates": "#8e6c8a",
}
OTHER_COLOUR = "#ccc"  # a layer or label without a colour of its own


def label_css() -> str:
    """One rule per label and zone kind (class names come from the closed label sets)."""
    rules = [f".e-{label}{{--c:{colour}}}" for label, colour in ENTITY_COLOURS.items()]
    rules += [f".z-{kind}{{--zc:{colour}}}" for kind, colour in ZONE_COLOURS.items()]
    return "\n".join(rules)
