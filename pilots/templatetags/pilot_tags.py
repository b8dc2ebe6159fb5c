from django import template

from ..charts import describe_change, indicator_chart, with_unit
from ..queries import method_usage, newest_pilots

register = template.Library()


@register.inclusion_tag("pilots/includes/indicator_chart.html")
def chart_for(indicator, number, prefix="indicator"):
    """The SVG chart of one indicator; prefix and number make its ids unique on the page."""
    return {"chart": indicator_chart(indicator, f"{prefix}-{number}")}


@register.simple_tag
def pilot_usage(method):
    return method_usage(method)


@register.simple_tag
def latest_pilot_results(limit=3):
    return newest_pilots(limit)


@register.simple_tag
def value_with_unit(value, unit):
    return with_unit(value, unit)


@register.simple_tag
def change_text(indicator):
    return describe_change(indicator.baseline, indicator.result, indicator.unit)
