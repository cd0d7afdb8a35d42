"""Offline mirrors of the three sources, in each site's documented markup (see shared sites.md).

Used by the tests, `coopwatch demo` and the benchmarks. Pages hold the placeholder ``{{BASE}}``
where the real site writes its own absolute URL (feeds, canonical links); the mirror server
replaces it with the address the request came to, so one set of files serves any host.
"""
