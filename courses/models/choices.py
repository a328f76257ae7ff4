from django.db import models


class LearningFormat(models.TextChoices):
    ENDURING = "enduring", "enduring material"
    INTERNET_LIVE = "internet_live", "live internet activity"
    LIVE = "live", "live activity"
    JOURNAL = "journal", "journal-based CME activity"


class Degree(models.TextChoices):
    """A learner's professional degree: who may claim which credit type follows from it."""

    MD = "MD", "MD"
    DO = "DO", "DO"
    PA = "PA", "PA"
    NP = "NP", "NP"
    RN = "RN", "RN"
    PHARMD = "PharmD", "PharmD"
    RPH = "RPh", "RPh"
    CPHT = "CPhT", "CPhT (pharmacy technician)"
    OTHER = "other", "Other"
