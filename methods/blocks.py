"""StreamField blocks for the long text of methods and pilot results."""

from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
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


class LongTextBlock(blocks.StreamBlock):
    markdown = MarkdownBlock(rows=8)
    image = ResponsiveImageBlock(label=_("Afbeelding"))
    quote = blocks.BlockQuoteBlock(label=_("Citaat"))

    class Meta:
        label = _("Inhoud")
