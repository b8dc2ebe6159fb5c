"""Users in the real groups, and admin POST data shaped the way the browser sends it."""

from html.parser import HTMLParser

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

# What Wagtail's autosave sends.
AUTOSAVE = {"HTTP_ACCEPT": "application/json"}


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def member_of(group_name, username):
    user = get_user_model().objects.create_user(username, f"{username}@example.invalid", "pw", is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    return user


def editor(username="redacteur"):
    return member_of("Redacteuren", username)


def moderator(username="moderator"):
    return member_of("Moderatoren", username)


def existing(items, initial=None):
    """An inline formset with ORDER 1..n as the admin renders it; the first `initial` rows
    (all by default) are existing child objects, the rest are added ones."""
    rows = [{**row, "ORDER": str(position + 1)} for position, row in enumerate(items)]
    return inline_formset(rows, initial=len(rows) if initial is None else initial)


def _date(value):
    return value.isoformat() if value else ""


def rating_rows(page):
    return [{"id": r.pk, "level": str(r.level), "assessor": r.assessor, "date": _date(r.date),
             "valid_until": _date(r.valid_until), "reason": r.reason, "source_url": r.source_url} for r in page.ratings.all()]


def method_edit_data(page, ratings=None, **overrides):
    """POST data for a MethodPage's edit form that changes nothing unless told to."""
    ratings = rating_rows(page) if ratings is None else ratings
    data = {
        "title": page.title,
        "slug": page.slug,
        "summary": page.summary,
        "title_en": page.title_en,
        "summary_en": page.summary_en,
        "status": page.status,
        "body": streamfield([(block.block_type, block.value) for block in page.body if block.block_type == "markdown"]),
        "ratings": existing(ratings, initial=page.ratings.count()),
        "evaluations": existing([]),
        "sources": existing([{"id": s.pk, "url": s.url, "title": s.title} for s in page.sources.all()]),
        "materials": existing([]),
        "embedding_items": existing([{"id": e.pk, "item": e.item, "notes": e.notes} for e in page.embedding_items.all()]),
    }
    multi = {key: overrides.pop(key) for key in list(overrides) if isinstance(overrides[key], list)}
    data.update(overrides)
    return {**nested_form_data(data), **multi}


class FormFields(HTMLParser):
    """Names of the fields a rendered admin form submits (without JavaScript-built ones)."""

    def __init__(self):
        super().__init__()
        self.names = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag in ("input", "select", "textarea") and name and "__prefix__" not in name \
                and attrs.get("type") not in ("submit", "button", "file"):
            self.names.add(name)


def rendered_field_names(html):
    parser = FormFields()
    parser.feed(html)
    return parser.names
