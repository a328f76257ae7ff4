from django.apps import AppConfig


class QuizzesConfig(AppConfig):
    name = "quizzes"
    label = "cme_quizzes"
    verbose_name = "Quizzes"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from courses import content_version

        from .models import Quiz

        # Activity pages store their test sections, and progress counts post-tests: both follow
        # the published content's token.
        post_save.connect(content_version.changed, sender=Quiz, dispatch_uid="quiz-content-save")
        post_delete.connect(content_version.changed, sender=Quiz, dispatch_uid="quiz-content-delete")
