"""The catalogue's own vocabulary: every word of the live methods' texts, taxonomy labels
and synonyms, with how often it occurs.

The database search uses it for typo tolerance and "Bedoelde u …?" (nearest words by
edit distance, through rapidfuzz), the engine's index for its decompounding word list.
Built once per state of the catalogue (cached on the number of live pages, the latest
publication and the synonyms), so a search costs one small query to check it.
"""

import functools
import threading
from collections import Counter

from django.db.models import Count, Max
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from methods.models import MethodPage

from .documents import TEXT_SOURCES
from .facets import FACETS
from .models import Synonym
from .text import markdown_text, words

# A word needs this many letters before a misspelling of it is guessed at: shorter words
# are too often another real word one letter off.
MIN_FUZZY_LENGTH = 5
# At most this many catalogue words stand in for one unknown word.
MAX_ALTERNATIVES = 3

_lock = threading.Lock()


def max_edits(word):
    """One letter off for words of 5-8 letters, two for longer ones (the engine's AUTO:5,9)."""
    return 1 if len(word) < 9 else 2


def _fingerprint():
    live = MethodPage.objects.live().public().aggregate(n=Count("pk"), last=Max("last_published_at"))
    synonyms = Synonym.objects.aggregate(n=Count("pk"), last=Max("pk"))
    return live["n"], live["last"], synonyms["n"], synonyms["last"]


@functools.lru_cache(maxsize=2)
def _build(fingerprint):
    counts = Counter()
    fields = [name for name in TEXT_SOURCES]
    for row in MethodPage.objects.live().public().values_list(*fields).iterator(chunk_size=1000):
        for value in row:
            counts.update(words(markdown_text(value or "")))
    for facet in FACETS:
        if facet.kind == "taxonomy":
            for name in facet.model.objects.values_list("name", flat=True):
                counts.update(words(name))
    for group in Synonym.objects.all():
        for term in group.term_list:
            counts.update(words(term))
    return counts


def vocabulary():
    """Counter of the catalogue's words (folded, stop words out)."""
    with _lock:
        return _build(_fingerprint())


# Dutch inflection endings: "herken" + "nen", "krijg" + "t", "verwijder" + "d".
ENDINGS = ("e", "en", "n", "s", "t", "d", "de", "te", "den", "ten", "nen", "sen", "er", "ers", "ende")


def is_other_form(word, counts=None):
    """True when the word is a catalogue word with an inflection ending added or taken off
    ("herken" of "herkennen", "verwijderd" of "verwijderen"): a real word, not a typo."""
    counts = vocabulary() if counts is None else counts
    if word in counts:
        return True
    if any(word + ending in counts for ending in ENDINGS):
        return True
    for ending in ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            base = word[: -len(ending)]
            if base in counts or any(base + other in counts for other in ENDINGS):
                return True
    return False


def nearest(word, counts=None, limit=MAX_ALTERNATIVES):
    """Catalogue words within max_edits of an unknown word, closest and most frequent first;
    [] when the word is known, short or a number."""
    counts = vocabulary() if counts is None else counts
    if len(word) < MIN_FUZZY_LENGTH or word.isdigit() or word in counts:
        return []
    found = process.extract(word, counts.keys(), scorer=Levenshtein.distance,
                            score_cutoff=max_edits(word), limit=50)
    found.sort(key=lambda item: (item[1], -counts[item[0]], item[0]))
    return [candidate for candidate, _distance, _index in found[:limit]]
