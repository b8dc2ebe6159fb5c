from django.urls import path
from wagtail import hooks

from .views import similar_methods_json


@hooks.register("register_admin_urls")
def similar_methods_urls():
    return [path("vergelijkbare-methoden/", similar_methods_json, name="related_similar_methods")]
