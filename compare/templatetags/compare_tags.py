from django import template

from search.similar import similar_methods

register = template.Library()


@register.inclusion_tag("compare/includes/method_compare.html")
def compare_with(page, limit=5):
    """On a method page: a plain GET form to compare it with the methods most like it."""
    return {"page": page, "candidates": similar_methods(
        title=page.title, summary=page.summary, exclude_page_id=page.pk, limit=limit)}
