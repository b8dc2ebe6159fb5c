"""The site's URLs and /bench/bare/: a Django view that does nothing, through the same
middleware as every page, as the yardstick bench/load.py measures pages against."""

from django.http import HttpResponse
from django.urls import include, path


def bare(request):
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [
    path("bench/bare/", bare),
    path("", include("catalogue.urls")),
]
