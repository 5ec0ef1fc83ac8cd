"""NB-SVM (Wang & Manning 2012): one linear SVM per class on features scaled by naive-Bayes log-count ratios.

For class c, feature j is multiplied by r_cj = log((p_cj / |p_c|) / (q_cj / |q_c|)), where p_cj and q_cj count
(smoothed, weighted) the documents in and outside c that contain feature j. A binary SVM then learns on the
scaled features. Its score x . (w_c * r_c) + b_c is linear in the unscaled features, so the fitted model is
one coefficient matrix like any linear classifier's, and costs nothing more at inference.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray
from scipy.sparse import csr_matrix, diags
from sklearn.svm import LinearSVC

ALPHA = 1.0
"""Add-one smoothing of the document counts."""


def log_count_ratios(
    x: csr_matrix, truth: NDArray[np.intp], weights: NDArray[np.float64], n_classes: int
) -> NDArray[np.float64]:
    """(n_classes, n_features): each feature's log-count ratio for each class against the rest."""
    present = csr_matrix((np.ones_like(x.data, dtype=np.float64), x.indices, x.indptr), shape=x.shape)
    in_class = np.zeros((n_classes, len(truth)))
    in_class[truth, np.arange(len(truth))] = weights
    counts = np.asarray((present.T @ in_class.T).T)  # weighted documents of each class holding each feature
    p = counts + ALPHA
    q = counts.sum(axis=0) - counts + ALPHA
    return np.asarray(np.log(p / p.sum(axis=1, keepdims=True)) - np.log(q / q.sum(axis=1, keepdims=True)))


def fit_nbsvm(
    x: csr_matrix, truth: NDArray[np.intp], weights: NDArray[np.float64], n_classes: int, c: float, seed: int
) -> tuple[NDArray[np.float32], NDArray[np.float32]]:
    """Coefficients (n_classes, n_features) and intercepts (n_classes,) on the unscaled features."""
    ratios = log_count_ratios(x, truth, weights, n_classes)
    coef = np.empty_like(ratios)
    intercept = np.empty(n_classes)
    for label in range(n_classes):
        scaled = x @ diags(ratios[label])
        svm = LinearSVC(C=c, random_state=seed).fit(scaled, truth == label, sample_weight=weights)
        coef[label] = svm.coef_[0] * ratios[label]
        intercept[label] = svm.intercept_[0]
    return coef.astype(np.float32), intercept.astype(np.float32)
