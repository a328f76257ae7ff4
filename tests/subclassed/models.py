from django.db import models
from wagtail.admin.panels import FieldPanel

from courses.models import CoursePage


class BoardReviewCoursePage(CoursePage):
    """An activity with one field of the host's own: the board whose review it prepares for."""

    board_name = models.CharField(max_length=100)

    # Wagtail looks for subclassed/board_review_course_page.html unless told; the activity's own will do.
    template = CoursePage.template

    content_panels = CoursePage.content_panels + [FieldPanel("board_name")]
