"""Sections other apps add to activity and module pages through Wagtail hooks."""

from django.utils.safestring import mark_safe
from wagtail import hooks


def page_sections(hook_name, page, request):
    """HTML sections other apps add to a page through a Wagtail hook (fn(page, request) -> HTML)."""
    return [mark_safe(html) for fn in hooks.get_hooks(hook_name) if (html := fn(page, request))]  # noqa: S308
