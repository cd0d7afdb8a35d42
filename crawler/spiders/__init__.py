"""One spider per source; the shared crawling logic is in base.py."""
