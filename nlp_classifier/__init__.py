"""Petition classification: category, urgency, risk tags, places, keywords; duplicates and hot-spots.

Pure: text in, `Classification` out. Imports nothing else of the project.
"""

from nlp_classifier.classifier import PetitionClassifier, load, load_default
from nlp_classifier.dataset import append_correction
from nlp_classifier.places import extract_places
from nlp_classifier.rules import load_rules
from nlp_classifier.similar import Match, PetitionRef, clusters, similar
from nlp_classifier.types import Classification, Classifier, Place, PlaceKind, Urgency

__all__ = [
    "Classification",
    "Classifier",
    "Match",
    "PetitionClassifier",
    "PetitionRef",
    "Place",
    "PlaceKind",
    "Urgency",
    "append_correction",
    "clusters",
    "extract_places",
    "load",
    "load_default",
    "load_rules",
    "similar",
]
