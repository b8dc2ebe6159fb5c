from django import template

from ..similar import similar_for

register = template.Library()


@register.simple_tag
def similar_to(page, limit=5):
    """Live methods most like this one (search.similar: engine more-like-this or text overlap)."""
    return similar_for(page.title, page.summary, exclude_page_id=page.pk, limit=limit)
