"""The database search's word handling under a threaded server (gunicorn --threads)."""

import threading

import snowballstemmer

from search import text


def test_stemming_in_many_threads_at_once_gives_every_thread_its_own_answer():
    # Distinct words, so the stem cache does not hide a stemmer shared between threads.
    words = [f"voorlichtingen{i}" for i in range(8000)] + [f"arbeidsmigranten{i}" for i in range(8000)]
    errors = []
    results = {}

    def stem_all(chunk):
        try:
            for word in chunk:
                results[word] = text.stem(word)
        except Exception as error:  # the shared stemmer raised IndexError mid-word
            errors.append(error)

    threads = [threading.Thread(target=stem_all, args=(words[i::8],)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    alone = snowballstemmer.stemmer(text._ALGORITHM)
    assert all(stem == alone.stemWord(word) for word, stem in results.items())
