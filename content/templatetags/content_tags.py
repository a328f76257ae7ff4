from django import template
from django.utils.safestring import mark_safe
from wagtail.rich_text import RichText, expand_db_html

from content.numbers import credit_amount
from content.sanitizer import sanitize_html

register = template.Library()


@register.filter
def sanitized(value):
    """Render rich text (a RichText value or a stored HTML string) through the sanitizer."""
    source = value.source if isinstance(value, RichText) else (value or "")
    return mark_safe(sanitize_html(expand_db_html(source)))  # noqa: S308 - sanitized above


@register.filter
def credit(value):
    """A credit amount with two decimals: {{ claim.amount|credit }} -> 0.50 (content/numbers.py)."""
    return credit_amount(value)
