"""StreamField blocks for the long text of methods and pilot results."""

from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.images.blocks import ImageBlock

from .markdown import render_markdown


class MarkdownBlock(blocks.TextBlock):
    """Markdown source, rendered and sanitized on output."""

    def render_basic(self, value, context=None):
        return render_markdown(value)

    class Meta:
        icon = "doc-full"
        label = _("Tekst (Markdown)")
        help_text = _("Markdown: **vet**, *cursief*, [link](https://…), lijsten met - of 1.")


class ResponsiveImageBlock(ImageBlock):
    """Wagtail's ImageBlock (alt text required unless marked decorative), rendered as a
    <picture> with AVIF and WebP sources and a JPEG fallback in three widths, instead of
    Wagtail's single cropped PNG. ImageBlock deconstructs as itself, so no migration changes."""

    def render(self, value, context=None):
        if not value:
            return ""
        return render_to_string("methods/blocks/image.html", {"image": value, "alt": value.contextual_alt_text or ""})


# An empty stream shows nothing but Wagtail's unlabelled ⊕ button (its name, "Blok
# invoegen", is only a tooltip), so the panel says what it is for. A panel help text
# rather than the field's, so no migration is needed.
LONG_TEXT_HELP = _("Voeg met de knop ⊕ (‘Blok invoegen’) tekst, een afbeelding of een citaat toe.")


def long_text_panel(field_name):
    return FieldPanel(field_name, help_text=LONG_TEXT_HELP)


class LongTextBlock(blocks.StreamBlock):
    markdown = MarkdownBlock(rows=8)
    image = ResponsiveImageBlock(label=_("Afbeelding"))
    quote = blocks.BlockQuoteBlock(label=_("Citaat"))

    class Meta:
        label = _("Inhoud")
