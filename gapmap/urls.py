from django.urls import path

from . import views

app_name = "gapmap"
urlpatterns = [
    path("bewijskaart/", views.gap_map, name="map"),
]
