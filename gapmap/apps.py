from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GapMapConfig(AppConfig):
    name = "gapmap"
    verbose_name = _("Bewijskaart")
