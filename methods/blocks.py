"""StreamField blocks for the long text of methods and pilot results."""

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


class LongTextBlock(blocks.StreamBlock):
    markdown = MarkdownBlock(rows=8)
    image = ImageBlock(label=_("Afbeelding"))
    quote = blocks.BlockQuoteBlock(label=_("Citaat"))

    class Meta:
        label = _("Inhoud")
