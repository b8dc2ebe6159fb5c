"""A published pilot result with an effect evaluation marks its method for re-assessment."""

from django.utils.translation import gettext as _
from wagtail.signals import page_published

from pilots.models import PilotResultPage

from .models import ReassessmentFlag


def flag_method_for_reassessment(sender, instance, **kwargs):
    if not instance.reports_effect_evaluation:
        return
    method = instance.get_parent().specific
    ReassessmentFlag.objects.get_or_create(
        method=method, pilot=instance,
        defaults={"reason": _("Praktijkresultaat met effectevaluatie (%(design)s) in %(municipality)s") % {
            "design": instance.get_evaluation_design_display(), "municipality": instance.municipality.name}},
    )


page_published.connect(flag_method_for_reassessment, sender=PilotResultPage,
                       dispatch_uid="moderation.flag_method_for_reassessment")
