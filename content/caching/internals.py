"""The Django and Wagtail internals the caches rely on, in one place.

Each function sets or reads an attribute that is not public API, for a measured saving (docs/performance.md).
tests/content/test_caching_internals.py pins each one to the behaviour it relies on, so an upgrade that changes
the internal fails there, by name, rather than quietly costing queries or serving stale data elsewhere.
"""


def remember_parent(page, parent):
    """`page.get_parent()` answers `parent` without a query. Wagtail's own routing and treebeard set and
    read `_cached_parent_obj` the same way; a remembered route (courses/routing.py) restores it."""
    page._cached_parent_obj = parent


def remembered_parent(page):
    """The parent `remember_parent` or Wagtail's routing left on `page`, or None."""
    return getattr(page, "_cached_parent_obj", None)


def instance_from_row(model, field_names, values, using="default"):
    """A model instance from stored column values, as if loaded by a query (deferred fields load on first
    use). `field_names` must follow the model's concrete fields in order, as Django's loader assumes.
    `Model.from_db` is documented for overriding, not for calling; routing calls it to rebuild a remembered
    activity without a query."""
    return model.from_db(using, field_names, values)


def hold_prefetched(instance, related_name, objects):
    """`instance.<related_name>.all()` answers `objects` without a query, as after prefetch_related: the
    graded attempt's feedback reads the answers just written (quizzes/services/attempts.py)."""
    queryset = getattr(instance, related_name).all()
    queryset._result_cache = list(objects)
    queryset._prefetch_done = True
    instance._prefetched_objects_cache = {related_name: queryset}
