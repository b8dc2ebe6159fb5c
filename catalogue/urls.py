from django.conf import settings
from django.urls import include, path
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from opendata.views import csv_when_asked
from search import api as search_api
from search import views as search_views
from catalogue.views import healthz, switch_language
from moderation import editor_views

urlpatterns = [
    # Before Wagtail's admin: its page create, edit, revert and workflow-action views without
    # the editor traps (moderation/editor_views.py).
    path("admin/pages/", include(editor_views.urlpatterns)),
    path("admin/", include(wagtailadmin_urls)),
    path("documenten/", include(wagtaildocs_urls)),
    path("healthz", healthz, name="healthz"),
    path("taal/", set_language, name="set_language"),
    # formaat=csv on the search page and the search API: the result set as CSV (opendata app).
    path("zoeken/", csv_when_asked(search_views.search_page)),
    path("api/search/", csv_when_asked(search_api.search_api)),
    path("taal/<str:language>/", switch_language, name="switch_language"),
    path("", include("search.urls")),
    path("", include("pilots.urls")),
    path("", include("gapmap.urls")),
    path("", include("compare.urls")),
    path("", include("opendata.urls")),
    path("", include("alerts.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
