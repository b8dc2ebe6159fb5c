"""Server-side bar charts for outcome indicators: baseline next to result.

The geometry is computed here and drawn by pilots/includes/indicator_chart.html as an
SVG with role="img", a <title> and a <desc> that says in words what the bars show,
so the chart needs no JavaScript and reads the same to a screen reader.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

# A narrow viewBox with 16px text: on a 320px screen the chart scales to about 0.85,
# so labels stay near 14px (at 360 wide they shrank to about 11px).
WIDTH = 300
LABEL_WIDTH = 96
# Space right of the longest bar for its value: about 9px per character at 16px,
# so long units ("1.500 deelnemers") are not clipped by the viewBox.
CHAR_WIDTH = 9
MAX_VALUE_ROOM = 150
BAR_HEIGHT = 26
GAP = 12
TOP = 8


def format_number(value):
    """12.50 -> '12,5' and 1500 -> '1.500' in Dutch; no trailing zeros."""
    value = Decimal(value)
    if value == value.to_integral_value():
        return number_format(int(value), force_grouping=True)
    return number_format(value.normalize(), force_grouping=True)


def with_unit(value, unit):
    text = format_number(value)
    if not unit:
        return text
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}"


def describe_change(baseline, result, unit):
    difference = Decimal(result) - Decimal(baseline)
    if difference == 0:
        return _("gelijk gebleven")
    amount = format_number(abs(difference))
    unit_text = _("procentpunt") if unit == "%" else unit
    amount = f"{amount} {unit_text}" if unit_text else amount
    if difference > 0:
        return _("een toename van %(amount)s") % {"amount": amount}
    return _("een afname van %(amount)s") % {"amount": amount}


@dataclass
class Bar:
    label: str
    value_text: str
    css_class: str
    y: int
    width: float
    text_y: int
    value_x: float


@dataclass
class Chart:
    id: str
    title: str
    description: str
    width: int
    height: int
    label_width: int
    bars: list


def indicator_chart(indicator, chart_id):
    """The chart for one OutcomeIndicator; chart_id must be unique on the page."""
    baseline, result = Decimal(indicator.baseline), Decimal(indicator.result)
    largest = max(abs(baseline), abs(result)) or Decimal(1)
    rows = [
        (_("Nulmeting"), baseline, "chart__bar--baseline"),
        (_("Resultaat"), result, "chart__bar--result"),
    ]
    longest = max(len(with_unit(value, indicator.unit)) for _label, value, _css in rows)
    area = WIDTH - LABEL_WIDTH - min(MAX_VALUE_ROOM, longest * CHAR_WIDTH + 10)
    bars = []
    for position, (label, value, css_class) in enumerate(rows):
        y = TOP + position * (BAR_HEIGHT + GAP)
        # Negative values are drawn by size; the printed value keeps its sign.
        width = round(float(abs(value) / largest) * area, 1)
        bars.append(Bar(
            label=label, value_text=with_unit(value, indicator.unit), css_class=css_class, y=y,
            width=width, text_y=y + BAR_HEIGHT // 2, value_x=LABEL_WIDTH + width + 6,
        ))
    description = _("Nulmeting %(baseline)s, resultaat %(result)s: %(change)s.") % {
        "baseline": with_unit(baseline, indicator.unit),
        "result": with_unit(result, indicator.unit),
        "change": describe_change(baseline, result, indicator.unit),
    }
    return Chart(
        id=chart_id, title=indicator.name, description=description, width=WIDTH,
        height=TOP * 2 + len(rows) * BAR_HEIGHT + GAP, label_width=LABEL_WIDTH, bars=bars,
    )
