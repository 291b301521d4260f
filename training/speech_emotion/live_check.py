"""Leave-one-speaker-out check of the *live* normalisation path (running per-user statistics).

``train.py`` normalises a held-out speaker with statistics over all of that speaker's files, which a live user
does not have. Here each held-out speaker's files are fed one at a time in a fixed random order (seed 0), as
:meth:`amity.senses.speech_emotion.SpeechEmotion.predict` does: update the running :class:`SpeakerStats`
(prior = average training speaker, 10 pseudo-utterances), normalise, predict. Uses the cached features and
the shipped configuration; prints JSON.

    nice -n 10 python training/speech_emotion/live_check.py [--config NAME]   # after train.py (feature cache)
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train import CONFIGS, SHIPPED, columns, fit, load_features, shared_data

from amity.senses.evaluation import uar
from amity.senses.speech_emotion import EMODB_LETTERS, SpeakerStats, normalise, speaker_normalise


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", default=SHIPPED, choices=[cfg[0] for cfg in CONFIGS])
    args = parser.parse_args()
    X, names = load_features(shared_data() / "emodb" / "wav")
    _, sets, c, k = next(cfg for cfg in CONFIGS if cfg[0] == args.config)
    X = X[:, columns(sets)]
    y = np.array([EMODB_LETTERS[n[5]] for n in names])
    spk = np.array([n[:2] for n in names])
    pred = np.empty(len(y), dtype=object)
    first_ten = []
    rng = np.random.default_rng(0)
    for s in sorted(set(spk)):
        train = spk != s
        model = fit(speaker_normalise(X[train], list(spk[train])), list(y[train]), c, k)
        others = sorted(set(spk[train]))
        prior_mean = np.mean([X[spk == o].mean(axis=0) for o in others], axis=0)
        prior_std = np.mean([X[spk == o].std(axis=0) + 1e-8 for o in others], axis=0)
        stats = SpeakerStats(prior_mean, prior_std, prior_weight=10.0)
        order = rng.permutation(np.flatnonzero(~train))
        for step, i in enumerate(order):
            stats.update(X[i])
            mean, std = stats.current()
            pred[i] = model.predict(normalise(X[i], mean, std))[0]
            if step < 10:
                first_ten.append(i)
    result = {
        "config": args.config,
        "live_uar": round(uar(list(y), list(pred)), 4),
        "live_accuracy": round(float(np.mean(pred == y)), 4),
        "first_10_utterances_accuracy": round(float(np.mean(pred[first_ten] == y[first_ten])), 4),
        "n": len(y),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
