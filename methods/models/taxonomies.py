"""Taxonomies that editors manage as snippets, and the owner organisations."""

from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class Taxonomy(index.Indexed, models.Model):
    """A named vocabulary item; the slug is what URLs and facets carry."""

    name = models.CharField(_("naam"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True, allow_unicode=False,
                            help_text=_("Wordt gebruikt in zoekadressen; wijzig alleen als het echt moet."))
    description = models.TextField(_("omschrijving"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("volgorde"), default=100)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description"), FieldPanel("sort_order")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:120]
        super().save(*args, **kwargs)


class ExploitationForm(Taxonomy):
    class Meta(Taxonomy.Meta):
        verbose_name = _("vorm van uitbuiting")
        verbose_name_plural = _("vormen van uitbuiting")


class TargetGroup(Taxonomy):
    class Meta(Taxonomy.Meta):
        verbose_name = _("doelgroep")
        verbose_name_plural = _("doelgroepen")


class ApproachType(Taxonomy):
    class Meta(Taxonomy.Meta):
        verbose_name = _("soort aanpak")
        verbose_name_plural = _("soorten aanpak")


class Setting(Taxonomy):
    class Meta(Taxonomy.Meta):
        verbose_name = _("setting")
        verbose_name_plural = _("settings")


class CostBand(Taxonomy):
    class Meta(Taxonomy.Meta):
        verbose_name = _("kostenklasse")
        verbose_name_plural = _("kostenklassen")


class Organisation(index.Indexed, models.Model):
    """The organisation that owns a method, with a contact for 'wie doet dit al?'."""

    name = models.CharField(_("naam"), max_length=255, unique=True)
    website = models.URLField(_("website"), blank=True)
    contact_name = models.CharField(_("contactpersoon"), max_length=255, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    phone = models.CharField(_("telefoonnummer"), max_length=40, blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("website"),
        FieldPanel("contact_name"),
        FieldPanel("email"),
        FieldPanel("phone"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")

    def __str__(self):
        return self.name
