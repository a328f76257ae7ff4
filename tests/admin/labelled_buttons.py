"""Download links in the admin render as labelled buttons with the icon in Wagtail's sized wrapper."""

import re

DOWNLOAD_BUTTON = re.compile(
    r'<a class="button bicolor button--icon cme-download" href="(?P<href>[^"]*)" download>'
    r'<span class="icon-wrapper"><svg class="icon icon-download icon"[^>]*>.*?</svg></span>(?P<label>[^<]+)</a>',
    re.S,
)


def download_buttons(html):
    """(href, visible label) of each download button on the page."""
    return [(match["href"].replace("&amp;", "&"), match["label"].strip()) for match in DOWNLOAD_BUTTON.finditer(html)]
