"""NB-SVM: log-count ratios favour a class's own features, weights count as documents, classes separate."""

from __future__ import annotations

import numpy as np
from scipy.sparse import csr_matrix

from nlp_classifier.nbsvm import fit_nbsvm, log_count_ratios

# Feature 0 only in class 0, feature 1 only in class 1, feature 2 in every document.
X = csr_matrix(np.array([[0.5, 0.0, 0.5], [0.8, 0.0, 0.2], [0.0, 0.6, 0.4], [0.0, 0.9, 0.1]]))
TRUTH = np.array([0, 0, 1, 1], dtype=np.intp)
ONES = np.ones(4)


def test_ratios_favour_the_features_of_a_class() -> None:
    ratios = log_count_ratios(X, TRUTH, ONES, 2)
    assert ratios.shape == (2, 3)
    assert ratios[0, 0] > 0 > ratios[0, 1]
    assert ratios[1, 1] > 0 > ratios[1, 0]
    assert np.allclose(ratios[0], -ratios[1])  # two classes: each is the other's rest


def test_weights_count_as_documents() -> None:
    doubled = log_count_ratios(X, TRUTH, np.array([2.0, 0.0, 1.0, 1.0]), 2)
    repeated = log_count_ratios(csr_matrix(X.toarray()[[0, 0, 2, 3]]), TRUTH, ONES, 2)
    assert np.allclose(doubled, repeated)


def test_it_separates_the_classes() -> None:
    coef, intercept = fit_nbsvm(X, TRUTH, ONES, 2, c=1.0, seed=0)
    assert coef.dtype == intercept.dtype == np.float32
    assert np.array_equal(np.asarray(X @ coef.T + intercept).argmax(axis=1), TRUTH)
