"""Reading a page after a click. A click that submits a form returns once the next document starts
loading, before it is parsed: read then, `page.content()` can be empty or the old page's."""


def loaded_html(page):
    """The page's HTML once its document has loaded."""
    page.wait_for_load_state("load")
    return page.content()
