"""Plain-text helpers shared by the database search and the similarity check.

The engine has a real Dutch analyser; on the database we do the same in Python: lowercase,
strip accents, drop the Snowball Dutch stop words and stem with the Snowball Dutch stemmer
(the algorithm of the engine's `dutch` stemmer), so "voorlichtingen" and "Voorlichting" meet.
"""

import functools
import re
import threading
import unicodedata

import snowballstemmer
import stopwordsiso

MAX_QUERY_LENGTH = 200

_WORD = re.compile(r"[a-z0-9]+")

# The Snowball Dutch stop list; the engine's index uses exactly this list too.
DUTCH_STOPWORDS = tuple(
    """
    de en van ik te dat die in een hij het niet zijn is was op aan met als voor had er maar om hem
    dan zou of wat mijn men dit zo door over ze zich bij ook tot je mij uit der daar haar naar heb
    hoe heeft hebben deze u want nog zal me zij nu ge geen omdat iets worden toch al waren veel meer
    doen toen moet ben zonder kan hun dus alles onder ja eens hier wie werd altijd doch wordt wezen
    kunnen ons zelf tegen na reeds wil kon niets uw iemand geweest andere
    """.split()
)
# The database search leaves out exactly the words the engine leaves out.
STOPWORDS = frozenset(DUTCH_STOPWORDS)

# A search that opens with one of these or ends in "?" is a question ("hoe herken ik dat een
# leerling wordt geronseld"): its function words ("ik", "maak", "zodat") are left out too,
# from the longer Dutch list of stopwords-iso, so the content words decide the ranking.
QUESTION_OPENERS = frozenset(
    "hoe wat waar waarom wanneer welke welk wie kan kun kunt kunnen mag mogen moet moeten is zijn "
    "heeft hebben bestaat bestaan werkt werken helpt".split()
)
FUNCTION_WORDS = frozenset(stopwordsiso.stopwords("nl")) | STOPWORDS

# "dutch_porter" is the Snowball algorithm the engine's `dutch` stemmer runs (Lucene's
# DutchStemmer); Snowball 3's new "dutch" algorithm stems differently.
_ALGORITHM = "dutch_porter" if "dutch_porter" in snowballstemmer.algorithms() else "dutch"
# A Snowball stemmer keeps its working state on the instance, so threads sharing one
# mix up each other's words (IndexError under gunicorn's threaded workers): one per thread.
_stemmers = threading.local()


def _stemmer():
    stemmer = getattr(_stemmers, "dutch", None)
    if stemmer is None:
        stemmer = _stemmers.dutch = snowballstemmer.stemmer(_ALGORITHM)
    return stemmer


def fold(text):
    """Lowercase without diacritics: 'Barrièremodel' -> 'barrieremodel'."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


@functools.lru_cache(maxsize=65536)
def stem(word):
    return _stemmer().stemWord(word)


def words(text):
    """Folded words in order, stop words and single letters left out."""
    return [w for w in _WORD.findall(fold(text)) if len(w) > 1 and w not in STOPWORDS]


def is_question(text):
    found = _WORD.findall(fold(text))
    return bool(found) and (found[0] in QUESTION_OPENERS or text.rstrip().endswith("?"))


def search_words(text):
    """The words a search looks for: words(), and for a question without its function
    words (all of them when nothing else is left)."""
    found = words(text)
    if is_question(text):
        content = [w for w in found if w not in FUNCTION_WORDS]
        return content or found
    return found


def tokens(text):
    """The set of stemmed words, for overlap scores."""
    return {stem(w) for w in words(text)}


def clean_query(raw):
    """A user's query as we search for it: at most 200 characters, whitespace collapsed,
    control characters removed. Everything else (quotes, brackets, emoji) is kept: the
    backends treat it as plain text."""
    text = "".join(ch if ch.isprintable() else " " for ch in (raw or "")[:MAX_QUERY_LENGTH])
    return " ".join(text.split())


_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")  # [text](url) and ![alt](src) keep only the text
_TAG = re.compile(r"<[^>]+>")
_MARKUP = re.compile(r"(^|\s)(#{1,6}|[-*+]|\d+\.|>)\s+|[*`]{1,3}|(?<!\w)_{1,3}|_{1,3}(?!\w)", re.MULTILINE)


def markdown_text(markdown):
    """Readable plain text of a Markdown field, for indexing and snippets.

    Cheaper than rendering to HTML and stripping it (a Markdown parser per field made
    index builds five times slower), and good enough for words and short fragments."""
    if not markdown:
        return ""
    text = _LINK.sub(r"\1", markdown)
    text = _TAG.sub(" ", text)
    text = _MARKUP.sub(r"\1", text)
    return " ".join(text.split())
