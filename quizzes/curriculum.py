"""Build the bundled pre-tests and post-tests from the curriculum files, idempotently."""

import uuid

from django.core.exceptions import ValidationError
from django.db.models import F

from content.curriculum_data import HTML, FieldReader
from content.curriculum_records import fingerprint
from content.publishing import publish_snippet
from courses.curriculum import objective_block_id
from courses.models import LoadedCurriculumPage

from . import rules
from .models import Question, Quiz, QuizRole

CHOICE_NAMESPACE = uuid.UUID("0f4f3c9e-2d55-4a51-8f7e-3c1a9b7d6e21")
SECTIONS = (("pre_test", QuizRole.PRE_TEST), ("post_test", QuizRole.POST_TEST))


def choice_id(question_key, choice_key):
    """Choices keep their id across reloads, so answers and item statistics stay attached."""
    return str(uuid.uuid5(CHOICE_NAMESPACE, f"{question_key}:{choice_key}"))


class QuizLoader:
    def __init__(self, curriculum, report, force=False):
        self.curriculum, self.report, self.force = curriculum, report, force

    def load(self):
        for course in self.curriculum.courses:
            record = LoadedCurriculumPage.objects.filter(key=f"course:{course.slug}").first()
            if record is None:
                continue
            bank = self._read_bank(course)
            for section_name, role in SECTIONS:
                if section_name in course.quizzes:
                    self._sync(course, record.page.specific, role, section_name, bank)
        return self.report

    def _reader(self, course, data, prefix):
        return FieldReader(course.path, data, course=course.slug, prefix=prefix)

    def _read_bank(self, course):
        top = self._reader(course, course.raw, "")
        bank = {}
        for entry in top.entries("quiz_bank", required=False):
            key = entry.get("key", str)
            kind = entry.get("kind", str)
            if kind not in rules.QuestionKind.values:
                entry.fail("kind", f"unknown kind {kind!r}; use {', '.join(rules.QuestionKind.values)}")
            choices = []
            for choice_entry in entry.entries("choices"):
                choices.append(
                    {
                        "id": choice_id(key, choice_entry.get("key", str)),
                        "text": choice_entry.get("text", str),
                        "correct": choice_entry.get("correct", bool, default=False, required=False),
                    }
                )
            problems = rules.question_problems(kind, [(c["text"], c["correct"]) for c in choices])
            if problems:
                entry.fail("choices", " ".join(problems))
            source_key = entry.get("source", str)
            source = self.curriculum.sources.get(source_key)
            if source is None:
                entry.fail("source", f"unknown source {source_key!r}; sources are listed in sources.yaml")
            bank[key] = {
                "key": key,
                "kind": kind,
                "stem": entry.get("stem", HTML),
                "choices": choices,
                "rationale": entry.get("rationale", str),
                "reference": f"{source.title}. {source.author}. {source.publisher}.",
                # Objective numbers count from 1; the page's objective blocks carry these ids.
                "objectives": [
                    objective_block_id(course.slug, number - 1) for number in course.quiz_bank[key].objectives
                ],
            }
        return bank

    def _sync(self, course, page, role, section_name, bank):
        section = self._reader(course, course.raw[section_name], f"{section_name}.")
        # Keys, duplicates and the pre-test/post-test overlap were checked when the files were read.
        keys = course.quizzes[section_name].questions
        settings = {
            "title": section.get("title", str),
            "passing_score": section.get_whole_number("passing_score", 70),
            "max_attempts": section.get_whole_number("max_attempts", 0),
            "question_count": section.get("question_count", int, default=None, required=False),
        }
        for problem in rules.quiz_problems(settings["question_count"], len(keys)):
            section.fail("question_count", problem)
        questions = [bank[key] for key in keys]
        data_fingerprint = fingerprint({"settings": settings, "questions": questions})
        label = f"{dict(QuizRole.choices)[role].lower()} {settings['title']!r}"

        quiz = Quiz.objects.filter(course=page, role=role).first()
        if quiz is not None:
            # A draft awaiting review is an editor's change too, even before it is published.
            edited = (
                not quiz.curriculum_fingerprint
                or quiz.updated_at != quiz.curriculum_loaded_at
                or quiz.has_unpublished_changes
            )
            if edited and not self.force:
                self.report.skipped.append(f"{label}: changed by an editor since it was loaded (--force overwrites)")
                return
            if not edited and quiz.curriculum_fingerprint == data_fingerprint:
                self.report.unchanged.append(label)
                return
        is_new = quiz is None
        quiz = quiz or Quiz(course=page, role=role)
        for name, value in settings.items():
            setattr(quiz, name, value)
        quiz.curriculum_fingerprint = data_fingerprint
        try:
            quiz.full_clean()
        except ValidationError as error:
            name, messages = next(iter(error.message_dict.items()))
            section.fail(name, " ".join(messages))
        quiz.questions = self._questions(quiz, questions)
        # Published as a revision, as an admin would: learners and attempts see the approved version.
        publish_snippet(quiz)
        Quiz.objects.filter(pk=quiz.pk).update(curriculum_loaded_at=F("updated_at"))
        (self.report.created if is_new else self.report.updated).append(label)

    def _questions(self, quiz, questions):
        """The bank as loaded; a question already stored keeps its row, so its answers stay attached."""
        existing = {question.key: question for question in Question.objects.filter(quiz=quiz)} if quiz.pk else {}
        bank = []
        for order, data in enumerate(questions):
            question = existing.get(data["key"]) or Question(key=data["key"])
            question.sort_order = order
            question.kind = data["kind"]
            question.stem = data["stem"]
            question.choices = [
                {"type": "choice", "value": {"text": c["text"], "correct": c["correct"]}, "id": c["id"]}
                for c in data["choices"]
            ]
            question.rationale = data["rationale"]
            question.reference = data["reference"]
            question.objectives = data["objectives"]
            bank.append(question)
        return bank
