"""Template components shared by every app's pages (registered in settings.TEMPLATES)."""

from django import template
from django.template.loader import render_to_string

register = template.Library()

NOTICE_KINDS = ("ok", "info", "warning", "error")


@register.simple_block_tag
def notice(content, kind="info", role=None, extra_class=""):
    """A Utrecht alert box around the enclosed HTML:
    `{% notice "ok" %}<p>…</p>{% endnotice %}`. Errors interrupt a screen reader
    (role alert); the other kinds are announced politely (role status) unless `role` says
    otherwise."""
    if kind not in NOTICE_KINDS:
        raise template.TemplateSyntaxError(f"notice kind must be one of {NOTICE_KINDS}, not {kind!r}")
    return render_to_string(
        "includes/notice.html",
        {
            "content": content,
            "kind": kind,
            "role": role or ("alert" if kind == "error" else "status"),
            "extra_class": extra_class,
        },
    )
