from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PilotsConfig(AppConfig):
    name = "pilots"
    verbose_name = _("Praktijkresultaten")

    def load_demo_data(self, data_dir):
        """load_demo hook: add municipalities missing from the register (never edits existing
        ones). There are deliberately no demo pilot results: those must be real."""
        from .municipalities import load_municipalities
        from .models import Municipality

        return load_municipalities(Municipality, data_dir=data_dir)
