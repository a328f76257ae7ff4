"""StreamField blocks shared by module pages and anything else that carries lesson content."""

from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.rich_text import expand_db_html

from .sanitizer import sanitize_html, sanitize_text

RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "superscript", "subscript"]


class SanitizedRichTextBlock(blocks.RichTextBlock):
    """Rich text whose API form is expanded (internal links resolved) and sanitized."""

    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    def get_api_representation(self, value, context=None):
        return sanitize_html(expand_db_html(value.source))

    class Meta:
        icon = "pilcrow"
        template = "content/blocks/rich_text.html"
        preview_value = "<p>Interventional pain management treats the <b>pain generator</b>, not only the symptom.</p>"


class HeadingBlock(blocks.CharBlock):
    def get_api_representation(self, value, context=None):
        return sanitize_text(value)

    class Meta:
        icon = "title"
        template = "content/blocks/heading.html"
        preview_value = "Conservative care comes first"
        form_classname = "title"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(max_length=250, help_text="Describe the image for readers who cannot see it.")
    caption = blocks.CharBlock(required=False, max_length=250)

    def get_api_representation(self, value, context=None):
        image = value["image"]
        rendition = image.get_rendition("max-1200x1200") if image else None
        return {
            "url": rendition.url if rendition else None,
            "width": rendition.width if rendition else None,
            "height": rendition.height if rendition else None,
            "alt_text": sanitize_text(value["alt_text"]),
            "caption": sanitize_text(value["caption"]),
        }

    class Meta:
        icon = "image"
        template = "content/blocks/image.html"


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(help_text="A link to the video (e.g. on the society's video host).")
    title = blocks.CharBlock(max_length=200)
    transcript = blocks.TextBlock(
        required=False, help_text="A text transcript keeps the lesson usable without the video."
    )

    def get_api_representation(self, value, context=None):
        return {
            "url": value["video"].url if value["video"] else None,
            "title": sanitize_text(value["title"]),
            "transcript": sanitize_text(value["transcript"]),
        }

    class Meta:
        icon = "media"
        template = "content/blocks/video.html"


class KeyPointBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120, default="Key point")
    text = blocks.TextBlock()

    def get_api_representation(self, value, context=None):
        return {"title": sanitize_text(value["title"]), "text": sanitize_text(value["text"])}

    class Meta:
        icon = "pick"
        template = "content/blocks/key_point.html"
        preview_value = {
            "title": "Key point",
            "text": "Most disc herniations improve with conservative care before any procedure.",
        }


class CaseVignetteBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=160)
    presentation = blocks.TextBlock(help_text="The patient as the clinician meets them.")
    question = blocks.TextBlock(help_text="What the reader should decide.")
    discussion = blocks.TextBlock(help_text="The reasoning, revealed after the question.")

    def get_api_representation(self, value, context=None):
        return {name: sanitize_text(value[name]) for name in ("title", "presentation", "question", "discussion")}

    class Meta:
        icon = "user"
        template = "content/blocks/case_vignette.html"
        preview_value = {
            "title": "Low back and leg pain",
            "presentation": "A 45-year-old with two weeks of radiating leg pain and no red flags.",
            "question": "What comes first?",
            "discussion": "Conservative care: anti-inflammatory medication and physical therapy.",
        }


class ReferenceBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=300)
    author = blocks.CharBlock(max_length=200, required=False)
    publisher = blocks.CharBlock(max_length=200, required=False)
    url = blocks.URLBlock(required=False)
    note = blocks.CharBlock(max_length=300, required=False, help_text="What the module draws from it.")

    class Meta:
        icon = "doc-full"


class ReferencesBlock(blocks.ListBlock):
    def __init__(self, **kwargs):
        super().__init__(ReferenceBlock(), **kwargs)

    def get_api_representation(self, value, context=None):
        return [
            {name: sanitize_text(item[name]) for name in ("title", "author", "publisher", "url", "note")}
            for item in value
        ]

    class Meta:
        icon = "list-ol"
        template = "content/blocks/references.html"
        preview_value = [
            {
                "title": "What Is Interventional Pain Management and Who Does It?",
                "author": "Robert Moghim, MD",
                "publisher": "Colorado Pain Care",
                "url": "",
                "note": "Catalogue of techniques.",
            }
        ]


class LessonStreamBlock(blocks.StreamBlock):
    """The blocks a module's body is made of."""

    heading = HeadingBlock()
    rich_text = SanitizedRichTextBlock()
    image = ImageBlock()
    video = VideoBlock()
    key_point = KeyPointBlock()
    case_vignette = CaseVignetteBlock()
    references = ReferencesBlock()
