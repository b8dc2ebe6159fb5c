from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlertsConfig(AppConfig):
    """Atom feeds and e-mail alerts for saved searches: what is new in the catalogue.
    Depends on search and methods, never the other way round."""

    name = "alerts"
    verbose_name = _("Feeds en attenderingen")
