"""Train the party model; report its cross-validated figures.

    python3 dev.py train [--extra corrected.jsonl ...]

Reads the development part of the annotated sets (learn/data.py; the held-out part is never used
for training), takes every organisation the rules put on a side that names several, labels it by
whether the annotators list it as a party, fits a logistic regression with a fixed seed and writes
learn/party.json. The same data always gives the same file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]  # scikit-learn ships no hints
from sklearn.model_selection import StratifiedKFold  # type: ignore[import-untyped]

from crawler.cooperation.learn import model
from crawler.cooperation.learn.data import Article, load, sets
from crawler.cooperation.normalize import fold, normalize
from crawler.cooperation.parser import party_choices, read_candidates

SEED = 0
C = 1.0


def _prepared(article: Article) -> tuple[str, str, dt.date | None]:
    published = dt.date.fromisoformat(article["published_at"]) if article.get("published_at") else None
    return normalize(article.get("title") or ""), normalize(article.get("text") or ""), published


def party_examples(articles: list[Article]) -> tuple[list[dict[str, float]], list[int]]:
    """Each organisation on a side with several, labelled by whether the annotators list it as a party."""
    features: list[dict[str, float]] = []
    labels: list[int] = []
    for article in articles:
        title, text, published = _prepared(article)
        gold = {"vn": [p for e in article.get("events") or [] for p in e["vn_parties"]],
                "kr": [p for e in article.get("events") or [] for p in e["kr_parties"]]}
        for _cand, side, _mentions, scored in party_choices(title, text, read_candidates(title, text, published)):
            for mention, f in scored:
                features.append(f)
                labels.append(int(_matches(mention.name, gold[side])
                                  or bool(mention.acronym and _matches(mention.acronym, gold[side]))))
    return features, labels


def _names(party: dict[str, Any]) -> set[str]:
    return {fold(n) for n in [party.get("name"), *party.get("aliases", [])] if n}


def _matches(mention_name: str, gold: list[dict[str, Any]]) -> bool:
    mine = fold(mention_name)
    for party in gold:
        for name in _names(party):
            short, long_ = sorted((mine, name), key=len)
            if mine == name or (len(short) >= 8 and short in long_):
                return True
    return False


def fit(features: list[dict[str, float]], labels: list[int]) -> dict[str, float]:
    names = sorted({k for f in features for k in f if k != "bias"})
    matrix = [[f.get(n, 0.0) for n in names] for f in features]
    model = LogisticRegression(C=C, class_weight="balanced", random_state=SEED, solver="liblinear")
    model.fit(matrix, labels)
    weights = {n: round(float(w), 6) for n, w in zip(names, model.coef_[0], strict=True)}
    weights["bias"] = round(float(model.intercept_[0]), 6)
    return weights


def cross_validate(name: str, features: list[dict[str, float]], labels: list[int], folds: int = 5) -> dict[str, float]:
    """Accuracy, precision, recall and F1 of a model on examples it was not trained on."""
    tp = fp = fn = tn = 0
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=SEED)
    for train_at, test_at in splitter.split(features, labels):
        weights = fit([features[i] for i in train_at], [labels[i] for i in train_at])
        for i in test_at:
            said = model.probability(weights, features[i]) >= model.THRESHOLD[name]
            tp += said and labels[i] == 1
            fp += said and labels[i] == 0
            fn += (not said) and labels[i] == 1
            tn += (not said) and labels[i] == 0
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"accuracy": round((tp + tn) / max(len(labels), 1), 3), "precision": round(precision, 3),
            "recall": round(recall, 3), "f1": round(f1, 3)}


def _refuse(reason: str) -> int:
    print(f"dev.py train: {reason}", file=sys.stderr)
    return 2


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="dev.py train", description=__doc__.split("\n")[0])
    parser.add_argument("--extra", type=Path, action="append", default=[], help="more annotated JSON lines")
    parser.add_argument("--out", type=Path, default=model.FOLDER, help="folder for party.json")
    args = parser.parse_args(argv)
    if not args.out.is_dir():
        return _refuse(f"--out {args.out}: no such folder")
    extra: list[Article] = []
    for path in args.extra:
        try:
            extra += load(path)
        except OSError as error:
            return _refuse(f"--extra {path}: {error.strerror or error}")
        except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError) as error:
            return _refuse(f"--extra {path}: not annotated JSON lines ({error})")
    articles = sets()["develop"] + extra
    with model.accepting_all():
        built = {"party": party_examples(articles)}
    for name, (features, labels) in built.items():
        weights = fit(features, labels)
        report = cross_validate(name, features, labels)
        data = {"threshold": model.THRESHOLD[name], "cross_validated": report,
                "trained_on": {"articles": len(articles), "examples": len(labels), "positive": sum(labels)},
                "weights": dict(sorted(weights.items()))}
        out = args.out / f"{name}.json"
        try:
            out.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        except OSError as error:
            return _refuse(f"--out {args.out}: {error.strerror or error}")
        print(f"wrote {out}: {len(labels)} examples ({sum(labels)} positive) from {len(articles)} articles; "
              f"5-fold {report}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
