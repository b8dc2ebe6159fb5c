"""XSS payloads in Markdown never reach a page: not through render_markdown, not through the
MarkdownBlock of a StreamField, and not through an imported method file.

The checks parse the HTML the way a browser does (entities decoded) and look at elements and
attributes, not at text: a payload shown as harmless text is fine, an attribute or element is not.
"""

import re
from html.parser import HTMLParser

import pytest
from django.core.management import call_command

from methods.demo import DEMO_DATA, ensure_page_tree, load_taxonomies
from methods.markdown import render_markdown
from methods.models import MethodPage
from tests.factories.methods import MethodPageFactory
from tests.factories.pilots import PilotResultPageFactory

PAYLOADS = [
    "<script>alert('xss')</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '<img src="x" onerror="alert(\'xss\')">',
    "<svg onload=alert('xss')>",
    "<svg><script>alert('xss')</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    '<a href="javascript:alert(1)">klik</a>',
    '<a href="JaVaScRiPt:alert(1)">klik</a>',
    '<a href="  javascript:alert(1)">klik</a>',
    '<a href="&#106;avascript:alert(1)">klik</a>',
    '<a href="&#x6A;&#x61;vascript:alert(1)">klik</a>',
    '<a href="java&#x09;script:alert(1)">klik</a>',
    '<a href="java&#x0A;script:alert(1)">klik</a>',
    '<a href="java&Tab;script:alert(1)">klik</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">klik</a>',
    '<a href="vbscript:msgbox(1)">klik</a>',
    "[klik](javascript:alert(1))",
    "[klik](JAVASCRIPT:alert(1))",
    "[klik](&#106;avascript:alert(1))",
    "[klik](java&#x09;script:alert(1))",
    "[klik](data:text/html,<script>alert(1)</script>)",
    "[klik][ref]\n\n[ref]: javascript:alert(1)",
    "![plaatje](javascript:alert(1))",
    '![plaatje](x" onerror="alert(1))',
    "<javascript:alert(1)>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="data:text/html,<script>alert(1)</script>"></object>',
    '<embed src="javascript:alert(1)">',
    '<form action="javascript:alert(1)"><button>x</button></form>',
    '<details open ontoggle="alert(1)">x</details>',
    '<p style="background:url(javascript:alert(1))">stijl</p>',
    "<style>@import 'https://evil.example/x.css';</style>",
    '<base href="https://evil.example/">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    'tekst {: onclick="alert(1)" }',
    '<div markdown="1" onclick="alert(1)">*x*</div>',
    "<!-- <script>alert(1)</script> -->",
    '<a href="https://example.org" onclick="alert(1)" onmouseover="alert(1)">echt</a>',
]

FORBIDDEN_TAGS = {"script", "iframe", "object", "embed", "form", "style", "base", "meta", "math", "link"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "srcdoc", "poster", "background"}
CONTROL = re.compile(r"[\x00-\x20]+")


class Dangers(HTMLParser):
    """Collects dangerous elements and attributes. HTMLParser decodes entities in attribute values."""

    def __init__(self, allowed_svg_class=None, forbidden_tags=FORBIDDEN_TAGS):
        super().__init__(convert_charrefs=True)
        self.found = []
        self.allowed_svg_class = allowed_svg_class
        self.forbidden_tags = forbidden_tags

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in self.forbidden_tags:
            self.found.append(f"<{tag}>")
        if tag == "svg" and (self.allowed_svg_class is None or attrs.get("class") != self.allowed_svg_class):
            self.found.append("<svg>")
        for name, value in attrs.items():
            if name.startswith("on"):
                self.found.append(f"{tag}[{name}]")
            if name == "style":
                self.found.append(f"{tag}[style]")
            if name in URL_ATTRIBUTES and value is not None:
                scheme = CONTROL.sub("", value).lower()
                if scheme.startswith(("javascript:", "data:", "vbscript:")):
                    self.found.append(f"{tag}[{name}={value!r}]")

    handle_startendtag = handle_starttag


def dangers(html, allowed_svg_class=None, forbidden_tags=FORBIDDEN_TAGS):
    parser = Dangers(allowed_svg_class, forbidden_tags)
    parser.feed(html)
    return parser.found


def main_of(html):
    return html[html.index("<main"): html.index("</main>")]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_render_markdown_drops_every_payload(payload):
    assert dangers(str(render_markdown(payload))) == []
    assert dangers(str(render_markdown(f"Inleiding.\n\n{payload}\n\n**vet**"))) == []


def test_the_checker_itself_catches_what_it_should():
    assert dangers('<a href="&#106;avascript:x">') == ["a[href='javascript:x']"]
    assert dangers('<a href="java&#x09;script:x">')
    assert dangers('<img src=x onerror=y>') == ["img[onerror]"]
    assert dangers("<svg><script></script></svg>") == ["<svg>", "<script>"]


def test_ordinary_markdown_still_works():
    html = str(render_markdown("**Vet**, *schuin*, [bron](https://example.org/a?b=1&c=2), [intern](/methoden/)\n\n"
                               "- een\n- twee\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n## Kop"))
    assert "<strong>Vet</strong>" in html and "<em>schuin</em>" in html
    assert '<a href="https://example.org/a?b=1&amp;c=2" rel="noopener noreferrer">bron</a>' in html
    assert '<a href="/methoden/" rel="noopener noreferrer">intern</a>' in html
    assert "<li>twee</li>" in html and "<td>2</td>" in html and "<h2>Kop</h2>" in html


@pytest.mark.django_db
def test_payloads_in_the_markdown_block_never_reach_the_page(client):
    method = MethodPageFactory(
        title="Veilig", slug="veilig",
        body=[("markdown", payload) for payload in PAYLOADS],
        problem="\n\n".join(PAYLOADS),
    )
    PilotResultPageFactory(parent=method, slug="pilot-veilig", results=[("markdown", p) for p in PAYLOADS],
                           lessons=[("markdown", "\n\n".join(PAYLOADS))])
    html = client.get(method.url).content.decode()
    assert "klik" in html  # the payloads were rendered, as harmless text
    assert dangers(main_of(html)) == []
    pilot_html = client.get(f"{method.url}pilot-veilig/").content.decode()
    assert "stijl" in pilot_html
    assert dangers(main_of(pilot_html)) == []


@pytest.mark.django_db
def test_payloads_in_an_imported_file_never_reach_the_page(client, tmp_path):
    load_taxonomies(DEMO_DATA / "taxonomies.yaml")
    ensure_page_tree()
    body = "\n\n".join(PAYLOADS)
    (tmp_path / "aanval.md").write_text(
        "---\n"
        "slug: aanval\n"
        "title: \"<script>alert('titel')</script> Aanval\"\n"
        "summary: \"<img src=x onerror=alert(1)> samenvatting\"\n"
        "evidence_note: \"<a href='javascript:alert(1)'>noot</a>\"\n"
        "sources:\n  - https://example.org/bron\n"
        "---\n\n"
        f"## Aanleiding\n\n{body}\n\n## Aanpak\n\n{body}\n\n## Meer informatie\n\n{body}\n",
        encoding="utf-8",
    )
    call_command("import_methods", str(tmp_path), "--publish", stdout=None)
    page = MethodPage.objects.get(slug="aanval")
    assert page.live
    html = client.get(page.url).content.decode()
    assert "klik" in html
    assert dangers(main_of(html)) == []
    head = html[html.index("<head"):html.index("</head>")]
    # The page's own <meta> and <link> are expected there; injected attributes or scripts are not.
    assert dangers(head, forbidden_tags={"script", "iframe", "object", "embed", "base"}) == []
    assert "&lt;script&gt;alert(&#x27;titel&#x27;)&lt;/script&gt; Aanval" in html  # plain text stays text
