"""The published content's token (content/caching/change_tokens.py): replaced when any page is saved,
published, unpublished, moved or deleted, a site changes, or a snippet or setting that pages show
changes.

What is stored from published content carries it: the static parts of activity and module pages
(courses/page_parts.py), remembered routes (courses/routing.py), the society's name in every
page's header (courses/context_processors.py), the catalog API's answers, and the progress
answers and dashboard lists (lms/services/progress_cache.py). Edits are rare next
to reads, so one token for all of it costs little: every stored part is rebuilt once after an
edit. Other apps whose models pages show (quizzes) call changed() for them.
"""

from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from content.caching import change_tokens

KEY = "cme:content:token"


def token():
    return change_tokens.current([KEY])[0]


def changed(*args, **kwargs):
    change_tokens.replace(KEY)


def connect_receivers():
    """From CoursesConfig.ready(): the models are loaded by then."""
    from wagtail.models import Page, Site

    from .models import (
        CMEStatementSettings,
        CourseFaculty,
        CreditDesignation,
        CreditType,
        FinancialRelationship,
        Person,
        Track,
    )

    # A site's hostname or root decides which statement settings and routes a host is served.
    shown_on_pages = (
        Page,
        Site,
        Track,
        CreditType,
        Person,
        FinancialRelationship,
        CourseFaculty,
        CreditDesignation,
        CMEStatementSettings,
    )

    def row_changed(sender, instance, **kwargs):
        # Page subclasses send save and delete signals under their own class: this hears every sender.
        if isinstance(instance, shown_on_pages):
            changed()

    post_save.connect(row_changed, dispatch_uid="content-version-save", weak=False)
    post_delete.connect(row_changed, dispatch_uid="content-version-delete", weak=False)
    page_published.connect(changed, dispatch_uid="content-version-published")
    page_unpublished.connect(changed, dispatch_uid="content-version-unpublished")
    post_page_move.connect(changed, dispatch_uid="content-version-moved")
