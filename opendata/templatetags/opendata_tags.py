from urllib.parse import urlencode

from django import template
from django.urls import reverse

register = template.Library()


@register.simple_tag
def search_csv_url(params):
    """The search page URL of this state with formaat=csv: the result set as a CSV file."""
    items = [item for item in params.query_items() if item[0] != "pagina"] + [("formaat", "csv")]
    return reverse("search:search") + "?" + urlencode(items)
