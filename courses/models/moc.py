"""Maintenance of Certification (MOC) an activity counts towards, board by board."""

from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Mod
from django.db.models.lookups import Exact
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable

from ..credit import validate_quarter_step
from .pages import CoursePage
from .snippets import Board


class MocDesignation(Orderable):
    """The MOC points of one board an activity awards, with the statement that board requires."""

    page = ParentalKey(CoursePage, on_delete=models.CASCADE, related_name="moc_designations")
    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="designations")
    moc_type = models.CharField(
        "MOC type", max_length=120, help_text="e.g. ABIM Medical Knowledge, ABA MOCA Part II, Patient Safety"
    )
    points = models.DecimalField(
        max_digits=5, decimal_places=2, validators=[validate_quarter_step], help_text="In steps of 0.25."
    )
    statement = models.TextField(
        help_text="The board's required statement, printed on the certificate of a learner who claims this MOC."
    )

    panels = [FieldPanel("board"), FieldPanel("moc_type"), FieldPanel("points"), FieldPanel("statement")]

    class Meta(Orderable.Meta):
        verbose_name = "MOC designation"
        constraints = [
            models.UniqueConstraint(fields=["page", "board"], name="moc_designation_once_per_board"),
            models.CheckConstraint(condition=Q(points__gt=0), name="moc_points_positive"),
            models.CheckConstraint(
                condition=Exact(Mod(models.F("points") * 4, Value(1)), Value(0)), name="moc_points_quarter_steps"
            ),
        ]

    @property
    def points_display(self):
        return f"{self.points:.2f}"

    def __str__(self):
        return f"{self.points_display} {self.board.code} MOC ({self.moc_type})"
