"""The English interface is complete: every string translated, and the compiled
catalogue the site loads matches the source."""

import ast
import gettext
import re
from pathlib import Path

LOCALE = Path(__file__).resolve().parents[1] / "locale" / "en" / "LC_MESSAGES"


def po_entries():
    """(msgid, msgstr, flags) for the singular entries of django.po."""
    text = (LOCALE / "django.po").read_text(encoding="utf-8")
    entries = []
    for block in text.split("\n\n"):
        if block.lstrip().startswith("#~") or "msgid_plural" in block:
            continue
        flags = " ".join(line for line in block.splitlines() if line.startswith("#,"))
        match = re.search(r'^msgid ((?:".*"\n?)+)msgstr ((?:".*"\n?)+)', block + "\n", re.M)
        if match:
            unquote = lambda chunk: "".join(ast.literal_eval(line) for line in chunk.split("\n") if line)  # noqa: E731
            entries.append((unquote(match.group(1)), unquote(match.group(2)), flags))
    return [entry for entry in entries if entry[0]]  # skip the header


def test_every_string_is_translated_and_none_is_fuzzy():
    entries = po_entries()
    assert len(entries) > 300
    assert [msgid for msgid, msgstr, _ in entries if not msgstr] == []
    assert [msgid for msgid, _, flags in entries if "fuzzy" in flags] == []


def test_compiled_catalogue_matches_the_source():
    with (LOCALE / "django.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = [msgid for msgid, msgstr, _ in po_entries() if compiled.gettext(msgid) != msgstr]
    assert stale == [], "run `make messages` to recompile django.mo"
