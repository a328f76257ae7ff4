"""The parts of activity and module pages that are the same for every visitor, rendered once and
stored until the published content changes (courses/content_version.py).

An activity page's credit, objectives, audience, faculty and disclosures, statements and module
list, and a module's lesson, outline and pager, take most of the page's queries and rendering
time, and change only when an editor publishes. They are rendered from small templates and
stored together under the page, its last publication and the site's host, with the content
token they were rendered under; one cache round trip fetches both the entry and the current
token. Their data are lazy attributes, so a stored rendering costs none of their queries. What
depends on the visitor or the day (the learner's panel, the expiry notice) stays live, and
previews never use or fill the store: they show a draft. Other apps add sections of both kinds
through Wagtail hooks: cme_course_page_sections and cme_module_page_sections per visitor,
cme_course_page_content_sections and cme_module_page_content_sections stored with the parts
(their content must follow the content token).

With a per-process cache (settings.CME_SHARED_CACHE false) an edit elsewhere reaches another
process's stored parts within LOCAL_TTL seconds; the page's own publication changes its key
at once everywhere.
"""

import hashlib
from functools import cached_property

from django.template.loader import render_to_string
from wagtail import hooks

from content.caching import change_tokens

from . import content_version
from . import hooks as cme_hooks
from .disclosures import shown_disclosures
from .models.statements import CMEStatementSettings
from .sections import page_sections

SHARED_TTL = 3600
LOCAL_TTL = 60


class PageParts:
    templates = {}  # {name: template}; each renders with `page` and `parts` in its context
    sections_hook = None  # sections other apps add that are the same for every visitor

    def __init__(self, page, request):
        self.page = page
        self.request = request

    @property
    def preview(self):
        return getattr(self.request, "is_preview", False)

    @cached_property
    def html(self):
        """{name: HTML} of the page's static parts, stored or rendered (and stored)."""
        if self.preview:
            return self.render()
        identity = f"{self.page.pk}:{self.page.last_published_at}:{self.request.get_host()}"
        key = "cme:page-parts:" + hashlib.sha256(identity.encode()).hexdigest()
        ttl = SHARED_TTL if change_tokens.shared() else LOCAL_TTL
        return change_tokens.kept(key, [content_version.KEY], self.render, ttl)

    @property
    def content_sections(self):
        return page_sections(self.sections_hook, self.page, self.request)

    def render(self):
        context = {"page": self.page, "parts": self}
        return {
            name: render_to_string(template, context, request=self.request) for name, template in self.templates.items()
        }


class CourseParts(PageParts):
    templates = {
        "head": "courses/parts/course_head.html",
        "intro": "courses/parts/course_intro.html",
        "body": "courses/parts/course_body.html",
        "end": "courses/parts/course_end.html",
    }
    sections_hook = cme_hooks.COURSE_PAGE_CONTENT_SECTIONS

    @cached_property
    def statements(self):
        return CMEStatementSettings.for_request(self.request)

    @cached_property
    def designations(self):
        return list(self.page.credit_designations.select_related("credit_type"))

    @cached_property
    def modules(self):
        return self.page.get_draft_modules() if self.preview else list(self.page.get_modules())

    @cached_property
    def first_module(self):
        return self.modules[0] if self.modules else None

    @cached_property
    def accreditation_statement(self):
        return self.page.get_accreditation_statement(self.statements)

    @cached_property
    def designation_statements(self):
        return [self.page.get_designation_statement(d, self.statements) for d in self.designations]

    @cached_property
    def faculty(self):
        return shown_disclosures(self.page, preview=self.preview)

    @cached_property
    def disclosed_relationships(self):
        return [person for person in self.faculty if person.relationships]

    @cached_property
    def all_mitigated(self):
        return all(r.mitigation for person in self.faculty for r in person.relationships)

    @cached_property
    def without_relationships(self):
        return [person for person in self.faculty if not person.relationships]

    @cached_property
    def commercial_supporters(self):
        return list(self.page.commercial_supporters.all())

    @cached_property
    def technical_requirements(self):
        return self.page.get_technical_requirements(self.statements)

    @cached_property
    def pass_mark(self):
        """The post-test's pass mark in percent, from the app that owns tests, or None without one."""
        return next(
            (mark for fn in hooks.get_hooks(cme_hooks.COURSE_PASS_MARK) if (mark := fn(self.page)) is not None), None
        )


class ModuleParts(PageParts):
    templates = {"lesson": "courses/parts/module_lesson.html", "navigation": "courses/parts/module_navigation.html"}
    sections_hook = cme_hooks.MODULE_PAGE_CONTENT_SECTIONS

    @cached_property
    def course(self):
        return self.page.get_course()

    @cached_property
    def outline(self):
        """The activity's modules in order, this page among them even when it is a draft in preview."""
        if self.course is None:
            return [self.page]
        if not self.preview:
            return list(self.course.get_modules())
        return [self.page if module.pk == self.page.pk else module for module in self.course.get_draft_modules()]

    @cached_property
    def index(self):
        return next((i for i, module in enumerate(self.outline) if module.pk == self.page.pk), 0)

    @property
    def position(self):
        return self.index + 1

    @property
    def previous_module(self):
        return self.outline[self.index - 1] if self.index > 0 else None

    @property
    def next_module(self):
        return self.outline[self.index + 1] if self.index + 1 < len(self.outline) else None

    @property
    def progress_percent(self):
        return round(100 * self.position / len(self.outline))
