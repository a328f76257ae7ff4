"""Routing to activity pages in one query, for the page at the top of a site.

Wagtail routes a URL level by level: at each page on the path, its children, then the chosen
child's specific row. Below a home page an activity is two levels down and a module three, so
five or six queries find a module before anything renders. A page with RemembersRoutes keeps,
for each path below it that ended at a catalog, activity or module, which page that was, under
the published content's token (courses/content_version.py): any page saved, published,
unpublished, moved or deleted replaces the token and with it every remembered route. A
remembered route costs one cache round trip and one query for the page, which must still be
live; anything else routes the usual way. A module's activity comes with its route.
"""

import hashlib

from django.apps import apps
from django.core.cache import cache
from wagtail.url_routing import RouteResult

from content.caching import change_tokens
from content.caching.internals import instance_from_row, remember_parent, remembered_parent

from . import content_version

TTL = 3600
# What a module's gate and learner hooks read of its activity (members-only, title, tree
# position, URL): remembered with the route, so a module is served with its activity and one
# query. Any other field loads on first use.
PARENT_FIELDS = {
    "id",
    "page_ptr_id",
    "path",
    "depth",
    "numchild",
    "title",
    "draft_title",
    "slug",
    "url_path",
    "live",
    "content_type_id",
    "locale_id",
    "translation_key",
    "members_only",
}


def _key(page, path_components):
    # Hashed: a path may hold any characters and any length, a cache key may not.
    return f"cme:route:{page.pk}:" + hashlib.sha256("/".join(path_components).encode()).hexdigest()


class RemembersRoutes:
    remembered_types = ("cme_courses.CourseCatalogPage", "cme_courses.CoursePage", "cme_courses.ModulePage")

    def route(self, request, path_components):
        if not path_components or getattr(request, "is_preview", False):
            return super().route(request, path_components)
        key = _key(self, path_components)
        found = cache.get_many([content_version.KEY, key])
        token = change_tokens.current([content_version.KEY], found)[0]
        remembered = found.get(key)
        if remembered is not None and remembered["token"] == token:
            page = apps.get_model(remembered["model"]).objects.live().filter(pk=remembered["pk"]).first()
            if page is not None:
                if parent := remembered.get("parent"):
                    remember_parent(page, _parent(parent))  # as Wagtail's routing leaves it
                return RouteResult(page)
        result = super().route(request, path_components)
        page, args, kwargs = result
        if not args and not kwargs and remembers(page):
            parent = remembered_parent(page)
            cache.set(
                key, {"token": token, "model": page._meta.label, "pk": page.pk, "parent": _remembered(parent)}, TTL
            )
        return result


def remembers(page):
    """Catalogs, activities and modules, including a site's subclasses of them (remembered as such)."""
    return isinstance(page, tuple(apps.get_model(label) for label in RemembersRoutes.remembered_types))


def _remembered(parent):
    if parent is None or not remembers(parent):
        return None
    # A subclass's primary key is its link to the parent model (coursepage_ptr_id), not page_ptr_id.
    fields = [
        f.attname
        for f in parent._meta.concrete_fields
        if f.attname in PARENT_FIELDS or f.primary_key or (f.remote_field and f.remote_field.parent_link)
    ]
    return {"model": parent._meta.label, "fields": fields, "values": [getattr(parent, name) for name in fields]}


def _parent(remembered):
    return instance_from_row(apps.get_model(remembered["model"]), remembered["fields"], remembered["values"])


class TypedChildRouting:
    """Route to a child of the one page type this page holds in one query, not two.

    Wagtail's routing fetches each child as a generic page and then its specific row; a catalog
    holds only activities and an activity only modules, so the specific model is known ahead
    (or a site's subclass of it). Any other child (impossible through the admin's page-type rules) routes the usual way.
    """

    def route_child_queryset(self):
        raise NotImplementedError

    def route(self, request, path_components):
        if path_components:
            child = self.route_child_queryset().filter(slug=path_components[0]).first()
            if child is not None:
                # A site's subclass of the expected type is served as itself: one more query for
                # it, none for the expected type (`specific` is then the page itself).
                child = child.specific
                remember_parent(child, self)  # as Wagtail does: get_parent() needs no query
                return child.route(request, path_components[1:])
        return super().route(request, path_components)
