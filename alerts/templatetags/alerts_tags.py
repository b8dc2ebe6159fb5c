from django import template

from alerts import searches

register = template.Library()


@register.simple_tag
def search_feed_url(params):
    """The Atom feed of this search (words and filters; page and sort do not matter to a feed)."""
    return searches.with_query("alerts:search_feed", params)


@register.simple_tag
def search_alert_url(params):
    """The page that subscribes to e-mails for this search."""
    return searches.with_query("alerts:subscribe", params)
