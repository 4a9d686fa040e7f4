"""Scoring predictions against gold: matching, per-layer scorers over addable counts, paired
bootstrap intervals, reports as JSON or Markdown."""

from ..formats.predictions import write_predictions
from .counts import Counts, figures
from .evaluator import SCORED_LAYERS, Accumulator, Evaluation, evaluate, evaluate_pairs
from .records import DocRecords, records_of
from .report import ERRORS_HEADER, as_dict, as_markdown, render_errors
from .sources import gold_records, open_gold
from .tokens import spans_from_tags, write_tag_predictions

__all__ = [
    "ERRORS_HEADER",
    "SCORED_LAYERS",
    "Accumulator",
    "Counts",
    "DocRecords",
    "Evaluation",
    "as_dict",
    "as_markdown",
    "evaluate",
    "evaluate_pairs",
    "figures",
    "gold_records",
    "open_gold",
    "records_of",
    "render_errors",
    "spans_from_tags",
    "write_predictions",
    "write_tag_predictions",
]
