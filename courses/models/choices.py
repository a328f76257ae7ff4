from django.db import models


class LearningFormat(models.TextChoices):
    ENDURING = "enduring", "enduring material"
    INTERNET_LIVE = "internet_live", "live internet activity"
    LIVE = "live", "live activity"
    JOURNAL = "journal", "journal-based CME activity"
