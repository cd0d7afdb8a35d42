"""Figures for `python3 dev.py score`: the parser on the development part, on the held-out part, and a
5-fold cross-validated estimate in which the model of each fold never saw the fold's articles.

The scoring itself is ../shared/tools/score_extraction.py, run on prediction files written here.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from sklearn.model_selection import StratifiedKFold  # type: ignore[import-untyped]

from crawler.cooperation.learn import model
from crawler.cooperation.learn.data import Article, load, sets, shared_dir
from crawler.cooperation.learn.train import SEED, fit, party_examples
from crawler.cooperation.parser import parse_article


def predict(article: Article) -> dict[str, Any]:
    """One line of `coopwatch extract`'s output."""
    published = dt.date.fromisoformat(article["published_at"]) if article.get("published_at") else None
    result = parse_article(article.get("title"), "", article.get("text") or "", published, article.get("url"))
    return {"id": article["id"], "relevant": result.relevant,
            "events": [json.loads(e.model_dump_json()) for e in result.events]}


def cross_validated(articles: list[Article], folds: int = 5) -> list[dict[str, Any]]:
    """Predictions for every article by a gate trained on the other folds."""
    out: dict[int, dict[str, Any]] = {}  # by position: dev.jsonl and train.jsonl share some ids
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=SEED)
    strata = [int(bool(a["relevant"])) for a in articles]
    for train_at, test_at in splitter.split(articles, strata):
        train = [articles[i] for i in train_at]
        with model.accepting_all():
            party_weights = fit(*party_examples(train))
        with model.weights_of("party", party_weights):
            for i in test_at:
                out[i] = predict(articles[i])
    return [out[i] for i in range(len(articles))]


def score(label: str, articles: list[Article], predictions: list[dict[str, Any]] | None = None,
          command: list[str] | None = None) -> str:
    """The shared scorer's lines (misses left out) for predictions, or for a command it runs itself."""
    scorer = shared_dir() / "tools" / "score_extraction.py"
    with tempfile.TemporaryDirectory() as tmp:
        gold, pred = Path(tmp) / "gold.jsonl", Path(tmp) / "pred.jsonl"
        gold.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles), encoding="utf-8")
        if command is None:
            pred.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in predictions or []),
                            encoding="utf-8")
            how = ["--pred", str(pred)]
        else:
            how = ["--", *command]
        done = subprocess.run([sys.executable, str(scorer), str(gold), *how], capture_output=True, text=True,
                              check=True)
    lines = [line for line in done.stdout.splitlines() if not line.startswith("miss ")]
    return f"== {label}: {len(articles)} articles\n" + "\n".join(lines)


def keyword_alert(mode: str) -> list[str]:
    return [sys.executable, str(shared_dir() / "tools" / "keyword_alert.py"), mode]


def main() -> int:
    named = sets()
    print(score("development part (seeds + dev + 4/5 of train; the rules were written on it)",
                named["develop"], [predict(a) for a in named["develop"]]))
    print(score("held-out part (1/5 of train, never read while developing)",
                named["held_out"], [predict(a) for a in named["held_out"]]))
    print(score("5-fold cross-validated (development part; each fold's party model trained without it)",
                named["develop"], cross_validated(named["develop"])))
    for part in ("held_out", "develop"):
        for mode in ("broad", "signing"):
            alert = score(f"keyword alert '{mode}' on the {part.replace('_', '-')} part (relevance only)",
                          named[part], command=keyword_alert(mode))
            print("\n".join(line for line in alert.splitlines() if line.startswith(("==", "relevance"))))
    own = load(Path(__file__).resolve().parents[3] / "tests" / "gold" / "extra.jsonl")
    print(score("coopwatch's own cases (tests/gold/extra.jsonl, written for the rules)", own,
                [predict(a) for a in own]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
