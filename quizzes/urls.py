from django.urls import path

from . import views

app_name = "quizzes"

urlpatterns = [
    path("<int:quiz_id>/", views.quiz_intro, name="intro"),
    path("<int:quiz_id>/start/", views.start, name="start"),
    path("attempts/<int:attempt_id>/", views.attempt_view, name="attempt"),
    path("attempts/<int:attempt_id>/result/", views.result, name="result"),
]
