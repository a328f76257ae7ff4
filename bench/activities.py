"""Activity pages of the generated society, made through Wagtail's page tree."""

import datetime
import uuid

from . import sizes
from .society import (
    ANGLES,
    CREDIT_STEPS,
    FIRST_NAMES,
    LAST_NAMES,
    LEARNING_FORMATS,
    OBJECTIVES,
    PASS_MARK,
    PRESENTATIONS,
    QUESTIONS,
    TOPICS,
    Activity,
    between,
    microseconds,
    moment,
    pick,
)


def build_catalog(rng, count, years, now):
    from cme_site.home import ensure_home_page
    from courses.curriculum import LoadReport
    from courses.models import CourseCatalogPage, Person, Track

    home = ensure_home_page(LoadReport())
    catalog = CourseCatalogPage(title="CME activities", slug="activities", intro="Every activity of the society.")
    home.add_child(instance=catalog)
    tracks = list(Track.objects.order_by("slug"))
    people = [
        Person.objects.create(name=f"{first} {last}", credentials="MD", no_relevant_relationships=True)
        for first, last in zip(FIRST_NAMES[:8], LAST_NAMES[:8], strict=True)
    ]
    return catalog, [build_activity(rng, catalog, n, tracks, people, years, now) for n in range(count)]


def build_activity(rng, catalog, number, tracks, people, years, now):
    from courses.activity_dates import years_after
    from courses.models import CourseFaculty, CoursePage, CreditDesignation, CreditType, FacultyRole

    credit = pick(rng, CREDIT_STEPS)
    minutes = int(credit * 60) + rng.randint(0, 15)
    earliest = now - int(years * 365.25 * sizes.DAY)
    # Released at least a month ago, so every activity has time for a few enrolments.
    release = moment(between(rng, earliest, now - 30 * sizes.DAY)).date()
    released_at = datetime.datetime.combine(release, datetime.time(9), datetime.UTC)
    expiration = years_after(release, rng.choice([2, 3, 3])) - datetime.timedelta(days=1)
    topic = rng.choice(TOPICS)
    slug = f"activity-{number + 1:04d}"
    page = CoursePage(
        title=f"{topic}: {rng.choice(ANGLES)} ({release.year})",
        slug=slug,
        track=rng.choice(tracks),
        summary=f"A self-paced review of {topic.lower()} for clinicians who manage it in practice.",
        learning_objectives=[
            {
                "type": "objective",
                "value": f"Apply current evidence on {topic.lower()} ({index + 1}).",
                "id": block_id(slug, "objective", index),
            }
            for index in range(OBJECTIVES)
        ],
        target_audience="Physicians, physician assistants and nurse practitioners.",
        learning_format=pick(rng, LEARNING_FORMATS),
        estimated_minutes=minutes,
        release_date=release,
        last_review_date=release,
        expiration_date=expiration,
        members_only=rng.random() < sizes.MEMBERS_ONLY_SHARE,
        first_published_at=released_at,
        last_published_at=released_at,
    )
    page.credit_designations = [
        CreditDesignation(credit_type=CreditType.objects.get(code=CreditType.AMA_PRA_CATEGORY_1), max_amount=credit)
    ]
    page.faculty = [
        CourseFaculty(person=person, role=role)
        for person, role in zip(rng.sample(people, 2), [FacultyRole.COURSE_DIRECTOR, FacultyRole.AUTHOR], strict=True)
    ]
    catalog.add_child(instance=page)
    modules = build_modules(rng, page, max(QUESTIONS, minutes - 10))
    quiz_id, presentations = build_post_test(rng, page, topic)
    end_of_expiration = datetime.datetime.combine(expiration, datetime.time.max, datetime.UTC)
    return Activity(
        page_id=page.pk,
        modules=modules,
        minutes=minutes,
        credit=credit,
        objective_ids=[block["id"] for block in page.learning_objectives.raw_data],
        quiz_id=quiz_id,
        presentations=presentations,
        opens=microseconds(released_at),
        closes=min(microseconds(end_of_expiration), now),
        members_only=page.members_only,
        snapshot=snapshot_base(page),
    )


def build_modules(rng, course, minutes):
    from courses.models import ModulePage

    count = rng.randint(2, 5)
    optional_last = rng.random() < 0.15
    ids = []
    for index in range(count):
        module = ModulePage(
            title=f"Part {index + 1}",
            slug=f"part-{index + 1}",
            estimated_minutes=max(1, minutes // count),
            required=not (optional_last and index == count - 1),
            body=[
                {"type": "heading", "value": f"Part {index + 1} of {course.title}"},
                {"type": "rich_text", "value": "<p>The evidence, the examination and the decision, step by step.</p>"},
                {
                    "type": "key_point",
                    "value": {"title": "Key point", "text": "Treat the pain generator, not only the symptom."},
                },
            ],
        )
        course.add_child(instance=module)
        ids.append(module.pk)
    return ids


def build_post_test(rng, course, topic):
    from quizzes.models import Question, QuestionKind, Quiz, QuizRole
    from quizzes.presentation import present_questions

    quiz = Quiz.objects.create(
        title=f"Post-test: {course.title}",
        role=QuizRole.POST_TEST,
        course=course,
        passing_score=PASS_MARK,
        max_attempts=3,
    )
    for index in range(QUESTIONS):
        kind = QuestionKind.TRUE_FALSE if index == QUESTIONS - 1 else QuestionKind.SINGLE
        texts = ["True", "False"] if kind == QuestionKind.TRUE_FALSE else [f"Option {letter}" for letter in "ABCD"]
        right = rng.randrange(len(texts))
        Question.objects.create(
            quiz=quiz,
            key=block_id(course.slug, "question", index),
            sort_order=index,
            kind=kind,
            stem=f"<p>In {topic.lower()}, which statement is best supported (question {index + 1})?</p>",
            choices=[
                {
                    "type": "choice",
                    "value": {"text": text, "correct": position == right},
                    "id": block_id(course.slug, f"choice-{index}", position),
                }
                for position, text in enumerate(texts)
            ],
            rationale="The module's second part reviews the evidence for this answer.",
        )
    questions = list(quiz.questions.all())
    seeds = [rng.getrandbits(62) for _ in range(PRESENTATIONS)]
    return quiz.pk, [(seed, present_questions(quiz, questions, seed)) for seed in seeds]


def block_id(slug, kind, index):
    """Stream block ids and question keys fixed by the data, so a seed gives the same rows."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"bench:{slug}:{kind}:{index}"))


def snapshot_base(course):
    """The certificate snapshot fields shared by all learners, as lms.services.certificates builds them."""
    from courses.models import CMEStatementSettings

    statements = CMEStatementSettings.for_site(course.get_site())
    designations = list(course.credit_designations.select_related("credit_type"))
    return {
        "provider": statements.provider_name,
        "activity_title": course.title,
        "learning_format": course.get_learning_format_display(),
        "accreditation_statement": course.get_accreditation_statement(statements),
        "designation_statements": [course.get_designation_statement(d, statements) for d in designations],
        "credit_type": designations[0].credit_type.name,
    }
