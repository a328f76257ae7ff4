import pytest
from bs4 import BeautifulSoup

from content.sanitizer import ALLOWED_TAGS, sanitize_html, sanitize_text

PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "<img src=x onerror=alert(1)//",
    '<body onload="alert(1)">',
    '<a href="javascript:alert(1)">click</a>',
    '<a href="JaVaScRiPt:alert(1)">click</a>',
    '<a href="jav&#x09;ascript:alert(1)">click</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<svg onload="alert(1)"><circle r="1"/></svg>',
    "<svg><script>alert(1)</script></svg>",
    '<iframe src="javascript:alert(1)"></iframe>',
    "<style>body{background:url(javascript:alert(1))}</style>",
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<div onclick="alert(1)">x</div>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    '<form action="javascript:alert(1)"><button>x</button></form>',
    '<object data="javascript:alert(1)"></object>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "<template><script>alert(1)</script></template>",
    '<input autofocus onfocus="alert(1)">',
    '<details open ontoggle="alert(1)">',
]


def elements(markup):
    """Every element a browser would build from `markup` (html5lib parses as browsers do)."""
    return BeautifulSoup(markup, "html5lib").body.find_all(True)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_no_script_event_handler_or_javascript_url_survives(payload):
    cleaned = sanitize_html(payload)
    for element in elements(cleaned):
        assert element.name in ALLOWED_TAGS, element.name
        for name, value in element.attrs.items():
            assert not name.lower().startswith("on"), name
            assert name != "style"
            if name in ("href", "src"):
                scheme = value.strip().split(":", 1)[0].lower() if ":" in value else ""
                assert scheme in ("", "http", "https", "mailto", "tel"), value


def test_allowed_markup_is_kept():
    html = '<p>Use <strong>imaging</strong> and <em>care</em>.</p><ul><li><a href="https://example.org/x">ref</a></li></ul>'
    assert sanitize_html(html) == html


def test_script_content_goes_with_the_tag():
    assert sanitize_html("<p>ok</p><script>steal()</script>") == "<p>ok</p>"


def test_plain_text_keeps_no_markup_even_when_entity_encoded():
    assert sanitize_text("&lt;script&gt;alert(1)&lt;/script&gt; Fine") == "Fine"
    assert sanitize_text("Pain <b>scores</b> & function") == "Pain scores & function"


def test_plain_text_keeps_comparisons():
    assert sanitize_text("Relief in 70 < 80% of cases") == "Relief in 70 < 80% of cases"
