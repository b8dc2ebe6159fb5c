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
import re
import zipfile
from collections.abc import Iterator
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
    """A concrete study of the method; ``finding`` quotes the source, never a summary of ours."""

    title: str
    design: str = "other"
    year: int | None = None
    finding: str = ""
    url: str = ""


@dataclass
class MethodRecord:
    slug: str
    title: str
    summary: str
    title_en: str = ""
    summary_en: str = ""
    owner: str = ""
    contact_organisation: str = ""
    website: str = ""
    forms_of_exploitation: list[str] = field(default_factory=list)
    target_groups: list[str] = field(default_factory=list)
    approach_types: list[str] = field(default_factory=list)
    settings: list[str] = field(default_factory=list)
    age_from: int | None = None
    age_to: int | None = None
    age_note: str = ""
    costs: str = ""
    cost_band: str = ""
    duration: str = ""
    intensity: str = ""
    status: str = ""  # empty: no source says whether it still runs
    ended_year: int | None = None
    status_note: str = ""
    last_reviewed: datetime.date | None = None
    confidence: str = ""
    details_confidence: str = ""
    evidence_note: str = ""
    ratings: list[RatingRecord] = field(default_factory=list)
    embedding: list[EmbeddingItem] = field(default_factory=list)
    evaluations: list[EvaluationRecord] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    # Body sections (see SECTIONS).
    problem: str = ""
    goals: str = ""
    approach: str = ""
    theory: str = ""
    delivery: str = ""
    training: str = ""
    evaluation: str = ""
    embedding_notes: str = ""
    body: str = ""


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


# Front-matter keys in the order dump() writes them. Sections are not front-matter keys.
FRONT_MATTER_KEYS = (
    "slug", "title", "title_en", "summary", "summary_en", "owner", "contact_organisation", "website",
    "forms_of_exploitation", "target_groups", "approach_types", "settings",
    "age_from", "age_to", "age_note", "costs", "cost_band", "duration", "intensity",
    "status", "ended_year", "status_note", "last_reviewed", "confidence", "details_confidence",
    "evidence_note",
    "ratings", "embedding", "evaluations", "sources",
)
VOCABULARY_KEYS = ("forms_of_exploitation", "target_groups", "approach_types", "settings")
_LIST_KEYS = (*VOCABULARY_KEYS, "ratings", "embedding", "evaluations", "sources")
_RATING_KEYS = ("level", "assessor", "date", "valid_until", "source", "reason")
_EMBEDDING_KEYS = ("item", "notes")
_EVALUATION_KEYS = ("title", "year", "design", "finding", "url")


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
    sections, body_errors = _parse_body(lines[closing + 1 :], path, first_line=closing + 2)
    errors.extend(body_errors)

    record = None
    if data is not None:
        checker = _Checker(path, key_lines, default_line=1)
        record = _build_record(checker, data, sections)
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


def _parse_body(lines: list[str], path: str, first_line: int) -> tuple[dict[str, str], list[FormatError]]:
    """Split the Markdown body into sections by '## ' headings (ignoring fenced code)."""
    errors: list[FormatError] = []
    sections: dict[str, list[str]] = {}
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
                current, skipping = name, False
            continue
        if current is not None:
            sections[current].append(line)
        elif not skipping and line.strip() and not stray_reported:
            errors.append(FormatError(path, number, "body", "tekst vóór de eerste kop; zet tekst onder een '## '-kop"))
            stray_reported = True
    return {name: _clean_section(body) for name, body in sections.items()}, errors


def _clean_section(lines: list[str]) -> str:
    while lines and not lines[0].strip():
        lines = lines[1:]
    return "\n".join(lines).rstrip()


def _build_record(c: _Checker, data: dict, sections: dict[str, str]) -> MethodRecord:
    for name in data:
        if name not in FRONT_MATTER_KEYS:
            hint = " (hoort als '## '-kop in de tekst)" if name in dict(SECTIONS) else ""
            c.error((str(name),), f"onbekend veld{hint}")

    def text(name, **kwargs):
        return c.text((name,), data.get(name), **kwargs)

    slug = text("slug", required=True, max_length=TITLE_MAX_LENGTH, single_line=True)
    if slug and not _SLUG_RE.match(slug):
        c.error(("slug",), "alleen kleine letters a-z, cijfers en losse koppeltekens")

    record = MethodRecord(
        slug=slug,
        title=text("title", required=True, max_length=TITLE_MAX_LENGTH, single_line=True),
        summary=text("summary", required=True, max_length=SUMMARY_MAX_LENGTH),
        title_en=text("title_en", max_length=TITLE_MAX_LENGTH, single_line=True),
        summary_en=text("summary_en", max_length=SUMMARY_MAX_LENGTH),
        owner=text("owner", max_length=NAME_MAX_LENGTH, single_line=True),
        contact_organisation=text("contact_organisation", max_length=NAME_MAX_LENGTH, single_line=True),
        website=c.url(("website",), data.get("website")) if data.get("website") not in (None, "") else "",
        age_note=text("age_note", max_length=NAME_MAX_LENGTH, single_line=True),
        costs=text("costs"),
        cost_band=text("cost_band", max_length=VOCABULARY_MAX_LENGTH, single_line=True),
        duration=text("duration", max_length=NAME_MAX_LENGTH, single_line=True),
        intensity=text("intensity", max_length=NAME_MAX_LENGTH, single_line=True),
        status=c.choice(("status",), data.get("status"), STATUSES),
        status_note=text("status_note", max_length=NAME_MAX_LENGTH, single_line=True),
        last_reviewed=c.date(("last_reviewed",), data.get("last_reviewed")),
        confidence=c.choice(("confidence",), data.get("confidence"), CONFIDENCES),
        details_confidence=c.choice(("details_confidence",), data.get("details_confidence"), CONFIDENCES),
        evidence_note=text("evidence_note"),
        **sections,
    )
    for name in VOCABULARY_KEYS:
        setattr(record, name, c.string_list((name,), data.get(name), max_length=VOCABULARY_MAX_LENGTH))

    record.age_from = c.integer(("age_from",), data.get("age_from"), AGE_MIN, AGE_MAX)
    record.age_to = c.integer(("age_to",), data.get("age_to"), AGE_MIN, AGE_MAX)
    if record.age_from is not None and record.age_to is not None and record.age_from > record.age_to:
        c.error(("age_to",), f"age_to ({record.age_to}) is kleiner dan age_from ({record.age_from})")

    record.ended_year = c.integer(("ended_year",), data.get("ended_year"), YEAR_MIN, datetime.date.today().year)
    if record.ended_year is not None and record.status != "discontinued":
        c.error(("ended_year",), "een eindjaar hoort alleen bij status: discontinued")
    if record.last_reviewed and record.last_reviewed > datetime.date.today():
        c.error(("last_reviewed",), "kan niet in de toekomst liggen")

    record.ratings = _ratings(c, data.get("ratings"))
    record.embedding = _embedding(c, data.get("embedding"))
    record.evaluations = _evaluations(c, data.get("evaluations"))

    sources = data.get("sources")
    if sources is None or sources == []:
        c.error(("sources",), "minstens één bron (URL) is verplicht")
    else:
        record.sources = c.string_list(("sources",), sources, max_length=URL_MAX_LENGTH)
        for index, url in enumerate(record.sources):
            if not _is_http_url(url):
                c.error(("sources", index), f"geen geldige http(s)-URL: {url!r}")
    return record


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
        result.append(EvaluationRecord(title, design, year, finding, url))
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
    """The canonical text of a record: fixed key order, empty fields left out,
    sections in SECTIONS order. Deterministic, so re-dumping never causes diffs.
    None counts as empty everywhere, so records built from a database row can be passed
    as they are."""
    data: dict[str, Any] = {}
    for name in FRONT_MATTER_KEYS:
        value = getattr(record, name)
        if value is None and name in _LIST_KEYS:
            value = []
        if name == "ratings":
            value = [_compact(dataclasses.asdict(r), _RATING_KEYS) for r in value]
        elif name == "embedding":
            value = [_compact(dataclasses.asdict(e), _EMBEDDING_KEYS) for e in value]
        elif name == "evaluations":
            value = [_compact(dataclasses.asdict(e), _EVALUATION_KEYS) for e in value]
        elif isinstance(value, list):
            value = list(value)
        if not _is_empty(value):
            data[name] = value
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
