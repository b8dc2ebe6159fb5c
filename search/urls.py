from django.urls import path

from . import api, views

app_name = "search"
urlpatterns = [
    path("zoeken/", views.search_page, name="search"),
    path("zoeken/fragment/", views.search_fragment, name="fragment"),
    path("api/search/", api.search_api, name="api"),
    path("api/search/autocomplete/", api.autocomplete_api, name="autocomplete"),
    path("api/search/openapi.json", api.openapi_api, name="openapi"),
]
