"""The catalogue's own file format for one method: Markdown with YAML front matter.

One file per method, named ``<slug>.md``::

    ---
    slug: girls-talk
    title: Girls' Talk
    summary: ...
    sources:
      - https://www.nji.nl/interventies/girls-talk
    ---

    ## Borging

    Free Markdown text.

Short, structured facts live in the front matter; long texts live in the body under
fixed level-2 headings (``SECTIONS``). This module is pure Python (no Django) so the
format can be validated and tested on its own, e.g. before an import touches the
database. ``parse_text`` reports every problem it finds, each with a line number, so an
editor can fix a file in one pass; ``dump`` writes the canonical form, which parses
back to the same text byte for byte.
"""

from __future__ import annotations

import dataclasses
import datetime
import json
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, NamedTuple
from urllib.parse import urlsplit

import yaml

# The longest summary in the seed catalogue is 580 characters; 600 leaves a little room
# while keeping summaries short enough for result lists.
SUMMARY_MAX_LENGTH = 600
TITLE_MAX_LENGTH = 255
# Limits mirror the page model so that a file that validates here also saves there.
NAME_MAX_LENGTH = 255  # owner organisation, assessor, evaluation title, short text fields
VOCABULARY_MAX_LENGTH = 120  # the taxonomy snippets' name field
URL_MAX_LENGTH = 500
AGE_MIN, AGE_MAX = 0, 120
YEAR_MIN = 1950
# A method file is a few kilobytes; the cap keeps a hostile upload from eating memory.
MAX_FILE_BYTES = 1_000_000
MAX_ARCHIVE_MEMBERS = 5_000

LEVELS = (
    "niet-beoordeeld",
    "goed-beschreven",
    "goed-onderbouwd",
    "effectief-eerste-aanwijzingen",
    "effectief-goede-aanwijzingen",
    "effectief-sterke-aanwijzingen",
)
EMBEDDING_ITEMS = (
    "policy",
    "budget",
    "responsible_officer",
    "chain_agreements",
    "staff_training",
    "monitoring",
)
EVALUATION_DESIGNS = ("process", "pre-post", "quasi-experimental", "rct", "systematic-review", "other")
STATUSES = ("active", "discontinued")
CONFIDENCES = ("high", "medium")

# Body sections: (field name, Dutch heading), in the order dump() writes them.
SECTIONS = (
    ("problem", "Aanleiding"),
    ("goals", "Doelen"),
    ("approach", "Aanpak"),
    ("theory", "Onderbouwing"),
    ("delivery", "Uitvoering"),
    ("training", "Training en licentie"),
    ("evaluation", "Evaluatie"),
    ("embedding_notes", "Borging"),
    ("body", "Meer informatie"),
)
_HEADING_TO_FIELD = {heading.casefold(): name for name, heading in SECTIONS}

_SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_ISO_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_FENCE_RE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


# --------------------------------------------------------------------------- records


@dataclass
class RatingRecord:
    """One assessment on the Dutch ladder; the newest is the method's current rating."""

    level: str
    assessor: str
    date: datetime.date | None = None
    valid_until: datetime.date | None = None
    reason: str = ""
    source: str = ""  # URL of the databank page that states the level


@dataclass
class EmbeddingItem:
    """One borging checklist item (policy, budget ...) with what is known about it."""

    item: str
    notes: str = ""


@dataclass
class EvaluationRecord:
    """A concrete study of the method; ``finding`` quotes the source, never a summary of ours.
    ``document`` is the id of a report in the site's document library."""

    title: str
    design: str = "other"
    year: int | None = None
    finding: str = ""
    url: str = ""
    document: int | None = None


@dataclass
class SourceRecord:
    """A source: written as a bare URL, or as ``{url: ..., title: ...}`` when it has a title."""

    url: str
    title: str = ""


class Field(NamedTuple):
    """One front-matter key. ``check(checker, key, raw)`` validates the YAML value and
    returns the clean one; ``dump(value)`` gives what is written (None = the value as is).
    ``default`` is the value of a key the file leaves out (a callable for lists);
    ``plain`` means the page has an attribute of the same name that records.py copies
    as it is; ``always`` writes the key even when it is empty."""

    name: str
    check: Callable[[Any, tuple, Any], Any]
    default: Any = ""
    plain: bool = True
    always: bool = False
    dump: Callable[[Any], Any] | None = None


def _line(max_length, required=False):
    return lambda c, key, v: c.text(key, v, required=required, max_length=max_length, single_line=True)


def _text(max_length=None, required=False):
    return lambda c, key, v: c.text(key, v, required=required, max_length=max_length)


def _choice(choices, default=""):
    return lambda c, key, v: c.choice(key, v, choices, default=default)


def _age(c, key, v):
    return c.integer(key, v, AGE_MIN, AGE_MAX)


def _vocabulary(c, key, v):
    return c.string_list(key, v, max_length=VOCABULARY_MAX_LENGTH)


def _slug(c, key, v):
    slug = c.text(key, v, required=True, max_length=TITLE_MAX_LENGTH, single_line=True)
    if slug and not _SLUG_RE.match(slug):
        c.error(key, "alleen kleine letters a-z, cijfers en losse koppeltekens")
    return slug


def _dump_items(order):
    return lambda items: [_compact(dataclasses.asdict(item), order) for item in items]


def _dump_sources(items):
    # A source without a title stays a bare URL, the common and most readable case.
    out = []
    for item in items:
        item = SourceRecord(item) if isinstance(item, str) else item
        out.append(_compact(dataclasses.asdict(item), _SOURCE_KEYS) if item.title else item.url)
    return out


# Front-matter keys in the order dump() writes them; parse and dump both read this table,
# so a new field is one entry here (plus, for a page attribute that is not plain, its
# mapping in methods/records.py). Body sections (SECTIONS) are not front-matter keys.
FIELDS: tuple[Field, ...] = (
    Field("slug", _slug, plain=False),
    Field("title", _line(TITLE_MAX_LENGTH, required=True)),
    Field("title_en", _line(TITLE_MAX_LENGTH)),
    Field("summary", _text(SUMMARY_MAX_LENGTH, required=True)),
    Field("summary_en", _text(SUMMARY_MAX_LENGTH)),
    Field("seo_title", _line(TITLE_MAX_LENGTH)),
    Field("search_description", _text()),
    Field("owner", _line(NAME_MAX_LENGTH), plain=False),
    Field("contact_organisation", _line(NAME_MAX_LENGTH)),
    Field("website", lambda c, key, v: c.url(key, v) if v not in (None, "") else ""),
    *(Field(name, _vocabulary, default=list, plain=False)
      for name in ("forms_of_exploitation", "target_groups", "approach_types", "settings")),
    Field("age_from", _age, default=None),
    Field("age_to", _age, default=None),
    Field("age_note", _line(NAME_MAX_LENGTH)),
    Field("costs", _text()),
    Field("cost_band", _line(VOCABULARY_MAX_LENGTH), plain=False),
    Field("duration", _line(NAME_MAX_LENGTH)),
    Field("intensity", _line(NAME_MAX_LENGTH)),
    Field("status", _choice(STATUSES)),  # empty: no source says whether it still runs
    Field("ended_year", lambda c, key, v: c.integer(key, v, YEAR_MIN, datetime.date.today().year), default=None),
    Field("status_note", _line(NAME_MAX_LENGTH)),
    Field("last_reviewed", lambda c, key, v: c.date(key, v), default=None),
    Field("confidence", _choice(CONFIDENCES)),
    Field("details_confidence", _choice(CONFIDENCES)),
    Field("evidence_note", _text()),
    Field("ratings", lambda c, key, v: _ratings(c, v), default=list, plain=False,
          dump=lambda items: _dump_items(_RATING_KEYS)(items)),
    Field("embedding", lambda c, key, v: _embedding(c, v), default=list, plain=False,
          dump=lambda items: _dump_items(_EMBEDDING_KEYS)(items)),
    Field("evaluations", lambda c, key, v: _evaluations(c, v), default=list, plain=False,
          dump=lambda items: _dump_items(_EVALUATION_KEYS)(items)),
    Field("sources", lambda c, key, v: _sources(c, v), default=list, plain=False, dump=_dump_sources),
    # Publication: true = the page is live, false = it is not. Only a change of this
    # value publishes or unpublishes (see methods/importer.py); None = not stated.
    Field("live", lambda c, key, v: c.boolean(key, v), default=None, plain=False),
)
FIELDS_BY_NAME = {f.name: f for f in FIELDS}
FRONT_MATTER_KEYS = tuple(f.name for f in FIELDS)
VOCABULARY_KEYS = ("forms_of_exploitation", "target_groups", "approach_types", "settings")
_RATING_KEYS = ("level", "assessor", "date", "valid_until", "source", "reason")
_EMBEDDING_KEYS = ("item", "notes")
_EVALUATION_KEYS = ("title", "year", "design", "finding", "url", "document")
_SOURCE_KEYS = ("url", "title")


def _default(f: Field | str):
    return f() if callable(f) else f


# A method record: one attribute per front-matter field and per body section. ``mentioned``
# holds the keys and sections a parsed file states (None: every field, e.g. a record built
# from a page); an import changes only those, so a file never deletes what it leaves out.
MethodRecord = dataclasses.make_dataclass(
    "MethodRecord",
    [
        *((f.name, Any, field(default_factory=f.default) if callable(f.default) else field(default=f.default))
          for f in FIELDS),
        *((name, str, field(default="")) for name, _heading in SECTIONS),
        ("mentioned", frozenset | None, field(default=None, compare=False, repr=False)),
    ],
)
MethodRecord.__module__ = __name__
MethodRecord.__doc__ = "One method as the format knows it (see FIELDS and SECTIONS)."

# Body blocks in the "Meer informatie" section, apart from the Markdown text, start with
# a marker line: <!-- citaat --> or <!-- afbeelding {"id": 12, "alt": "..."} -->; a second
# Markdown block starts with <!-- tekst -->. Text before the first marker is Markdown.
BLOCK_MARKERS = {"tekst": "markdown", "citaat": "quote", "afbeelding": "image"}
_MARKER_NAMES = {block: marker for marker, block in BLOCK_MARKERS.items()}
_MARKER_RE = re.compile(r"^<!--\s*(tekst|citaat|afbeelding)\b(.*?)-->\s*$")
_IMAGE_KEYS = ("id", "alt", "decoratief")


@dataclass(eq=True)
class FormatError(Exception):
    """A problem in a method file. ``line`` is 1-based; 0 means the file as a whole."""

    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}"


class ParsedFile(NamedTuple):
    path: str
    record: MethodRecord | None
    errors: list[FormatError]


@dataclass
class Block:
    """One StreamField block: type 'markdown' or 'quote' with text, or 'image' with
    ``value = {"id": int, "alt": str, "decorative": bool}`` (the image by its id)."""

    type: str
    value: Any


def split_body(text: str) -> tuple[list[Block], list[tuple[int, str]]]:
    """The blocks of a body section, and problems as (line offset in the section, message)."""
    blocks: list[Block] = []
    problems: list[tuple[int, str]] = []
    current = Block("markdown", [])
    fence = None
    for offset, line in enumerate(text.split("\n")):
        fence, in_code = _fence_state(line, fence)
        match = None if in_code else _MARKER_RE.match(line)
        if match is None:
            if current.type == "image":
                if not line.strip():
                    continue
                # Text after an image is the next Markdown block.
                _close_block(current, blocks)
                current = Block("markdown", [])
            current.value.append(line)
            continue
        _close_block(current, blocks)
        kind = BLOCK_MARKERS[match.group(1)]
        rest = match.group(2).strip()
        if kind == "image":
            current = Block("image", _image_value(rest, offset, problems))
        else:
            if rest:
                problems.append((offset, f"na '<!-- {match.group(1)}' hoort niets meer behalve '-->'"))
            current = Block(kind, [])
    _close_block(current, blocks)
    return blocks, problems


def _fence_state(line, fence):
    """(fence after this line, whether this line is code)."""
    fence_match = _FENCE_RE.match(line)
    if fence_match:
        marker = fence_match.group(1)
        if fence is None:
            return marker, True
        if marker[0] == fence[0] and len(marker) >= len(fence):
            return None, True
    return fence, fence is not None


def _close_block(block: Block, blocks: list[Block]) -> None:
    if block.type == "image":
        if block.value is not None:
            blocks.append(block)
        return
    value = _clean_section(block.value)
    if value:
        blocks.append(Block(block.type, value))


def _image_value(rest, offset, problems):
    hint = 'schrijf <!-- afbeelding {"id": 12, "alt": "wat de afbeelding laat zien"} -->'
    try:
        data = json.loads(rest) if rest else None
    except ValueError:
        data = None
    if not isinstance(data, dict):
        problems.append((offset, f"ongeldige afbeelding; {hint}"))
        return None
    unknown = [k for k in data if k not in _IMAGE_KEYS]
    if unknown:
        problems.append((offset, f"onbekend veld {unknown[0]!r} bij afbeelding; toegestaan: {', '.join(_IMAGE_KEYS)}"))
        return None
    image_id, alt, decorative = data.get("id"), data.get("alt", ""), data.get("decoratief", False)
    if isinstance(image_id, bool) or not isinstance(image_id, int) or image_id < 1:
        problems.append((offset, f"afbeelding: 'id' moet het nummer van een afbeelding zijn; {hint}"))
        return None
    if not isinstance(alt, str) or not isinstance(decorative, bool):
        problems.append((offset, "afbeelding: 'alt' is tekst en 'decoratief' is true of false"))
        return None
    if not decorative and not alt.strip():
        problems.append((offset, "afbeelding: geef een alternatieve tekst ('alt') of zet \"decoratief\": true"))
        return None
    return {"id": image_id, "alt": alt.strip(), "decorative": decorative}


def join_body(blocks: list[Block]) -> str:
    """The body section text for blocks; split_body(join_body(blocks)) gives them back."""
    parts = []
    for position, block in enumerate(blocks):
        if block.type == "image":
            value = {"id": block.value["id"]}
            if block.value.get("alt"):
                value["alt"] = block.value["alt"]
            if block.value.get("decorative"):
                value["decoratief"] = True
            # "\u003e" keeps a '>' in the alt text from ending the HTML comment early.
            attributes = json.dumps(value, ensure_ascii=False).replace(">", "\\u003e")
            parts.append(f"<!-- afbeelding {attributes} -->")
            continue
        text = _clean_section(block.value.split("\n"))
        if not text:
            continue
        if block.type == "markdown" and position == 0:
            parts.append(text)
        else:
            parts.append(f"<!-- {_MARKER_NAMES[block.type]} -->\n\n{text}")
    return "\n\n".join(parts)

# --------------------------------------------------------------------------- parsing


class _Checker:
    """Collects errors for one file; ``lines`` maps a key path to its line in the file."""

    def __init__(self, path: str, lines: dict[tuple, int], default_line: int):
        self.path = path
        self.lines = lines
        self.default_line = default_line
        self.errors: list[FormatError] = []

    def line(self, key: tuple) -> int:
        # Fall back to the nearest ancestor that has a line (e.g. a missing nested key).
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key[:-1]
        return self.default_line

    def error(self, key: tuple, message: str) -> None:
        self.errors.append(FormatError(self.path, self.line(key), _field_name(key), message))

    # Each check returns the cleaned value, or a neutral value after recording an error.

    def text(self, key, value, *, required=False, max_length=None, single_line=False) -> str:
        if value is None:
            value = ""
        if not isinstance(value, str):
            self.error(key, f"verwacht tekst, kreeg {_type_name(value)}")
            return ""
        value = value.strip()
        if required and not value:
            self.error(key, "is verplicht")
        if max_length is not None and len(value) > max_length:
            self.error(key, f"te lang: {len(value)} tekens, maximaal {max_length}")
        if single_line and "\n" in value:
            self.error(key, "moet op één regel staan")
        return value

    def choice(self, key, value, choices, *, required=False, default="") -> str:
        if value is None or value == "":
            if required:
                self.error(key, "is verplicht")
            return default
        if not isinstance(value, str) or value not in choices:
            self.error(key, f"ongeldige waarde {value!r}; kies uit: {', '.join(choices)}")
            return default
        return value

    def integer(self, key, value, low, high) -> int | None:
        if value is None:
            return None
        # bool is an int subclass in Python; 'yes' in YAML must not become 1.
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(key, f"verwacht een geheel getal, kreeg {_type_name(value)}")
            return None
        if not low <= value <= high:
            self.error(key, f"moet tussen {low} en {high} liggen")
            return None
        return value

    def date(self, key, value) -> datetime.date | None:
        if value is None or value == "":
            return None
        if isinstance(value, datetime.datetime):
            self.error(key, "verwacht een datum zonder tijd (JJJJ-MM-DD)")
            return None
        if isinstance(value, datetime.date):
            return value
        if isinstance(value, str) and _ISO_DATE_RE.match(value.strip()):
            try:
                return datetime.date.fromisoformat(value.strip())
            except ValueError:
                pass
        self.error(key, f"ongeldige datum {value!r}; gebruik JJJJ-MM-DD")
        return None

    def boolean(self, key, value) -> bool | None:
        if value is None or isinstance(value, bool):
            return value
        self.error(key, f"verwacht true of false, kreeg {_type_name(value)}")
        return None

    def url(self, key, value) -> str:
        value = self.text(key, value, required=True, max_length=URL_MAX_LENGTH, single_line=True)
        if value and not _is_http_url(value):
            self.error(key, f"geen geldige http(s)-URL: {value!r}")
        return value

    def string_list(self, key, value, *, max_length=None) -> list[str]:
        if value is None:
            return []
        if not isinstance(value, list):
            self.error(key, f"verwacht een lijst, kreeg {_type_name(value)}")
            return []
        result = []
        for index, item in enumerate(value):
            item_key = (*key, index)
            cleaned = self.text(item_key, item, required=True, max_length=max_length, single_line=True)
            if cleaned and cleaned in result:
                self.error(item_key, f"dubbele waarde {cleaned!r}")
            elif cleaned:
                result.append(cleaned)
        return result

    def mapping_list(self, key, value, allowed_keys) -> list[tuple[tuple, dict]]:
        """Items of a list of mappings, after reporting wrong types and unknown keys."""
        if value is None:
            return []
        if not isinstance(value, list):
            self.error(key, f"verwacht een lijst, kreeg {_type_name(value)}")
            return []
        items = []
        for index, item in enumerate(value):
            item_key = (*key, index)
            if not isinstance(item, dict):
                self.error(item_key, f"verwacht velden ({', '.join(allowed_keys)}), kreeg {_type_name(item)}")
                continue
            for name in item:
                if name not in allowed_keys:
                    self.error((*item_key, str(name)), f"onbekend veld; toegestaan: {', '.join(allowed_keys)}")
            items.append((item_key, item))
        return items


def parse_text(text: str, path: str = "<string>") -> tuple[MethodRecord | None, list[FormatError]]:
    """Parse and validate one method file. Returns (record, []) or (None, all errors)."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return None, [FormatError(path, 1, "front matter", "het bestand moet beginnen met een regel '---'")]
    try:
        closing = next(i for i in range(1, len(lines)) if lines[i].rstrip() == "---")
    except StopIteration:
        return None, [FormatError(path, 1, "front matter", "de afsluitende regel '---' ontbreekt")]

    yaml_text = "\n".join(lines[1:closing]) + "\n"
    # File line of YAML line 0 is 2 (after the opening '---').
    data, key_lines, errors = _load_front_matter(yaml_text, path, first_line=2)
    sections, section_lines, body_errors = _parse_body(lines[closing + 1 :], path, first_line=closing + 2)
    errors.extend(body_errors)

    record = None
    if data is not None:
        checker = _Checker(path, key_lines, default_line=1)
        record = _build_record(checker, data, sections, section_lines)
        errors.extend(checker.errors)
    errors.sort(key=lambda e: (e.line, e.field))
    return (None, errors) if errors else (record, [])


def parse_file(path: str | Path) -> tuple[MethodRecord | None, list[FormatError]]:
    path = Path(path)
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        return None, [FormatError(str(path), 0, "bestand", f"kan niet gelezen worden: {exc.strerror}")]
    return _parse_bytes(raw, str(path))


def iter_folder(path: str | Path) -> Iterator[ParsedFile]:
    """Parse every ``.md`` file in a folder (not recursive) or a ``.zip``, sorted by name.

    Archive members are read in memory, never extracted; members with an absolute path
    or ``..`` are rejected (reported, not read) because they only occur in crafted archives.
    """
    path = Path(path)
    if path.suffix.lower() == ".zip":
        yield from _iter_zip(path)
        return
    for file in sorted(p for p in path.iterdir() if p.suffix == ".md" and p.is_file()):
        record, errors = parse_file(file)
        yield ParsedFile(str(file), record, errors)


def _iter_zip(path: Path) -> Iterator[ParsedFile]:
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        yield ParsedFile(str(path), None, [FormatError(str(path), 0, "archief", f"geen leesbaar zip-bestand: {exc}")])
        return
    with archive:
        infos = [
            info for info in archive.infolist()
            # macOS adds resource forks ("__MACOSX/._x.md") that are not method files.
            if not info.is_dir() and info.filename.lower().endswith(".md")
            and not info.filename.startswith("__MACOSX/")
        ]
        if len(infos) > MAX_ARCHIVE_MEMBERS:
            message = f"te veel bestanden ({len(infos)}), maximaal {MAX_ARCHIVE_MEMBERS}"
            yield ParsedFile(str(path), None, [FormatError(str(path), 0, "archief", message)])
            return
        for info in sorted(infos, key=lambda i: i.filename):
            shown = f"{path}!/{info.filename}"
            if not _is_safe_member(info.filename):
                message = "onveilig pad in archief (absoluut of met '..'); niet gelezen"
                yield ParsedFile(shown, None, [FormatError(shown, 0, "bestand", message)])
                continue
            if info.file_size > MAX_FILE_BYTES:
                yield ParsedFile(shown, None, [_too_big(shown)])
                continue
            try:
                with archive.open(info) as handle:
                    raw = handle.read(MAX_FILE_BYTES + 1)  # headers can lie about the size
            except (RuntimeError, zipfile.BadZipFile, OSError) as exc:
                yield ParsedFile(shown, None, [FormatError(shown, 0, "bestand", f"kan niet gelezen worden: {exc}")])
                continue
            record, errors = _parse_bytes(raw, shown)
            yield ParsedFile(shown, record, errors)


def _is_safe_member(name: str) -> bool:
    name = name.replace("\\", "/")  # archives made on Windows may use backslashes
    if name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        return False
    return ".." not in PurePosixPath(name).parts


def _parse_bytes(raw: bytes, path: str) -> tuple[MethodRecord | None, list[FormatError]]:
    if len(raw) > MAX_FILE_BYTES:
        return None, [_too_big(path)]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [FormatError(path, 0, "bestand", f"geen geldige UTF-8 (byte {exc.start})")]
    return parse_text(text, path)


def _too_big(path: str) -> FormatError:
    return FormatError(path, 0, "bestand", f"groter dan {MAX_FILE_BYTES} bytes")


_ALLOWED_TAGS = {
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
}


def _load_front_matter(yaml_text: str, path: str, first_line: int):
    """(data, key lines, errors). data is None when the YAML cannot be used at all."""

    def fail(message, mark=None, field_name="front matter"):
        line = first_line + mark.line if mark is not None else first_line - 1
        return None, {}, [FormatError(path, line, field_name, message)]

    try:
        # compose() builds nodes without constructing objects; it gives us the line of
        # every key, which safe_load's plain dicts do not keep.
        root = yaml.compose(yaml_text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        context = getattr(exc, "context_mark", None)
        message = f"ongeldige YAML: {getattr(exc, 'problem', None) or exc}"
        if context is not None and mark is not None and context.line != mark.line:
            # e.g. an unclosed quote is only noticed at the end; say where it started.
            message += f" ({exc.context} op regel {first_line + context.line})"
        return fail(message, mark)
    if root is None:
        return fail("de front matter is leeg")
    if not isinstance(root, yaml.MappingNode):
        return fail("de front matter moet uit velden ('sleutel: waarde') bestaan", root.start_mark)

    lines: dict[tuple, int] = {}
    errors: list[FormatError] = []
    seen: set[int] = set()
    retagged = False

    def walk(node, key: tuple):
        nonlocal retagged
        # The key's own line: an alias node carries the line of its anchor, elsewhere.
        line = lines.get(key, first_line + node.start_mark.line)
        if id(node) in seen:
            # Anchors/aliases: not needed in a method file, and walking shared nodes can
            # blow up exponentially ("billion laughs").
            errors.append(FormatError(path, line, _field_name(key) or "front matter",
                                      "YAML-ankers en -verwijzingen (&, *) zijn niet toegestaan"))
            return False
        seen.add(id(node))
        if node.tag not in _ALLOWED_TAGS:
            errors.append(FormatError(path, line, _field_name(key) or "front matter",
                                      f"YAML-tag {node.tag!r} is niet toegestaan"))
            return False
        if node.tag.endswith(":timestamp") and not _constructs(node):
            # e.g. 2024-02-30: safe_load would raise and lose every other error; loading
            # it as text lets the field check report it with its line like any bad date.
            node.tag = "tag:yaml.org,2002:str"
            retagged = True
        ok = True
        if isinstance(node, yaml.MappingNode):
            names = set()
            for key_node, value_node in node.value:
                name = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
                line = first_line + key_node.start_mark.line
                if name is None:
                    errors.append(FormatError(path, line, _field_name(key) or "front matter", "ongeldige sleutel"))
                    ok = False
                    continue
                if name in names:
                    errors.append(FormatError(path, line, _field_name((*key, name)), "dubbel veld"))
                names.add(name)
                lines.setdefault((*key, name), line)
                ok = walk(value_node, (*key, name)) and ok
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                # An alias node reports its anchor's line; the list's own line is closer.
                shared = id(item) in seen
                lines[(*key, index)] = lines.get(key, first_line) if shared else first_line + item.start_mark.line
                ok = walk(item, (*key, index)) and ok
        return ok

    if not walk(root, ()):
        return None, lines, errors
    try:
        data = yaml.safe_load(yaml.serialize(root) if retagged else yaml_text)
    except yaml.YAMLError as exc:  # not expected after the walk; still reject the file cleanly
        return None, lines, [*errors, *fail(f"ongeldige YAML: {exc}")[2]]
    return data, lines, errors


def _constructs(node) -> bool:
    try:
        yaml.SafeLoader("").construct_yaml_timestamp(node)
    except (ValueError, TypeError, OverflowError, yaml.YAMLError):
        return False
    return True


def _parse_body(lines: list[str], path: str, first_line: int):
    """Split the Markdown body into sections by '## ' headings (ignoring fenced code).
    Returns (section texts, line of each section's first text line, errors)."""
    errors: list[FormatError] = []
    sections: dict[str, list[str]] = {}
    starts: dict[str, int] = {}
    current: str | None = None
    skipping = False  # inside an unknown or duplicate section, already reported
    fence: str | None = None
    stray_reported = False
    for offset, line in enumerate(lines):
        number = first_line + offset
        fence_match = _FENCE_RE.match(line)
        if fence_match:
            marker = fence_match.group(1)
            if fence is None:
                fence = marker
            elif marker[0] == fence[0] and len(marker) >= len(fence):
                fence = None
        elif fence is None and (line.startswith("## ") or line.rstrip() == "##"):
            heading = " ".join(line[2:].strip().rstrip("#").split())
            name = _HEADING_TO_FIELD.get(heading.casefold())
            if name is None:
                allowed = ", ".join(h for _, h in SECTIONS)
                errors.append(FormatError(path, number, "body", f"onbekende kop {heading!r}; toegestaan: {allowed}"))
                current, skipping = None, True
            elif name in sections:
                errors.append(FormatError(path, number, name, f"kop '## {heading}' komt twee keer voor"))
                current, skipping = None, True
            else:
                sections[name] = []
                starts[name] = number + 1
                current, skipping = name, False
            continue
        if current is not None:
            sections[current].append(line)
        elif not skipping and line.strip() and not stray_reported:
            errors.append(FormatError(path, number, "body", "tekst vóór de eerste kop; zet tekst onder een '## '-kop"))
            stray_reported = True
    cleaned = {}
    for name, body in sections.items():
        # The line of the first text line, after the blank lines _clean_section drops.
        starts[name] += next((i for i, line in enumerate(body) if line.strip()), 0)
        cleaned[name] = _clean_section(body)
    return cleaned, starts, errors


def _clean_section(lines: list[str]) -> str:
    while lines and not lines[0].strip():
        lines = lines[1:]
    return "\n".join(lines).rstrip()


def _build_record(c: _Checker, data: dict, sections: dict[str, str], section_lines: dict[str, int]) -> MethodRecord:
    for name in data:
        if name not in FIELDS_BY_NAME:
            hint = " (hoort als '## '-kop in de tekst)" if name in dict(SECTIONS) else ""
            c.error((str(name),), f"onbekend veld{hint}")

    values = {}
    for f in FIELDS:
        if f.name in data:
            values[f.name] = f.check(c, (f.name,), data[f.name])
        else:
            values[f.name] = _default(f.default)
            if f.name in ("slug", "title", "summary"):
                c.error((f.name,), "is verplicht")
    record = MethodRecord(**values, **sections, mentioned=frozenset(data) | frozenset(sections))

    if record.age_from is not None and record.age_to is not None and record.age_from > record.age_to:
        c.error(("age_to",), f"age_to ({record.age_to}) is kleiner dan age_from ({record.age_from})")
    if record.ended_year is not None and record.status != "discontinued":
        c.error(("ended_year",), "een eindjaar hoort alleen bij status: discontinued")
    if record.last_reviewed and record.last_reviewed > datetime.date.today():
        c.error(("last_reviewed",), "kan niet in de toekomst liggen")
    if not record.sources:
        c.error(("sources",), "minstens één bron (URL) is verplicht")
    if "body" in sections:
        _blocks, problems = split_body(sections["body"])
        for offset, message in problems:
            c.errors.append(FormatError(c.path, section_lines["body"] + offset, "body", message))
    return record


def _sources(c: _Checker, value) -> list[SourceRecord]:
    if value is None:
        return []
    if not isinstance(value, list):
        c.error(("sources",), f"verwacht een lijst, kreeg {_type_name(value)}")
        return []
    result = []
    for index, item in enumerate(value):
        key = ("sources", index)
        if isinstance(item, dict):
            for name in item:
                if name not in _SOURCE_KEYS:
                    c.error((*key, str(name)), f"onbekend veld; toegestaan: {', '.join(_SOURCE_KEYS)}")
            url = c.url((*key, "url"), item.get("url"))
            title = c.text((*key, "title"), item.get("title"), max_length=NAME_MAX_LENGTH, single_line=True)
        else:
            url = c.text(key, item, required=True, max_length=URL_MAX_LENGTH, single_line=True)
            if url and not _is_http_url(url):
                c.error(key, f"geen geldige http(s)-URL: {url!r}")
            title = ""
        if url and any(existing.url == url for existing in result):
            c.error(key, f"dubbele waarde {url!r}")
        elif url:
            result.append(SourceRecord(url, title))
    return result

def _ratings(c: _Checker, value) -> list[RatingRecord]:
    result = []
    today = datetime.date.today()
    for key, item in c.mapping_list(("ratings",), value, _RATING_KEYS):
        level = c.choice((*key, "level"), item.get("level"), LEVELS, required=True)
        assessor = c.text((*key, "assessor"), item.get("assessor"), required=True,
                          max_length=NAME_MAX_LENGTH, single_line=True)
        date = c.date((*key, "date"), item.get("date"))
        valid_until = c.date((*key, "valid_until"), item.get("valid_until"))
        if date and date > today:
            c.error((*key, "date"), "een oordeel kan niet in de toekomst liggen")
        if date and valid_until and valid_until <= date:
            c.error((*key, "valid_until"), "moet na de datum van het oordeel liggen")
        reason = c.text((*key, "reason"), item.get("reason"))
        source = c.url((*key, "source"), item.get("source")) if item.get("source") not in (None, "") else ""
        result.append(RatingRecord(level, assessor, date, valid_until, reason, source))
    return result


def _embedding(c: _Checker, value) -> list[EmbeddingItem]:
    result = []
    for key, item in c.mapping_list(("embedding",), value, _EMBEDDING_KEYS):
        name = c.choice((*key, "item"), item.get("item"), EMBEDDING_ITEMS, required=True)
        if name and any(existing.item == name for existing in result):
            c.error((*key, "item"), f"{name!r} staat er al; één regel per onderdeel")
        result.append(EmbeddingItem(name, c.text((*key, "notes"), item.get("notes"))))
    return result


def _evaluations(c: _Checker, value) -> list[EvaluationRecord]:
    result = []
    for key, item in c.mapping_list(("evaluations",), value, _EVALUATION_KEYS):
        title = c.text((*key, "title"), item.get("title"), required=True,
                       max_length=NAME_MAX_LENGTH, single_line=True)
        design = c.choice((*key, "design"), item.get("design"), EVALUATION_DESIGNS, required=True, default="other")
        # Not in the future: a planned study is not an evaluation yet.
        year = c.integer((*key, "year"), item.get("year"), YEAR_MIN, datetime.date.today().year)
        finding = c.text((*key, "finding"), item.get("finding"))
        url = c.url((*key, "url"), item.get("url")) if item.get("url") not in (None, "") else ""
        document = c.integer((*key, "document"), item.get("document"), 1, 2**31 - 1)
        result.append(EvaluationRecord(title, design, year, finding, url, document))
    return result


def _is_http_url(value: str) -> bool:
    if any(ch.isspace() for ch in value):
        return False
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def _field_name(key: tuple) -> str:
    """('ratings', 0, 'level') -> 'ratings[0].level'."""
    out = ""
    for part in key:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _type_name(value: Any) -> str:
    if value is None:
        return "niets"
    return {
        bool: "ja/nee", int: "getal", float: "getal", str: "tekst", list: "lijst", dict: "velden",
        datetime.date: "datum", datetime.datetime: "datum met tijd",
    }.get(type(value), type(value).__name__)


# --------------------------------------------------------------------------- dumping


class _Dumper(yaml.SafeDumper):
    """SafeDumper with list items indented under their key, the usual front-matter style."""

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)

    def choose_scalar_style(self):
        # Dutch text is full of apostrophes ("Girls' Talk"); double quotes avoid the
        # doubled '' that single-quoted YAML needs, which editors tend to break.
        style = super().choose_scalar_style()
        if style == "'" and "'" in self.event.value:
            return '"'
        return style


def _represent_str(dumper: yaml.SafeDumper, value: str):
    # Multi-line texts as literal blocks so editors see real line breaks, not "\n".
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def dump(record: MethodRecord) -> str:
    """The canonical text of a record: fixed key order (FIELDS), empty fields left out,
    sections in SECTIONS order. Deterministic, so re-dumping never causes diffs.
    None counts as empty everywhere, so records built from a database row can be passed
    as they are. ``mentioned`` is not written: dump writes what the record holds."""
    data: dict[str, Any] = {}
    for f in FIELDS:
        value = getattr(record, f.name)
        if value is None and callable(f.default):
            value = f.default()
        if isinstance(value, list):
            value = f.dump(value) if f.dump else list(value)
        if f.always and _is_empty(value):
            value = _default(f.default)  # always written: explicit beats an implied default
        if f.always or not _is_empty(value):
            data[f.name] = value
    front = yaml.dump(
        data, Dumper=_Dumper, sort_keys=False, allow_unicode=True,
        default_flow_style=False, width=1_000_000,  # one line per value: no re-wrapping diffs
    )
    parts = ["---\n", front, "---\n"]
    for name, heading in SECTIONS:
        text = _clean_section((getattr(record, name) or "").split("\n"))
        if text:
            parts.append(f"\n## {heading}\n\n{text}\n")
    return "".join(parts)


def _compact(values: dict, order: tuple[str, ...]) -> dict:
    return {k: values[k] for k in order if not _is_empty(values[k])}


def _is_empty(value) -> bool:
    return value is None or value == "" or value == [] or value == {}
