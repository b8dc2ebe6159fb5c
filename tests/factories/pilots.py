"""Factories for the pilots app. Pilot results are test data only: the demo catalogue has none."""

import datetime
from decimal import Decimal

import factory

from pilots.models import Municipality, OutcomeIndicator, PilotResultPage

from .methods import MethodPageFactory, add_page


def municipality(code="GM0344"):
    """A municipality from the register the data migration loaded (GM0344 is Utrecht)."""
    return Municipality.objects.get(code=code)


def indicator(name="Leerlingen die signalen herkennen", baseline="20", result="45", unit="%",
              measurement="Vragenlijst voor en na de lessen, 120 leerlingen"):
    return {"name": name, "baseline": Decimal(baseline), "result": Decimal(result), "unit": unit,
            "measurement": measurement}


class PilotResultPageFactory(factory.Factory):
    """Builds a PilotResultPage under a method (a new published one unless `parent` is given)
    and publishes it. Pass indicators=[indicator(...), ...]."""

    title = factory.Sequence(lambda n: f"Pilot {n}")
    slug = factory.Sequence(lambda n: f"pilot-{n}")
    period_start = datetime.date(2023, 1, 1)
    period_end = factory.LazyAttribute(lambda o: o.period_start + datetime.timedelta(days=300))

    class Meta:
        model = PilotResultPage

    @classmethod
    def _create(cls, model_class, *args, parent=None, live=True, indicators=(), **kwargs):
        kwargs.setdefault("municipality", municipality())
        page = model_class(**kwargs)
        page.indicators = [OutcomeIndicator(**values) for values in indicators]
        return add_page(parent or MethodPageFactory(), page, live=live)


__all__ = ["PilotResultPageFactory", "indicator", "municipality", "pilot_form_data"]


def pilot_form_data(municipality_pk, indicators=(), **overrides):
    """POST data for the admin's pilot result form, as the browser sends it."""
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    data = {
        "title": "Girls' Talk in Utrecht",
        "slug": "girls-talk-utrecht",
        "municipality": municipality_pk,
        "period_start": "2023-02-01",
        "period_end": "2023-11-30",
        "setting": "Drie vmbo-scholen",
        "people_reached": "120",
        "sessions_held": "16",
        "results": streamfield([("markdown", "Meer leerlingen **herkennen** signalen.")]),
        "lessons": streamfield([("markdown", "Plan de lessen vroeg in het schooljaar.")]),
        "embedding": "",
        "budget_line": "",
        "evaluation_design": "",
        "evaluation_report": "",
        "contact_name": "",
        "contact_organisation": "",
        "contact_email": "",
        "contact_phone": "",
        "indicators": inline_formset([
            {**values, "baseline": str(values["baseline"]), "result": str(values["result"])} for values in indicators
        ]),
    }
    data.update(overrides)
    return nested_form_data(data)
