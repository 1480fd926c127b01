"""Template filters for PDF documents (forum/core/documents.py)."""

from django import template
from django.utils.safestring import SafeString

from forum.core.documents import other_direction

register = template.Library()


@register.filter
def direction_of(text: object) -> SafeString:
    """``<h2{{ title|direction_of }}>``: the text's own direction when it runs the other
    way than the page."""
    return other_direction(str(text))
