#!/usr/bin/env python3
"""One-command setup: create .venv, install coopwatch into it, then run something.

    python3 dev.py test [pytest args]     set up, run ruff and mypy, then the whole test suite
    python3 dev.py start [coopwatch args] set up and run the main job (default: `coopwatch start`)
    python3 dev.py score                  set up, then score the cooperation parser: development part,
                                          held-out part, 5-fold cross-validation, keyword alert, own cases
    python3 dev.py train [--extra F.jsonl] set up, then retrain the parser's model (learn/party.json)
    python3 dev.py bench [--quick]        set up, then python -m benchmarks
    python3 dev.py setup                  only set up
    python3 dev.py lock [--upgrade | --upgrade-package NAME ...]
                                          re-lock after a change to pyproject.toml (new pins only for
                                          what changed), or move every pin / one package to its newest

Needs nothing but Python 3.11+. Installs the exact versions of requirements/dev.lock (hashes
checked); the install is redone only when pyproject.toml or the lock changes.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import subprocess
import sys
import venv
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python < 3.11: _create_venv() says so in one line
    tomllib = None  # type: ignore[assignment]

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("COOPWATCH_VENV", ROOT / ".venv"))
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".coopwatch-installed"
PYPROJECT = ROOT / "pyproject.toml"
# Everything dev.py runs (runtime, postgres, test and bench extras) in one resolution, so the
# benchmarks measure the versions the suite passed with; the Docker image installs the runtime
# lock, which is resolved within the dev lock and so holds the same versions.
DEV_LOCK = ROOT / "requirements" / "dev.lock"
RUNTIME_LOCK = ROOT / "requirements" / "runtime.lock"
UV = "uv==0.13.8"  # the locking tool, only needed by `dev.py lock`
PYPI = "https://pypi.org/simple"


def _pip() -> list[str]:
    return [str(BIN / "python"), "-m", "pip", "--disable-pip-version-check", "-q"]


def _wanted_stamp() -> str:
    digest = hashlib.sha256()
    for path in (PYPROJECT, DEV_LOCK):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _create_venv() -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 -- dev.py runs on whatever python3 the user has
        sys.exit(f"coopwatch needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    if not (BIN / "python").exists():
        print(f"creating virtual environment in {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)


def _pyproject() -> dict:
    return tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))


def _project_requirements() -> list[str]:
    """Every requirement pyproject.toml names: dependencies, all extras, the build backend."""
    project = _pyproject()
    extras = project["project"].get("optional-dependencies", {}).values()
    return [
        *project["build-system"]["requires"],
        *project["project"]["dependencies"],
        *(req for extra in extras for req in extra),
    ]


def _name(requirement: str) -> str:
    """The normalised distribution name of a requirement line (PEP 503)."""
    name = re.split(r"[\s\[<>=!~;,(@]", requirement.strip(), maxsplit=1)[0]
    return re.sub(r"[-_.]+", "-", name).lower()


def _unlocked() -> list[str]:
    """Requirements of pyproject.toml that the dev lock does not pin (added since the last lock)."""
    if not DEV_LOCK.exists():
        return ["(no lock file)"]
    pins = re.finditer(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==", DEV_LOCK.read_text(), re.MULTILINE)
    pinned = {_name(m[1]) for m in pins}
    wanted = {_name(r) for r in _project_requirements()} - {"coopwatch"}
    return sorted(wanted - pinned)


def setup() -> None:
    """Create the virtual environment and install the locked dependencies, then the project."""
    _create_venv()
    if STAMP.exists() and STAMP.read_text() == _wanted_stamp():
        return
    missing = _unlocked()
    if missing:
        sys.exit(f"requirements/dev.lock does not pin {', '.join(missing)} from pyproject.toml: "
                 "run `python3 dev.py lock` and commit requirements/")
    pip = _pip()
    print("installing coopwatch and the locked versions of requirements/dev.lock", flush=True)
    subprocess.run([*pip, "install", "--upgrade", "pip"], check=True)
    subprocess.run([*pip, "install", "--require-hashes", "-r", str(DEV_LOCK)], check=True)
    # the build backend is pinned in the lock too, hence no isolated build fetching the newest
    subprocess.run([*pip, "install", "--no-deps", "--no-build-isolation", "-e", str(ROOT)],
                   check=True)
    STAMP.write_text(_wanted_stamp())


def _lock_options(args: list[str]) -> list[str]:
    """`dev.py lock` arguments as uv's upgrade options; bad ones exit 2 with a usage line."""
    parser = argparse.ArgumentParser(prog="python3 dev.py lock")
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--upgrade", action="store_true", help="every pin to its newest allowed release")
    which.add_argument("--upgrade-package", action="append", default=[], metavar="NAME")
    options = parser.parse_args(args)
    if options.upgrade:
        return ["--upgrade"]
    return [arg for name in options.upgrade_package for arg in ("--upgrade-package", name)]


def lock(args: list[str]) -> int:
    """Write requirements/*.lock with uv: exact versions and the hashes of every PyPI file.

    Without arguments, the pins already in the lock stay and only what pyproject.toml added or
    changed is resolved anew; `--upgrade` moves every pin to the newest release its range allows,
    `--upgrade-package NAME` only that one. Then installs the new lock."""
    upgrade = _lock_options(args)
    _create_venv()
    subprocess.run([*_pip(), "install", UV], check=True)
    project = _pyproject()
    python = re.search(r"\d+\.\d+", project["project"]["requires-python"])
    compile_ = [
        str(BIN / "uv"), "pip", "compile", "pyproject.toml", "-",  # "-": the build backend, on stdin
        "--universal", "--python-version", python[0] if python else "3.11", "--generate-hashes",
        "--no-config", "--index-url", PYPI, "--custom-compile-command", "python3 dev.py lock",
        "--quiet",
    ]
    # PyPI only: a machine's own indexes or wheel folders must not end up in the lock
    env = {k: v for k, v in os.environ.items() if not k.startswith("UV_") or k == "UV_CACHE_DIR"}
    steps = {
        "requirements/dev.lock": ["--all-extras", *upgrade],
        "requirements/runtime.lock": ["--extra", "postgres", "--constraint", "requirements/dev.lock"],
    }
    DEV_LOCK.parent.mkdir(exist_ok=True)
    for path, options in steps.items():
        print(f"locking {path}", flush=True)
        done = subprocess.run([*compile_, *options, "-o", path], cwd=ROOT, env=env, check=False,
                              input="\n".join(project["build-system"]["requires"]), text=True)
        if done.returncode != 0:
            return done.returncode
    setup()
    return 0


def score() -> int:
    """The parser's figures (crawler/cooperation/learn/evaluate.py): development part, held-out part,
    5-fold cross-validation, the keyword alert on the same parts, and our own cases."""
    return subprocess.run([str(BIN / "python"), "-m", "crawler.cooperation.learn.evaluate"], cwd=ROOT,
                          check=False).returncode


def train(rest: list[str]) -> int:
    """Retrain the parser's model files from the annotated sets (learn/train.py)."""
    return subprocess.run([str(BIN / "python"), "-m", "crawler.cooperation.learn.train", *rest], cwd=ROOT,
                          check=False).returncode


def lint() -> list[str]:
    """Run ruff and mypy --strict as pyproject.toml configures them; the names of those that failed."""
    checks = {
        "ruff check .": [str(BIN / "ruff"), "check", "."],
        "mypy --strict": [str(BIN / "python"), "-m", "mypy"],
    }
    failed = []
    for name, cmd in checks.items():
        print(f"== {name}", flush=True)
        if subprocess.run(cmd, cwd=ROOT, check=False).returncode != 0:
            failed.append(name)
    return failed


def main(argv: list[str]) -> int:
    command, rest = (argv[0], argv[1:]) if argv else ("start", [])
    if command == "lock":
        return lock(rest)
    setup()
    if command == "setup":
        return 0
    if command == "score":
        return score()
    if command == "train":
        return train(rest)
    if command == "bench":
        return subprocess.run([str(BIN / "python"), "-m", "benchmarks", *rest], cwd=ROOT, check=False).returncode
    if command == "test":
        failed = lint()
        if failed:
            print(f"dev.py test: {' and '.join(failed)} failed: fix the problems above (pytest not run)",
                  file=sys.stderr, flush=True)
            return 1
        parallel = [] if any(a == "-n" or a.startswith("-n") for a in rest) else ["-n", "auto"]
        cmd = [str(BIN / "python"), "-m", "pytest", *parallel, *rest]
    elif command == "start":
        cmd = [str(BIN / "coopwatch"), *(rest or ["start"])]
    else:
        sys.exit(__doc__)
    return subprocess.run(cmd, cwd=ROOT, check=False).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
