"""The fixed pages every Dutch public site needs, and the evidence explanation.

They are ordinary Wagtail pages so the redactie can edit them; `role` lets the
footer and the evidence badges find them without hard-coded URLs.
"""

import time

from django import forms
from django.core import signing
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.forms import BaseForm, FormBuilder
from wagtail.contrib.forms.models import AbstractForm, AbstractFormField
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class Role(models.TextChoices):
    EVIDENCE = "evidence", _("Uitleg over bewijs")
    ABOUT = "about", _("Over de catalogus")
    ACCESSIBILITY = "accessibility", _("Toegankelijkheidsverklaring")
    PRIVACY = "privacy", _("Privacy en cookies")
    CONTACT = "contact", _("Contact")


# Footer order.
FOOTER_ROLES = [Role.ABOUT, Role.EVIDENCE, Role.CONTACT, Role.PRIVACY, Role.ACCESSIBILITY]


class InfoPage(Page):
    intro = models.TextField(_("inleiding"), blank=True)
    body = RichTextField(_("tekst"), features=["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"])
    role = models.CharField(
        _("functie op de site"), max_length=20, choices=[c for c in Role.choices if c[0] != Role.CONTACT],
        blank=True,
        help_text=_("De voettekst en de bewijslabels linken naar de pagina met deze functie."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    promote_panels = Page.promote_panels + [FieldPanel("role")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    search_fields = Page.search_fields

    class Meta:
        verbose_name = _("informatiepagina")
        verbose_name_plural = _("informatiepagina's")


class ContactFormField(AbstractFormField):
    page = ParentalKey("ContactPage", on_delete=models.CASCADE, related_name="form_fields")


# Spam protection without outside services: a field people never see (bots fill
# it in) and a signed start time (bots post at once, or replay an old form).
TRAP_FIELD = "website_adres"
STARTED_FIELD = "gestart"
MIN_SECONDS = 3
MAX_AGE = 60 * 60 * 24
_signer = signing.Signer(salt="sitepages.contact")


def _start_token():
    return _signer.sign(str(int(time.time())))


class SpamCheckedForm(BaseForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[TRAP_FIELD] = forms.CharField(
            label=_("Laat dit veld leeg"), required=False,
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )
        self.fields[STARTED_FIELD] = forms.CharField(required=False, widget=forms.HiddenInput)
        self.initial[STARTED_FIELD] = _start_token()
        for name, field in self.fields.items():
            widget = field.widget
            if name in (TRAP_FIELD, STARTED_FIELD) or isinstance(widget, forms.RadioSelect):
                continue
            if isinstance(widget, forms.Textarea):
                widget.attrs["class"] = "contact-form__textarea"
            else:
                widget.attrs["class"] = "utrecht-textbox utrecht-textbox--html-input"
            if field.help_text:
                widget.attrs["aria-describedby"] = f"id_{name}-help"

    def full_clean(self):
        super().full_clean()
        # Link each error message to its input (WCAG 3.3.1).
        for name in self.errors:
            if name in self.fields and name != TRAP_FIELD:
                attrs = self.fields[name].widget.attrs
                attrs["aria-invalid"] = "true"
                attrs["aria-describedby"] = " ".join(filter(None, [attrs.get("aria-describedby"), f"id_{name}-error"]))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get(TRAP_FIELD):
            raise forms.ValidationError(_("Het bericht is niet verstuurd. Laat het verborgen veld leeg."))
        try:
            started = int(_signer.unsign(cleaned.get(STARTED_FIELD) or ""))
        except (signing.BadSignature, ValueError):
            raise forms.ValidationError(
                _("Het formulier is niet volledig geladen. Verstuur uw bericht opnieuw.")
            ) from None
        age = time.time() - started
        if age > MAX_AGE:
            raise forms.ValidationError(_("Het formulier is verlopen. Verstuur uw bericht opnieuw."))
        if age < MIN_SECONDS:
            raise forms.ValidationError(_("Dat ging wel erg snel. Controleer uw bericht en verstuur het opnieuw."))
        return cleaned


class ContactFormBuilder(FormBuilder):
    def get_form_class(self):
        return type("ContactForm", (SpamCheckedForm,), self.formfields)


class ContactPage(AbstractForm):
    """Propose a method or report a pilot result; submissions appear under Formulieren in the admin."""

    form_builder = ContactFormBuilder
    intro = RichTextField(_("inleiding"), blank=True, features=["h2", "h3", "bold", "italic", "ol", "ul", "link"])
    thank_you_text = RichTextField(_("bedankt-tekst"), blank=True, features=["bold", "italic", "link"])

    content_panels = AbstractForm.content_panels + [
        FormSubmissionsPanel(),
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("Formuliervelden")),
        FieldPanel("thank_you_text"),
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("contactformulier")

    def process_form_submission(self, form):
        form.cleaned_data.pop(TRAP_FIELD, None)
        form.cleaned_data.pop(STARTED_FIELD, None)
        return super().process_form_submission(form)
