from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SitePagesConfig(AppConfig):
    name = "sitepages"
    verbose_name = _("Vaste pagina's")
    default_auto_field = "django.db.models.BigAutoField"

    def load_demo_data(self, data_dir):
        """Called by methods.demo.load_demo (its app hook): create the fixed pages if missing."""
        from .demo import ensure_site_pages

        return ensure_site_pages()
