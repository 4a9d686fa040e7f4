"""Checks that yield coded problems (``checks``) and the runner that applies them to files
(``runner``)."""
