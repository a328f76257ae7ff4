"""The society's name, which every page's header and title show, kept with the published content.

Read through Wagtail's settings it costs two queries on every page (the request's site, then
its statement settings); stored under the site's host and the content token
(courses/content_version.py), which any edit of the settings or a site replaces, it costs a
cache read, and only on pages whose template shows it.
"""

import hashlib

from django.utils.functional import SimpleLazyObject

from content.caching import change_tokens

from . import content_version
from .models.statements import CMEStatementSettings
from .page_parts import LOCAL_TTL, SHARED_TTL


def provider_name(request):
    return {"provider_name": SimpleLazyObject(lambda: _provider_name(request))}


def _provider_name(request):
    key = "cme:provider-name:" + hashlib.sha256(request.get_host().encode()).hexdigest()
    ttl = SHARED_TTL if change_tokens.shared() else LOCAL_TTL
    return change_tokens.kept(
        key, [content_version.KEY], lambda: CMEStatementSettings.for_request(request).provider_name, ttl
    )
