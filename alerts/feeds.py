"""Atom feeds: new and changed methods, new pilot results, and the methods of one search.

An entry's `updated` is the page's last publication, so a feed reader shows a changed
method again; `published` is its first publication."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Page

from methods.models import MethodPage
from search.facets import facet_catalogue

from . import searches

LIMIT = 50
SITE = gettext_lazy("Preventiecatalogus Mensenhandel")


class _PageFeed(Feed):
    feed_type = Atom1Feed
    language = "nl"
    author_name = gettext_lazy("Redactie Preventiecatalogus Mensenhandel")

    def item_title(self, item):
        return item.title

    def item_link(self, item):
        return item.url or "/"

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def __call__(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        # Readers poll often; a few minutes' staleness is fine and spares the search.
        response["Cache-Control"] = "public, max-age=300"
        return response


class MethodsFeed(_PageFeed):
    title = gettext_lazy("Preventiecatalogus Mensenhandel: nieuwe en gewijzigde methoden")
    subtitle = gettext_lazy("Methoden die nieuw zijn in de catalogus of door de redactie zijn bijgewerkt.")
    link = "/methoden/"

    def items(self):
        return searches.live_methods().order_by("-last_published_at", "pk")[:LIMIT]

    def item_description(self, item):
        # Atom1Feed marks the summary as HTML; the summary is plain text.
        return escape(item.summary)


class PilotResultsFeed(_PageFeed):
    title = gettext_lazy("Preventiecatalogus Mensenhandel: nieuwe praktijkresultaten")
    subtitle = gettext_lazy("Wat gemeenten bereikten met een methode uit de catalogus.")

    def link(self):
        return reverse("pilots:list")

    def items(self):
        from pilots.queries import live_pilots

        pilots = list(live_pilots().order_by("-last_published_at", "pk")[:LIMIT])
        # One query for the methods, not one per entry.
        parents = MethodPage.objects.in_bulk([p.path[: -Page.steplen] for p in pilots], field_name="path")
        for pilot in pilots:
            pilot.method_title = getattr(parents.get(pilot.path[: -Page.steplen]), "title", "")
        return pilots

    def item_description(self, item):
        text = _("Praktijkresultaat van %(method)s in %(municipality)s (vanaf %(start)s).") % {
            "method": item.method_title, "municipality": item.municipality.name,
            "start": item.period_start.strftime("%m-%Y")}
        return escape(text)


class SearchFeed(MethodsFeed):
    """The methods one search finds: the same GET parameters as /zoeken/ (page and sort are
    ignored, the newest come first). Unknown or malformed parameters are dropped, as on the
    search page, so a feed URL never fails."""

    def get_object(self, request, *args, **kwargs):
        catalogue = facet_catalogue()
        return searches.params_from(request.GET, catalogue), catalogue

    def title(self, obj):
        params, catalogue = obj
        return _("Preventiecatalogus Mensenhandel: %(search)s") % {"search": searches.describe(params, catalogue)}

    def subtitle(self, obj):
        return _("Nieuwe en gewijzigde methoden voor deze zoekopdracht.")

    def link(self, obj):
        params, _catalogue = obj
        return searches.with_query("search:search", params)

    def feed_url(self, obj):
        params, _catalogue = obj
        return searches.with_query("alerts:search_feed", params)

    def items(self, obj):
        params, catalogue = obj
        return searches.feed_methods(params, catalogue, LIMIT)


