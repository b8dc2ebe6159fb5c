from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PilotsConfig(AppConfig):
    name = "pilots"
    verbose_name = _("Praktijkresultaten")

    def ready(self):
        from django.db.models.signals import post_migrate

        from .municipalities import index_municipalities

        post_migrate.connect(index_municipalities, sender=self, dispatch_uid="pilots.index_municipalities")

    def load_demo_data(self, data_dir):
        """load_demo hook: add municipalities missing from the register (never edits existing
        ones). There are deliberately no demo pilot results: those must be real."""
        from .models import Municipality
        from .municipalities import index_municipalities, load_municipalities

        created = load_municipalities(Municipality, data_dir=data_dir)
        index_municipalities()
        return created
