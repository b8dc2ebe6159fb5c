"""The moderation step and the re-assessment signal."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.forms import TaskStateCommentForm
from wagtail.models import AbstractGroupApprovalTask

from methods.rating_rules import check_rating_publish


class RequiredCommentForm(TaskStateCommentForm):
    comment = forms.CharField(
        label=_("Toelichting voor de redacteur"), required=True, widget=forms.Textarea({"rows": 3}),
        error_messages={"required": _("Leg uit wat er moet veranderen; de redacteur ziet deze toelichting.")})


class ModeratorApprovalTask(AbstractGroupApprovalTask):
    """Wagtail's group approval, except that asking for changes needs a comment:
    an editor who gets a page back must be told why."""

    def get_actions(self, obj, user):
        if user.is_superuser or self._user_in_groups(user):
            return [
                ("reject", _("Wijzigingen vragen"), True),
                ("approve", _("Goedkeuren en publiceren"), False),
                ("approve", _("Goedkeuren met opmerking"), True),
            ]
        return []

    def get_form_for_action(self, action):
        return RequiredCommentForm if action == "reject" else TaskStateCommentForm

    def on_action(self, task_state, user, action_name, **kwargs):
        # The edit view passes the modal's data straight through, so check here as well.
        if action_name == "reject" and not (kwargs.get("comment") or "").strip():
            raise PermissionDenied(_("Wijzigingen vragen kan alleen met een toelichting."))
        if action_name == "approve":
            # Refuse before the task is marked approved: approving publishes the revision.
            check_rating_publish(task_state.revision, user)
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return _("Moderatoren keuren goed (met of zonder opmerking) of vragen wijzigingen met een toelichting.")

    class Meta:
        verbose_name = _("beoordeling door moderator")
        verbose_name_plural = _("beoordelingen door moderator")


class ReassessmentFlag(models.Model):
    """A published pilot result reported an effect evaluation: the method's rating may
    no longer match the evidence. The flag counts as open while the method's current
    rating is older than the flag."""

    method = models.ForeignKey("methods.MethodPage", on_delete=models.CASCADE, related_name="reassessment_flags",
                               verbose_name=_("methode"))
    pilot = models.ForeignKey("pilots.PilotResultPage", on_delete=models.CASCADE, related_name="+",
                              verbose_name=_("praktijkresultaat"))
    created_at = models.DateTimeField(_("gemeld op"), auto_now_add=True)
    reason = models.CharField(_("reden"), max_length=255)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("signaal voor herbeoordeling")
        verbose_name_plural = _("signalen voor herbeoordeling")
        constraints = [models.UniqueConstraint(fields=["method", "pilot"], name="one_flag_per_pilot")]
        permissions = [("import_methods", _("Kan methodebestanden importeren in de beheeromgeving"))]

    def __str__(self):
        return f"{self.method}: {self.reason}"
