import swapper
from django.db import models


class LoadedCurriculumPage(models.Model):
    """Which page a curriculum entry built, from which data, and the revision it published.

    A later load compares the page's latest revision with `revision`: a difference means an
    editor changed the page, and the loader leaves it alone unless forced.
    """

    key = models.CharField(max_length=255, unique=True)
    page = models.OneToOneField(
        swapper.get_model_name("wagtailcore", "Page"), on_delete=models.CASCADE, related_name="+"
    )
    data_fingerprint = models.CharField(max_length=64)
    revision = models.ForeignKey("wagtailcore.Revision", null=True, on_delete=models.SET_NULL, related_name="+")
    loaded_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return self.key
