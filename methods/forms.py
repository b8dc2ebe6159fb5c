"""Admin form for methods: rating records may only be changed by those allowed to rate.

Hiding the inline panel would not be enough (a crafted POST would still save), so the
form compares what was submitted with the page's ratings and refuses any difference
the user has no permission for.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

RATING_FIELDS = ("level", "assessor", "date", "valid_until", "reason")
# ORDER counts too: among records of the same date, order decides which one is current.
RATING_FORM_FIELDS = set(RATING_FIELDS) | {"ORDER"}


def rating_permissions(user):
    return {
        action for action in ("add", "change", "delete")
        if user is not None and user.has_perm(f"methods.{action}_ratingrecord")
    }


def rating_changes(formset):
    """Which kinds of change ('add', 'change', 'delete') a bound ratings formset makes."""
    changes = set()
    initial_count = formset.initial_form_count()
    deleted = set(map(id, formset.deleted_forms)) if formset.can_delete else set()
    for index, form in enumerate(formset.forms):
        is_existing = index < initial_count
        if id(form) in deleted:
            if is_existing:
                changes.add("delete")
            continue
        if not is_existing:
            if form.has_changed():
                changes.add("add")
            continue
        # An initial form bound to no existing record is a crafted submission: treat it as a change.
        if form.instance.pk is None or RATING_FORM_FIELDS & set(form.changed_data):
            changes.add("change")
    return changes


class MethodPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned_data = super().clean()
        formset = self.formsets.get("ratings")
        if formset is None or (self.for_user is not None and self.for_user.is_superuser):
            return cleaned_data
        if not formset.is_valid():
            return cleaned_data  # the formset's own errors stop the save already
        refused = rating_changes(formset) - rating_permissions(self.for_user)
        if refused:
            raise ValidationError(
                _("U mag beoordelingen niet toevoegen, wijzigen of verwijderen; dat doet een moderator. "
                  "Zet de beoordelingen terug zoals ze waren of vraag een moderator om de wijziging."),
                code="rating_permission",
            )
        return cleaned_data
