from django import forms
from django.utils.translation import gettext_lazy as _


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label=_("Uw e-mailadres"), max_length=254,
        help_text=_("U krijgt eerst een e-mail om te bevestigen. Daarna alleen een bericht als er iets nieuws is."),
        error_messages={"required": _("Vul uw e-mailadres in."),
                        "invalid": _("Vul een geldig e-mailadres in, bijvoorbeeld naam@gemeente.nl.")},
    )
    # The search, as the subscribe page's URL gave it; parsed again on submit, never trusted as is.
    zoekopdracht = forms.CharField(required=False, max_length=2000, widget=forms.HiddenInput)
