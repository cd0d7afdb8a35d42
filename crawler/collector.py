"""The garbage collector's settings for the two busy processes of a crawl (crawl and writer)."""

from __future__ import annotations

import gc

# Python collects its youngest generation every 700 new container objects; a crawl makes that
# many for every few pages (requests, responses, deferreds, parse trees), and each collection also
# promotes whatever is in flight at that moment. Ten times fewer collections were about a tenth of
# the crawl process's CPU and 15% of the writer's per article on the benchmark mirror.
YOUNG_COLLECTION_EVERY = 7000


def settle_after_start_up() -> None:
    """Put what start-up made (modules, reference data, components: all kept to the end) out of
    the collector's sight, so that its full collections do not walk it again and again, and
    collect the young generation less often."""
    gc.freeze()
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_COLLECTION_EVERY, middle, old)
