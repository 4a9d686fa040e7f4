"""A small trainable NER model: learns entity names from a release's ``ner`` config (loaded with
``datasets``) and predicts the ``entities`` layer like any other extractor.

The model is a blank spaCy pipeline with its transition-based NER (CPU, minutes; no pretrained
weights, which cannot be downloaded here and would leak other corpora into the benchmark).
"""

from .spacy_model import NameTagger, load_release, train

__all__ = ["NameTagger", "load_release", "train"]
