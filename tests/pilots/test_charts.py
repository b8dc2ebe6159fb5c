"""Indicator charts: server-side SVG that says in words what the bars show."""

from decimal import Decimal
from html.parser import HTMLParser

from django.template.loader import render_to_string
from django.utils import translation

from pilots.charts import LABEL_WIDTH, indicator_chart
from pilots.models import OutcomeIndicator


def chart_html(**values):
    indicator = OutcomeIndicator(name=values.pop("name", "Meldingen"), measurement="Registratie", **values)
    with translation.override("nl"):
        return render_to_string("pilots/includes/indicator_chart.html", {"chart": indicator_chart(indicator, "c1")})


class Bars(HTMLParser):
    def __init__(self):
        super().__init__()
        self.svg_attrs, self.rects, self.text = None, [], []
        self._in = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "svg":
            self.svg_attrs = attrs
        elif tag == "rect":
            self.rects.append(attrs)
        self._in = tag

    def handle_data(self, data):
        if data.strip():
            self.text.append((self._in, data.strip()))


def parse(html):
    parser = Bars()
    parser.feed(html)
    return parser


def test_chart_is_an_image_with_title_and_description_in_words():
    parsed = parse(chart_html(name="Leerlingen die signalen herkennen", baseline=Decimal("12.50"),
                              result=Decimal("40"), unit="%"))
    assert parsed.svg_attrs["role"] == "img"
    assert parsed.svg_attrs["aria-labelledby"] == "c1-title c1-desc"
    assert ("title", "Leerlingen die signalen herkennen") in parsed.text
    assert ("desc", "Nulmeting 12,5%, resultaat 40%: een toename van 27,5 procentpunt.") in parsed.text


def test_bar_lengths_are_proportional_and_the_larger_value_fills_the_area():
    parsed = parse(chart_html(baseline=Decimal("30"), result=Decimal("60"), unit="meldingen"))
    baseline, result = (float(rect["width"]) for rect in parsed.rects)
    assert result == 2 * baseline
    assert all(float(rect["x"]) == LABEL_WIDTH for rect in parsed.rects)
    # Dutch decimal commas in the text never leak into SVG geometry.
    assert all("," not in rect["width"] for rect in parsed.rects)
    assert ("desc", "Nulmeting 30 meldingen, resultaat 60 meldingen: een toename van 30 meldingen.") in parsed.text


def test_a_decrease_and_a_zero_baseline_are_described():
    parsed = parse(chart_html(baseline=Decimal("0"), result=Decimal("0"), unit=""))
    assert ("desc", "Nulmeting 0, resultaat 0: gelijk gebleven.") in parsed.text
    assert [float(rect["width"]) for rect in parsed.rects] == [0.0, 0.0]
    parsed = parse(chart_html(baseline=Decimal("1500"), result=Decimal("900"), unit="euro"))
    assert ("desc", "Nulmeting 1.500 euro, resultaat 900 euro: een afname van 600 euro.") in parsed.text


def test_negative_values_keep_their_sign_in_the_text():
    parsed = parse(chart_html(baseline=Decimal("-5"), result=Decimal("10"), unit=""))
    assert ("desc", "Nulmeting -5, resultaat 10: een toename van 15.") in parsed.text
    assert float(parsed.rects[0]["width"]) > 0
