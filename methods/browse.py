"""Counts of live methods per taxonomy item, for browsing from the home and index pages."""

from django.db.models import Count, Q

from .models import ApproachType, ExploitationForm, Setting, TargetGroup

BROWSE_TAXONOMIES = [
    # (facet parameter used by the search page, model)
    ("vorm", ExploitationForm),
    ("doelgroep", TargetGroup),
    ("aanpak", ApproachType),
    ("setting", Setting),
]


def counted(model):
    """Items of one taxonomy with the number of live, public methods using each, unused ones left out."""
    from wagtail.models import PageViewRestriction

    restricted_paths = list(PageViewRestriction.objects.values_list("page__path", flat=True))
    live = Q(methods__live=True)
    for path in restricted_paths:
        live &= ~Q(methods__path__startswith=path)
    return list(
        model.objects.annotate(method_count=Count("methods", filter=live, distinct=True))
        .filter(method_count__gt=0)
        .order_by("sort_order", "name")
    )


def taxonomy_counts():
    return {param: counted(model) for param, model in BROWSE_TAXONOMIES}
