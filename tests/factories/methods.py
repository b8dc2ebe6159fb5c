"""Factories for the methods app, mirroring methods/models."""

import datetime

import factory
from factory.django import DjangoModelFactory

from methods.models import (
    ApproachType,
    CostBand,
    EvidenceLevel,
    ExploitationForm,
    MethodIndexPage,
    MethodPage,
    Organisation,
    RatingRecord,
    Setting,
    Source,
    TargetGroup,
)


class TaxonomyFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"term {n}")
    slug = factory.LazyAttribute(lambda o: o.name.replace(" ", "-"))

    class Meta:
        abstract = True
        django_get_or_create = ("slug",)


class ExploitationFormFactory(TaxonomyFactory):
    class Meta:
        model = ExploitationForm


class TargetGroupFactory(TaxonomyFactory):
    class Meta:
        model = TargetGroup


class ApproachTypeFactory(TaxonomyFactory):
    class Meta:
        model = ApproachType


class SettingFactory(TaxonomyFactory):
    class Meta:
        model = Setting


class CostBandFactory(TaxonomyFactory):
    class Meta:
        model = CostBand


class OrganisationFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Organisatie {n}")

    class Meta:
        model = Organisation
        django_get_or_create = ("name",)


def home_page():
    from home.models import HomePage

    return HomePage.objects.get()


def method_index():
    """The single method index under the home page (created on first use)."""
    index = MethodIndexPage.objects.first()
    if index is None:
        index = MethodIndexPage(title="Methoden", slug="methoden")
        home_page().add_child(instance=index)
    return index


class MethodPageFactory(factory.Factory):
    """Builds a MethodPage and adds it, published, under the method index.

    Pass forms_of_exploitation=[...] etc. for taxonomies and ratings=[dict(...)]
    for rating records."""

    title = factory.Sequence(lambda n: f"Methode {n}")
    slug = factory.Sequence(lambda n: f"methode-{n}")
    summary = "Een korte samenvatting van de methode."

    class Meta:
        model = MethodPage

    @classmethod
    def _create(cls, model_class, *args, parent=None, live=True, ratings=(), sources=("https://example.org/bron",),
                forms_of_exploitation=(), target_groups=(), approach_types=(), settings=(), **kwargs):
        page = model_class(**kwargs)
        # With their order, as the admin and the importer save them: a NULL sort_order sorts
        # first on SQLite and last on PostgreSQL, so the history's order would differ.
        page.ratings = [RatingRecord(sort_order=position, **values) for position, values in enumerate(ratings)]
        page.sources = [Source(url=url) for url in sources]
        for name, items in (("forms_of_exploitation", forms_of_exploitation), ("target_groups", target_groups),
                            ("approach_types", approach_types), ("settings", settings)):
            getattr(page, name).set(list(items))
        return add_page(parent or method_index(), page, live=live)


def add_page(parent, page, *, live=True):
    """Add a page as editors do: a revision, published unless live=False."""
    page.live = False
    parent.add_child(instance=page)
    revision = page.save_revision()
    if live:
        revision.publish()
        page.refresh_from_db()
    return page


def rating(level=EvidenceLevel.WELL_FOUNDED, assessor="Erkenningscommissie Interventies",
           date=datetime.date(2020, 1, 1), valid_until=None, reason=""):
    return {"level": level, "assessor": assessor, "date": date, "valid_until": valid_until, "reason": reason}


__all__ = ["MethodPageFactory", "add_page", "method_index", "home_page", "rating"]
