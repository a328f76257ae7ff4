from bs4 import BeautifulSoup

from content.blocks import LessonStreamBlock

RAW = [
    {"type": "heading", "value": "Heading <script>x()</script>"},
    {"type": "rich_text", "value": '<p>Text <a href="javascript:alert(1)">link</a><img src=x onerror=alert(1)></p>'},
    {"type": "key_point", "value": {"title": "Key", "text": "Point <b onclick=x()>bold</b>"}},
    {"type": "case_vignette", "value": {"title": "Case", "presentation": "P", "question": "Q", "discussion": "D"}},
    {"type": "references", "value": [{"title": "Article", "author": "A", "publisher": "P", "url": "", "note": "n"}]},
]


def test_api_representation_of_every_block_is_sanitized():
    block = LessonStreamBlock()
    value = block.to_python(RAW)
    api = [{"type": child.block_type, "value": child.block.get_api_representation(child.value)} for child in value]
    assert api[0]["value"] == "Heading"
    assert "javascript:" not in api[1]["value"] and "onerror" not in api[1]["value"]
    assert api[1]["value"].startswith("<p>Text <a>link</a>")
    assert api[2]["value"] == {"title": "Key", "text": "Point bold"}
    assert api[3]["value"]["question"] == "Q"
    assert api[4]["value"][0]["title"] == "Article"


def test_blocks_declare_icon_template_and_preview():
    for name, child in LessonStreamBlock().child_blocks.items():
        assert child.meta.icon, name
        assert child.meta.template, name
    for name in ("rich_text", "heading", "key_point", "case_vignette", "references"):
        assert LessonStreamBlock().child_blocks[name].meta.preview_value, name


def test_rendered_lesson_escapes_unsafe_markup():
    html = LessonStreamBlock().render(LessonStreamBlock().to_python(RAW))
    elements = BeautifulSoup(html, "html5lib").find_all(True)
    assert not [element for element in elements if element.name == "script"]
    for element in elements:
        assert not [name for name in element.attrs if name.startswith("on")], element
        assert "javascript:" not in element.get("href", "")
    assert "Clinical case: Case" in html
