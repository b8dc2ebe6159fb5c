"""One place that calls the search engineer's similarity function (search.similar)."""

import logging

logger = logging.getLogger(__name__)

TITLE_MAX = 255
SUMMARY_MAX = 1000


def similar_for(title, summary, *, exclude_page_id=None, limit=5):
    """Live methods most like this title and summary, most similar first; [] on empty input."""
    title, summary = (title or "")[:TITLE_MAX], (summary or "")[:SUMMARY_MAX]
    if not (title.strip() or summary.strip()):
        return []
    from search.similar import similar_methods  # imported late: search depends on methods

    return similar_methods(title=title, summary=summary, exclude_page_id=exclude_page_id, limit=limit)
