"""Who is in control of an activity's content, in which role (their disclosures: snippets.Person)."""

from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable

from .pages import CoursePage
from .snippets import Person


class FacultyRole(models.TextChoices):
    COURSE_DIRECTOR = "course-director", "Course director"
    AUTHOR = "author", "Author"
    PLANNER = "planner", "Planner"
    REVIEWER = "reviewer", "Reviewer"


class CourseFaculty(Orderable):
    page = ParentalKey(CoursePage, on_delete=models.CASCADE, related_name="faculty")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="course_roles")
    role = models.CharField(max_length=20, choices=FacultyRole.choices, default=FacultyRole.AUTHOR)

    panels = [FieldPanel("person"), FieldPanel("role")]

    def __str__(self):
        return f"{self.person} ({self.get_role_display()})"
