"""The intent classifier: the exported arrays score exactly as scikit-learn does, and the cache is safe.

Answering never imports scikit-learn: it scores with the arrays `export` takes from the fitted
vectorizer and linear SVM, with the calibrating temperature folded in. If that scoring drifted from
scikit-learn's own scores (a different tf weighting, a lost normalisation, a temperature applied twice),
every confidence the dispatch acts on would be wrong while the benchmark's accuracy might barely move;
so the two are compared on every training example.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from scipy.special import softmax

from handlers.understanding.classifier import (
    TEMPERATURE,
    BlockVectorizer,
    TrainingItem,
    export,
    fingerprint,
    fit,
    load_or_train,
)
from handlers.understanding.examples import training_examples
from handlers.understanding.features import WORD_PREFIX, features
from handlers.understanding.understand import training_items


@pytest.fixture(scope="module")
def items() -> list[TrainingItem]:
    return training_items(training_examples())


def test_exported_scores_match_scikit_learn_on_every_training_example(items: list[TrainingItem]) -> None:
    vectorizer, classifier = fit(items)
    model = export(vectorizer, classifier)
    texts = [item.text for item in items] + ["", "???", "et ord ingen har skrevet før: qwzx"]
    expected = softmax(classifier.decision_function(vectorizer.transform(texts)) / TEMPERATURE, axis=1)
    for text, row in zip(texts, expected, strict=True):
        ours = dict(model.probabilities(text))
        theirs = dict(zip(classifier.classes_, row, strict=True))
        assert ours.keys() == theirs.keys()
        assert max(abs(ours[k] - theirs[k]) for k in ours) < 1e-9, text


def test_the_block_tf_idf_is_scikit_learns_per_block(items: list[TrainingItem]) -> None:
    """The numpy vectorizer against the reference it replaced: one TfidfVectorizer per block
    (sublinear tf, smoothed idf, l2), the blocks side by side, for the training texts and unseen ones."""
    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import TfidfVectorizer

    def block(text: str, words: bool) -> list[str]:
        return [f for f in features(text) if f.startswith(WORD_PREFIX) == words]

    texts = [item.text for item in items]
    unseen = ["", "et ord ingen har skrevet før: qwzx", "hvem eier <system>? hvem eier <system>?"]
    ours = BlockVectorizer()
    fitted = ours.fit_transform(texts)
    references = [
        TfidfVectorizer(analyzer=lambda text, words=words: block(text, words), sublinear_tf=True)
        for words in (True, False)
    ]
    expected = hstack([r.fit_transform(texts) for r in references], format="csr")
    expected_unseen = hstack([r.transform(unseen) for r in references], format="csr")
    # the same features in another column order: compare through the feature names
    names = [*references[0].get_feature_names_out(), *references[1].get_feature_names_out()]
    order = [ours.vocabulary[name] for name in names]
    assert len(order) == len(ours.vocabulary)
    assert abs(fitted[:, order] - expected).max() < 1e-12
    assert abs(ours.transform(unseen)[:, order] - expected_unseen).max() < 1e-12


def test_probabilities_are_ranked_and_sum_to_one(items: list[TrainingItem]) -> None:
    model = export(*fit(items))
    ranked = model.probabilities("hvem eier <system>?")
    assert [p for _, p in ranked] == sorted((p for _, p in ranked), reverse=True)
    assert abs(sum(p for _, p in ranked) - 1.0) < 1e-9


def test_the_cache_is_written_once_reused_and_a_broken_file_is_retrained(
    items: list[TrainingItem], tmp_path: Path
) -> None:
    first = load_or_train(items, tmp_path)
    [cached] = tmp_path.glob("intents-*.npz")
    assert cached.name == f"intents-{fingerprint(items)}.npz"
    written = cached.stat().st_mtime_ns
    again = load_or_train(items, tmp_path)
    assert cached.stat().st_mtime_ns == written  # loaded, not retrained
    text = "når er neste møte i <body>?"
    assert again.probabilities(text) == first.probabilities(text)
    cached.write_bytes(b"not a model")
    rebuilt = load_or_train(items, tmp_path)
    assert [i for i, _ in rebuilt.probabilities(text)] == [i for i, _ in first.probabilities(text)]
    assert list(tmp_path.glob("*.tmp")) == []


def test_other_examples_train_another_model(items: list[TrainingItem]) -> None:
    fewer = items[1:]
    assert fingerprint(fewer) != fingerprint(items)
    assert np.isfinite(export(*fit(fewer)).intercept).all()
