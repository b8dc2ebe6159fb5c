from django.urls import path

from . import views

app_name = "compare"
urlpatterns = [
    path("vergelijk/", views.compare, name="compare"),
]
