"""Property-based tests of the Markdown method format: any record the format can hold
survives dump -> parse unchanged, and body blocks survive join -> split.

Pure Python (no database), like tests/test_catalogue_format.py.
"""

import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from methods import catalogue_format as fmt

# Letters (including Dutch and other accents), digits, spaces and punctuation that
# editors type. Markdown structure that the format itself reads ("## " headings, code
# fences and block markers at the start of a line) is generated separately below.
_ALPHABET = st.characters(
    categories=("L", "N", "P", "S", "Zs"),
    exclude_characters="\x85\u2028\u2029\ufeff#`~<",
)


def _strip(text):
    return " ".join(text.split())


words = st.text(_ALPHABET, min_size=1, max_size=40).map(_strip).filter(bool)
one_line = st.text(_ALPHABET, max_size=80).map(_strip)
lines = st.lists(one_line, min_size=1, max_size=6).map(lambda ls: "\n".join(ls).strip())
slugs = st.from_regex(r"\A[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,3}\Z")
dates = st.dates(datetime.date(1990, 1, 1), datetime.date(2025, 12, 31))
urls = st.builds(lambda host, path: f"https://{host}.example.org/{path}",
                 st.from_regex(r"\A[a-z]{1,10}\Z"), st.from_regex(r"\A[a-z0-9/-]{0,20}\Z"))


@st.composite
def ratings(draw):
    date = draw(st.none() | dates)
    valid_until = draw(st.none() | dates.filter(lambda d: date is None or d > date))
    return fmt.RatingRecord(draw(st.sampled_from(fmt.LEVELS)), draw(words), date, valid_until,
                            draw(st.just("") | lines), draw(st.just("") | urls))


@st.composite
def embedding(draw):
    items = draw(st.lists(st.sampled_from(fmt.EMBEDDING_ITEMS), unique=True, max_size=3))
    return [fmt.EmbeddingItem(item, draw(st.just("") | lines)) for item in items]


evaluations = st.builds(
    fmt.EvaluationRecord, title=words, design=st.sampled_from(fmt.EVALUATION_DESIGNS),
    year=st.none() | st.integers(fmt.YEAR_MIN, 2025), finding=st.just("") | lines,
    url=st.just("") | urls, document=st.none() | st.integers(1, 10_000),
)
sources = st.lists(st.builds(fmt.SourceRecord, urls, st.just("") | words), min_size=1, max_size=4,
                   unique_by=lambda s: s.url)

# Markdown that means something to the format's reader, to be sure it stays text.
markdown_lines = one_line | st.sampled_from(["# Kop één", "### Kop drie", "- punt", "1. punt", "> citaat", ""])
code_block = st.builds(lambda body: f"```\n## geen kop\n<!-- citaat -->\n{body}\n```", one_line)
markdown = st.lists(markdown_lines | code_block, min_size=1, max_size=6).map(
    lambda ls: "\n".join(ls).strip()).filter(bool)

image_blocks = st.builds(
    lambda image_id, alt, decorative: fmt.Block(
        "image", {"id": image_id, "alt": "" if decorative else alt, "decorative": decorative}),
    st.integers(1, 10_000), words | st.just("pijl --> en <tag>"), st.booleans(),
)
blocks = st.lists(
    st.builds(fmt.Block, st.just("markdown"), markdown)
    | st.builds(fmt.Block, st.just("quote"), lines.filter(bool))
    | image_blocks,
    max_size=6,
)


@st.composite
def records(draw):
    age_from = draw(st.none() | st.integers(fmt.AGE_MIN, fmt.AGE_MAX))
    age_to = draw(st.none() | st.integers(age_from or fmt.AGE_MIN, fmt.AGE_MAX))
    optional_line = st.just("") | words
    optional_text = st.just("") | lines
    values = dict(
        slug=draw(slugs),
        title=draw(words),
        summary=draw(lines.filter(lambda s: s and len(s) <= fmt.SUMMARY_MAX_LENGTH)),
        title_en=draw(optional_line),
        summary_en=draw(optional_text),
        seo_title=draw(optional_line),
        search_description=draw(optional_text),
        owner=draw(optional_line),
        age_from=age_from,
        age_to=age_to,
        age_note=draw(optional_line),
        costs=draw(optional_text),
        cost_band=draw(optional_line),
        duration=draw(optional_line),
        intensity=draw(optional_line),
        status=(status := draw(st.sampled_from(("", *fmt.STATUSES)))),
        ended_year=draw(st.none() | st.integers(fmt.YEAR_MIN, 2025)) if status == "discontinued" else None,
        status_note=draw(optional_line),
        contact_organisation=draw(optional_line),
        website=draw(st.just("") | urls),
        details_confidence=draw(st.sampled_from(("", *fmt.CONFIDENCES))),
        last_reviewed=draw(st.none() | dates),
        confidence=draw(st.sampled_from(("", *fmt.CONFIDENCES))),
        evidence_note=draw(optional_text),
        ratings=draw(st.lists(ratings(), max_size=3)),
        embedding=draw(embedding()),
        evaluations=draw(st.lists(evaluations, max_size=3)),
        sources=draw(sources),
        live=draw(st.none() | st.booleans()),
        body=fmt.join_body(draw(blocks)),
    )
    for name in fmt.VOCABULARY_KEYS:
        values[name] = draw(st.lists(words, unique=True, max_size=3))
    for name, _heading in fmt.SECTIONS:
        if name != "body":
            values[name] = draw(st.just("") | markdown)
    return fmt.MethodRecord(**values)


@settings(max_examples=300, deadline=None)
@given(records())
def test_any_record_survives_dump_and_parse(record):
    text = fmt.dump(record)
    parsed, errors = fmt.parse_text(text, "x.md")
    assert errors == []
    assert parsed == record
    assert fmt.dump(parsed) == text


@settings(max_examples=300, deadline=None)
@given(blocks)
def test_body_blocks_survive_join_and_split(value):
    text = fmt.join_body(value)
    parsed, problems = fmt.split_body(text)
    assert problems == []
    assert parsed == value


@settings(max_examples=200, deadline=None)
@given(records(), st.sampled_from([f.name for f in fmt.FIELDS if f.name not in ("slug", "live")]), st.data())
def test_a_file_that_changes_one_field_mentions_the_change_and_keeps_the_rest(record, name, data):
    """Parsing a dump with one field changed gives the same record but for that field."""
    other = data.draw(records())
    changed = fmt.MethodRecord(**{**_values(record), name: getattr(other, name)})
    if name in ("age_from", "age_to") and None not in (changed.age_from, changed.age_to):
        changed.age_from, changed.age_to = sorted((changed.age_from, changed.age_to))
    if name == "status" and changed.status != "discontinued":
        changed.ended_year = None
    if name == "ended_year" and changed.status != "discontinued":
        changed.status = "discontinued"
    parsed, errors = fmt.parse_text(fmt.dump(changed), "x.md")
    assert errors == []
    differing = {f for f in _values(record) if getattr(parsed, f) != getattr(record, f)}
    linked = {"age_from": {"age_to"}, "age_to": {"age_from"}, "status": {"ended_year"}, "ended_year": {"status"}}
    assert differing <= {name, *linked.get(name, ())}


def _values(record):
    return {f.name: getattr(record, f.name) for f in fmt.FIELDS} | {
        n: getattr(record, n) for n, _h in fmt.SECTIONS}


def test_a_file_mentions_only_what_it_states():
    record, errors = fmt.parse_text(
        "---\nslug: a\ntitle: A\nsummary: S\nowner: ''\nsources:\n  - https://e.org/\n---\n\n## Borging\n",
        "x.md")
    assert errors == []
    assert record.mentioned == {"slug", "title", "summary", "owner", "sources", "embedding_notes"}


def test_a_broken_image_marker_names_its_line_and_field():
    text = "---\nslug: a\ntitle: A\nsummary: S\nsources:\n  - https://e.org/\n---\n\n## Meer informatie\n\nTekst.\n\n<!-- afbeelding {\"id\": \"twaalf\"} -->\n"
    record, errors = fmt.parse_text(text, "x.md")
    assert record is None
    assert [(e.line, e.field) for e in errors] == [(13, "body")]
    assert "'id' moet het nummer van een afbeelding zijn" in errors[0].message


