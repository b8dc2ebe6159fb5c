from django.urls import path

from . import views

app_name = "opendata"
urlpatterns = [
    path("open-data/", views.open_data_page, name="page"),
    path("open-data/methoden.csv", views.catalogue_csv, name="csv"),
    path("open-data/methoden.json", views.catalogue_json, name="json"),
    path("open-data/methoden-markdown.zip", views.markdown_archive, name="markdown"),
    path("open-data/methoden.schema.json", views.json_schema, name="json_schema"),
    path("open-data/datapackage.json", views.datapackage, name="datapackage"),
]
