"""``spacy:PIPELINE``: any installed spaCy pipeline (a package name such as ``en_core_web_sm``,
or a folder written by ``nlp.to_disk``) as an entity extractor.

The text is cut into sentences and tokens as the release's ``ner`` config cuts them, so that a
pipeline trained on that config sees what it was trained on; the pipeline's own components then
run on those tokens. Labels come from the pipeline: OntoNotes labels as they are, CoNLL-2003
``PER``/``LOC``/``ORG`` mapped; any other label is left out and counted (``unmapped``)."""

from __future__ import annotations

from ..errors import fail
from .name_tagger import NameTagger, _spacy


class SpacyPipeline(NameTagger):
    name = "spacy"

    def __init__(self, pipeline: str) -> None:
        spacy = _spacy()
        try:
            nlp = spacy.load(pipeline)
        except (OSError, ValueError, ImportError) as e:
            reason = f"spaCy cannot load {pipeline!r}: {str(e).splitlines()[0]}"
            raise fail("bad-extractor", name=f"spacy:{pipeline}", reason=reason) from None
        super().__init__(nlp)
        meta = nlp.meta
        self.version = (
            f"{meta.get('lang', '')}_{meta.get('name', '')} {meta.get('version', '')}, "
            f"spacy {spacy.__version__}"
        )
