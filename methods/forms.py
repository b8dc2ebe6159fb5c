"""Admin form for methods: rating records may only be changed by those allowed to rate.

Hiding the inline panel would not be enough (a crafted POST would still save), so the
form compares the records it would save with the page's newest revision (not with the
form's own initial data, which for a revert is the old revision) and, when the form
publishes or approves, with the live page too. methods/rating_rules.py decides; the
model re-checks on save_revision and publish for every other path.
"""

from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminPageForm

from .rating_rules import (
    PUBLISH_REFUSED_MESSAGE,
    REFUSED_MESSAGE,
    draft_ratings,
    live_ratings,
    rating_permissions,  # noqa: F401  (imported from here by moderation.importing)
    refused_kinds,
)


def submitted_ratings(formset):
    """The rating values a valid bound formset would save, in the order it would save them."""
    rows = []
    initial_count = formset.initial_form_count()
    for index, form in enumerate(formset.forms):
        if formset.can_delete and formset._should_delete_form(form):
            continue
        if index >= initial_count and not form.has_changed():
            continue
        order = form.cleaned_data.get("ORDER") if formset.can_order else None
        rows.append((order is None, order or 0, index, form.cleaned_data))
    rows.sort(key=lambda row: row[:3])
    return [row[3] for row in rows]


def is_going_live(data):
    """Whether the admin POST publishes (or approves, which publishes) the page."""
    return bool(data.get("action-publish")) or (
        bool(data.get("action-workflow-action")) and data.get("workflow-action-name") == "approve")


class MethodPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned_data = super().clean()
        formset = self.formsets.get("ratings")
        if formset is None or self.for_user is None or self.for_user.is_superuser:
            return cleaned_data
        if not formset.is_valid():
            return cleaned_data  # the formset's own errors stop the save already
        submitted = submitted_ratings(formset)
        if refused_kinds(self.for_user, draft_ratings(self.instance), submitted):
            raise ValidationError(REFUSED_MESSAGE, code="rating_permission")
        if is_going_live(self.data) and refused_kinds(self.for_user, live_ratings(self.instance), submitted):
            raise ValidationError(PUBLISH_REFUSED_MESSAGE, code="rating_permission")
        return cleaned_data
