"""Queries for published pilot results, shared by the templates, the list and the home page."""

from django.db.models import Subquery
from django.db.models.functions import Length, Substr
from wagtail.models import Page

from methods.models import MethodPage

from .models import PilotResultPage


def live_pilots():
    return PilotResultPage.objects.live().public().select_related("municipality")


def pilots_for_method(method):
    return live_pilots().child_of(method).order_by("-period_start", "title")


def under_methods(pilots, methods):
    """Pilot results whose parent is one of these methods (a pilot is always a method's child)."""
    return pilots.annotate(
        parent_path=Substr("path", 1, Length("path") - Page.steplen)
    ).filter(parent_path__in=Subquery(methods.values("path")))


def method_usage(method):
    """What the method page's 'Praktijkresultaten' shows."""
    pilots = list(pilots_for_method(method))
    return {
        "pilots": pilots,
        "municipality_count": len({pilot.municipality_id for pilot in pilots}),
    }


def newest_pilots(limit=3):
    pilots = list(live_pilots().order_by("-first_published_at")[:limit])
    parents = {p.path[: -Page.steplen]: None for p in pilots}
    for method in MethodPage.objects.filter(path__in=parents):
        parents[method.path] = method
    for pilot in pilots:
        pilot.method_page = parents.get(pilot.path[: -Page.steplen])
    return pilots
