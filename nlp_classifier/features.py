"""Turning petitions into feature vectors: word n-grams, character n-grams and title characters."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer

from nlp_classifier.char_ngrams import CharNgrams
from nlp_classifier.text import MAX_BODY_CHARS, Token, content_words, tag


@dataclass(frozen=True, slots=True)
class Doc:
    """A petition prepared once: its title, its text (title and truncated body) and its tagged tokens."""

    title: str
    text: str
    tokens: list[Token]

    @property
    def words(self) -> list[str]:
        return content_words(self.tokens)


def make_doc(title: str, body: str) -> Doc:
    """Join the title and the first MAX_BODY_CHARS of the body, and tag them."""
    text = f"{title}\n{body[:MAX_BODY_CHARS]}"
    return Doc(title, text, tag(text))


def _words_vectorizer(min_df: int) -> TfidfVectorizer:
    return TfidfVectorizer(
        tokenizer=str.split,
        token_pattern=None,
        lowercase=False,
        ngram_range=(1, 2),
        sublinear_tf=True,
        min_df=min_df,
    )


def _chars_vectorizer(min_df: int) -> TfidfVectorizer:
    return TfidfVectorizer(analyzer="char", ngram_range=(1, 3), sublinear_tf=True, min_df=min_df)


class PetitionVectorizer:
    """TF-IDF over words (1-2 grams), characters of the text (1-3 grams) and of the title (1-3 grams)."""

    def __init__(self, min_df: int) -> None:
        self.words = _words_vectorizer(min_df)
        self.chars = _chars_vectorizer(min_df)
        self.title_chars = _chars_vectorizer(min_df)

    def fit_transform(self, docs: list[Doc]) -> csr_matrix:
        parts = [
            self.words.fit_transform(_word_texts(docs)),
            self.chars.fit_transform([d.text for d in docs]),
            self.title_chars.fit_transform([d.title for d in docs]),
        ]
        return hstack(parts, format="csr", dtype=np.float32)

    def transform(self, docs: list[Doc]) -> csr_matrix:
        """As scikit-learn would, with the character n-grams counted by the faster `CharNgrams`."""
        parts = [
            self.words.transform(_word_texts(docs)),
            self._fast_chars.transform([d.text for d in docs]),
            self._fast_title_chars.transform([d.title for d in docs]),
        ]
        return hstack(parts, format="csr", dtype=np.float32)

    @cached_property
    def _fast_chars(self) -> CharNgrams:
        return CharNgrams(self.chars)

    @cached_property
    def _fast_title_chars(self) -> CharNgrams:
        return CharNgrams(self.title_chars)

    def __getstate__(self) -> dict[str, object]:
        """Pickle the fitted vectorizers, not the lookup tables derived from them."""
        return {k: v for k, v in self.__dict__.items() if not k.startswith("_fast")}

    @property
    def n_word_features(self) -> int:
        """Word features come first in the vector; explanations quote only them."""
        return len(self.words.vocabulary_)

    def word_names(self) -> list[str]:
        """The word n-grams by column index."""
        names = [""] * self.n_word_features
        for name, index in self.words.vocabulary_.items():
            names[index] = name
        return names


def _word_texts(docs: Iterable[Doc]) -> list[str]:
    return [" ".join(d.words) for d in docs]
