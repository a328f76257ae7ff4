"""The activity editor's publication panel: the pre-publish accreditation checklist, computed by the
publishing checks themselves (`checklist`), and the modules and tests that go live with the activity."""

from wagtail.admin.panels import Panel

from .publication_unit import activity_parts
from .publishing_checks import checklist

PUBLICATION_PANEL = "publication"


class PublicationPanel(Panel):
    """Read-only; its heading gives its anchor (`PUBLICATION_PANEL`)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "courses/admin/publication_panel.html"

        def is_shown(self):
            return self.instance.pk is not None

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["checklist"] = checklist(self.instance)
            context["parts"] = activity_parts(self.instance)
            return context
