"""The fast character n-gram transform gives exactly what scikit-learn gives."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from nlp_classifier.char_ngrams import CharNgrams
from nlp_classifier.dataset import Example

EDGE_CASES = ["", " ", "a", "AB  cd\n\n ef", "小区😀停水😀😀", "停水停水停水", "Ｋ１区 k1区 K1区"]


@pytest.mark.parametrize(("ngram_range", "min_df"), [((1, 3), 2), ((2, 3), 1), ((1, 1), 1)])
def test_same_matrix_as_scikit_learn(
    sample: list[Example], ngram_range: tuple[int, int], min_df: int
) -> None:
    texts = [f"{e.title}\n{e.text}" for e in sample]
    vectorizer = TfidfVectorizer(analyzer="char", ngram_range=ngram_range, sublinear_tf=True, min_df=min_df)
    vectorizer.fit(texts[:150] + EDGE_CASES)
    unseen = texts[150:] + EDGE_CASES
    expected = vectorizer.transform(unseen).toarray()
    assert np.allclose(CharNgrams(vectorizer).transform(unseen).toarray(), expected, rtol=0, atol=1e-12)


def test_other_analyzers_are_refused() -> None:
    with pytest.raises(ValueError, match="character n-grams"):
        CharNgrams(TfidfVectorizer(analyzer="word"))
