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


def restricted_paths():
    from wagtail.models import PageViewRestriction

    return list(PageViewRestriction.objects.values_list("page__path", flat=True))


def counted(model, restricted=None):
    """Items of one taxonomy with the number of live, public methods using each, unused ones left out.
    `restricted`: the paths of restricted pages, when the caller counts several taxonomies."""
    live = Q(methods__live=True)
    for path in restricted_paths() if restricted is None else restricted:
        live &= ~Q(methods__path__startswith=path)
    return list(
        model.objects.annotate(method_count=Count("methods", filter=live, distinct=True))
        .filter(method_count__gt=0)
        .order_by("sort_order", "name")
    )


def taxonomy_counts():
    restricted = restricted_paths()
    return {param: counted(model, restricted) for param, model in BROWSE_TAXONOMIES}
