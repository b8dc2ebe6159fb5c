from django.urls import path

from . import views

app_name = "pilots"
urlpatterns = [
    path("praktijkresultaten/", views.pilot_list, name="list"),
]
