"""Benchmarks: `python -m benchmarks [--quick] [--out FILE]` prints figures and writes results.json."""
