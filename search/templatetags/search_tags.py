from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    """mapping[key] in a template, or the key itself when unknown (labels of facet values)."""
    try:
        return mapping[key]
    except (KeyError, TypeError):
        return key
