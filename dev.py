#!/usr/bin/env python3
"""One-command setup: create .venv, install coopwatch into it, then run something.

    python3 dev.py test [pytest args]     set up and run the whole test suite
    python3 dev.py start [coopwatch args] set up and run the main job (default: `coopwatch start`)
    python3 dev.py score                  set up, then score the cooperation parser on the
                                          seeds + development set, and on tests/gold/extra.jsonl
    python3 dev.py bench [--quick]        set up (with the benchmark extras), then python -m benchmarks
    python3 dev.py setup                  only set up

Needs nothing but Python 3.11+. The install is redone only when pyproject.toml changes.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("COOPWATCH_VENV", ROOT / ".venv"))
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".coopwatch-installed"


def _wanted_stamp() -> str:
    return hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()


def setup() -> None:
    """Create the virtual environment and install the project with its test extras."""
    if sys.version_info < (3, 11):
        sys.exit(f"coopwatch needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    if not (BIN / "python").exists():
        print(f"creating virtual environment in {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    if STAMP.exists() and STAMP.read_text() == _wanted_stamp():
        return
    pip = [str(BIN / "python"), "-m", "pip", "--disable-pip-version-check", "-q"]
    print("installing coopwatch and its dependencies (first run only)", flush=True)
    subprocess.run([*pip, "install", "--upgrade", "pip"], check=True)
    subprocess.run([*pip, "install", "-e", f"{ROOT}[test]"], check=True)
    STAMP.write_text(_wanted_stamp())


def score() -> int:
    """Score `coopwatch extract` with shared/tools/score_extraction.py on the annotated sets."""
    shared = Path(os.environ.get("COOPWATCH_SHARED", ROOT.parent / "shared"))
    scorer = shared / "tools" / "score_extraction.py"
    if not scorer.exists():
        sys.exit(f"no scorer at {scorer}; set COOPWATCH_SHARED to the shared/ folder")
    sets = {
        "seeds + development set": [shared / "gold" / "seeds.jsonl", shared / "gold" / "dev.jsonl"],
        "coopwatch's own cases (tests/gold/extra.jsonl)": [ROOT / "tests" / "gold" / "extra.jsonl"],
    }
    status = 0
    for label, files in sets.items():
        rows = []
        for path in files:
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    row = json.loads(line)
                    if "text" not in row:
                        row["text"] = (path.parent / row.pop("text_file")).read_text(encoding="utf-8")
                    rows.append(row)
        with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as tmp:
            tmp.write("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
        print(f"== {label}: {len(rows)} articles", flush=True)
        done = subprocess.run([sys.executable, str(scorer), tmp.name, "--", str(BIN / "coopwatch"), "extract"])
        os.unlink(tmp.name)
        status = status or done.returncode
    return status


def main(argv: list[str]) -> int:
    command, rest = (argv[0], argv[1:]) if argv else ("start", [])
    setup()
    if command == "setup":
        return 0
    if command == "score":
        return score()
    if command == "bench":
        pip = [str(BIN / "python"), "-m", "pip", "--disable-pip-version-check", "-q"]
        subprocess.run([*pip, "install", "-e", f"{ROOT}[test,bench]"], check=True)
        return subprocess.run([str(BIN / "python"), "-m", "benchmarks", *rest], cwd=ROOT).returncode
    if command == "test":
        parallel = [] if any(a == "-n" or a.startswith("-n") for a in rest) else ["-n", "auto"]
        cmd = [str(BIN / "python"), "-m", "pytest", *parallel, *rest]
    elif command == "start":
        cmd = [str(BIN / "coopwatch"), *(rest or ["start"])]
    else:
        sys.exit(__doc__)
    return subprocess.run(cmd, cwd=ROOT).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
