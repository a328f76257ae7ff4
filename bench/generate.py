"""Fill a database with the activities and learner records of a large medical society.

    .venv/bin/python -m bench.generate --members 100000 --activities 200 --years 10 \\
        --database-url postgres://postgres@127.0.0.1:5432/cme_bench

The PostgreSQL database is created if missing and migrated. Activity pages go through
Wagtail's page tree; the learner records are written in bulk (COPY on PostgreSQL,
bulk_create elsewhere) with their historical times and no webhook events, since generated
history is no news to any portal. The ids a benchmark needs are printed and written to
bench/.last-generate.json.
"""

import argparse
import contextlib
import datetime
import functools
import itertools
import json
import os
import random
import time
import uuid
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

from . import sizes
from .import_members import npi_for

LAST_RUN = Path(__file__).with_name(".last-generate.json")
BATCH = 10_000
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
QUESTIONS = 4  # per post-test; every attempt is asked all of them
PRESENTATIONS = 4  # shuffled orders per post-test that attempts share
OBJECTIVES = 3
PASS_MARK = 70
SCORES = [Decimal(100 * right / QUESTIONS).quantize(Decimal("0.01")) for right in range(QUESTIONS + 1)]
MILLISECOND = 1000

FIRST_NAMES = (
    "Priya Marcus Dana Jordan Aisha Daniel Elena Samuel Grace Omar Hannah Kenji Laura Mateo Nadia "
    "Oliver Rosa Tariq Yara Victor Chloe Ibrahim Mei Patrick Sofia Thomas Amara Luis Fatima Henry"
).split()
LAST_NAMES = (
    "Patel Okafor Whitfield Castillo Nguyen Schmidt Rossi Kim Haddad Novak Johnson Garcia Cohen Silva "
    "Mensah Kowalski Tanaka Murphy Andersen Dubois Ahmed Petrov Lopez Brennan Osei Larsen Moreau "
    "Fischer Romero Singh"
).split()
DEGREES = [("MD", 70), ("DO", 15), ("PA", 5), ("NP", 5), ("RN", 2), ("PharmD", 2), ("other", 1)]
SPECIALTIES = [
    "Physical medicine and rehabilitation", "Anesthesiology", "Neurology", "Family medicine",
    "Internal medicine", "Oncology", "Orthopaedic surgery", "Psychiatry", "Radiology", "",
]
STATES = "NY NJ CT PA MA CA TX FL IL OH MI GA NC WA AZ CO MN".split()
TOPICS = [
    "Lumbar radiculopathy", "Cancer-related fatigue", "Opioid tapering", "Knee osteoarthritis",
    "Complex regional pain syndrome", "Spinal cord stimulation", "Prehabilitation before surgery",
    "Chronic neck pain", "Neuropathic pain", "Sacroiliac joint pain", "Migraine", "Fibromyalgia",
    "Lymphedema", "Post-mastectomy pain", "Buprenorphine in pain care", "Radiofrequency ablation",
    "Epidural steroid injections", "Vertebral compression fractures", "Myofascial pain", "Pediatric chronic pain",
]
ANGLES = [
    "assessment", "an evidence update", "a case-based review", "procedural safety",
    "shared decision-making", "imaging and referral", "outcomes and follow-up", "non-opioid options",
]
CREDIT_STEPS = [(Decimal("0.25"), 2), (Decimal("0.50"), 6), (Decimal("0.75"), 8), (Decimal("1.00"), 10),
                (Decimal("1.25"), 5), (Decimal("1.50"), 5), (Decimal("1.75"), 2), (Decimal("2.00"), 3)]
LEARNING_FORMATS = [("enduring", 75), ("journal", 10), ("internet_live", 10), ("live", 5)]


@dataclass
class Activity:
    page_id: int
    modules: list  # ModulePage ids in outline order
    minutes: int
    credit: Decimal
    objective_ids: list
    quiz_id: int
    presentations: list  # (seed, presented) pairs, as start_attempt stores them
    opens: int  # microseconds since the epoch: release
    closes: int  # end of the expiration day, or the present if sooner
    members_only: bool
    snapshot: dict  # what every certificate of this activity prints alike


class Profile(NamedTuple):
    first_name: str
    last_name: str
    degree: str
    status: str
    expires_on: datetime.date | None
    birthday: tuple | None
    specialty: str
    license_states: str


class Story(NamedTuple):
    """One enrolment and what the member did in it; the times of the records follow from it."""

    member: int
    activity: int
    enrolled: int
    span: int  # microseconds from enrolling to the last record
    modules_done: int
    scores: tuple  # submitted post-test attempts, in order
    attempt_open: bool
    evaluated: bool  # submitting the evaluation completed the activity
    claim: tuple | None  # (minutes attested, amount, report consent)


def moment(microseconds):
    return EPOCH + datetime.timedelta(microseconds=microseconds)


def microseconds(when):
    return (when - EPOCH) // datetime.timedelta(microseconds=1)


def generate(members, activities, years, seed=0, stdout=print, copy=None):
    """Fill the configured database; return the ids benchmarks need and the row counts.

    `copy` writes with PostgreSQL's COPY (the default there) instead of bulk_create.
    """
    from django.db import connection, transaction

    from lms.models import Member

    if Member.objects.exists():
        raise SystemExit("The database already has members; generate into a fresh one (e.g. dropdb it first).")
    copy = connection.vendor == "postgresql" if copy is None else copy
    started = time.perf_counter()
    rng = random.Random(seed)
    # History ends at midnight, so the same seed gives the same rows all day.
    now = microseconds(datetime.datetime.now(datetime.UTC).replace(hour=0, minute=0, second=0, microsecond=0))
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # Foreign keys are checked as each row arrives, so a table's time includes its checks
                # and no commit has to work through millions of queued ones.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cursor.execute("SET LOCAL synchronous_commit TO off")
                # An attempt's questions (2 kB of JSON) are compressed; lz4 is much cheaper than pglz.
                cursor.execute("SET LOCAL default_toast_compression TO lz4")
        catalog, catalogue = timed(stdout, "activity pages", lambda: build_catalog(rng, activities, years, now))
        profiles, stories = timed(stdout, "histories (in memory)", lambda: plan_members(rng, members, catalogue, now))
        write = Writer(stdout, copy)
        member, course_id = write_records(write, rng, profiles, stories, catalogue)
        write.reset_sequences()
    result = {
        "database": {"vendor": connection.vendor, "name": str(connection.settings_dict["NAME"])},
        "seed": seed,
        "member": member,
        **pages_for_benchmarks(catalog, course_id),
        "counts": row_counts(),
        "seconds": round(time.perf_counter() - started, 1),
    }
    for table, count in result["counts"].items():
        stdout(f"{table:<26} {count:>15,}")
    stdout(f"{'generated in':<26} {'':>15} {result['seconds']:8.1f} s")
    return result


def timed(stdout, label, build):
    began = time.perf_counter()
    result = build()
    report(stdout, label, began)
    return result


def report(stdout, label, began, rows=None):
    count = "" if rows is None else f"{rows:,} rows"
    stdout(f"{label:<26} {count:>15} {time.perf_counter() - began:8.1f} s")


# Activities: pages through Wagtail's tree API -------------------------------------------------


def build_catalog(rng, count, years, now):
    from courses.curriculum import LoadReport
    from courses.models import CourseCatalogPage, Person, Track
    from lms.services.site import ensure_home_page

    home = ensure_home_page(LoadReport())
    catalog = CourseCatalogPage(title="CME activities", slug="activities", intro="Every activity of the society.")
    home.add_child(instance=catalog)
    tracks = list(Track.objects.order_by("slug"))
    people = [Person.objects.create(name=f"{first} {last}", credentials="MD", no_relevant_relationships=True)
              for first, last in zip(FIRST_NAMES[:8], LAST_NAMES[:8], strict=True)]
    return catalog, [build_activity(rng, catalog, n, tracks, people, years, now) for n in range(count)]


def build_activity(rng, catalog, number, tracks, people, years, now):
    from courses.models import CourseFaculty, CoursePage, CreditDesignation, CreditType, FacultyRole
    from courses.models.pages import years_after

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
            {"type": "objective", "value": f"Apply current evidence on {topic.lower()} ({index + 1}).",
             "id": block_id(slug, "objective", index)}
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
    page.faculty = [CourseFaculty(person=person, role=role) for person, role in
                    zip(rng.sample(people, 2), [FacultyRole.COURSE_DIRECTOR, FacultyRole.AUTHOR], strict=True)]
    catalog.add_child(instance=page)
    modules = build_modules(rng, page, max(QUESTIONS, minutes - 10))
    quiz_id, presentations = build_post_test(rng, page, topic)
    end_of_expiration = datetime.datetime.combine(expiration, datetime.time.max, datetime.UTC)
    return Activity(
        page_id=page.pk, modules=modules, minutes=minutes, credit=credit,
        objective_ids=[block["id"] for block in page.learning_objectives.raw_data],
        quiz_id=quiz_id, presentations=presentations,
        opens=microseconds(released_at),
        closes=min(microseconds(end_of_expiration), now),
        members_only=page.members_only, snapshot=snapshot_base(page),
    )


def build_modules(rng, course, minutes):
    from courses.models import ModulePage

    count = rng.randint(2, 5)
    optional_last = rng.random() < 0.15
    ids = []
    for index in range(count):
        module = ModulePage(
            title=f"Part {index + 1}", slug=f"part-{index + 1}",
            estimated_minutes=max(1, minutes // count),
            required=not (optional_last and index == count - 1),
            body=[
                {"type": "heading", "value": f"Part {index + 1} of {course.title}"},
                {"type": "rich_text", "value": "<p>The evidence, the examination and the decision, step by step.</p>"},
                {"type": "key_point", "value": {"title": "Key point", "text": "Treat the pain generator, not only the symptom."}},
            ],
        )
        course.add_child(instance=module)
        ids.append(module.pk)
    return ids


def build_post_test(rng, course, topic):
    from quizzes.models import Question, Quiz, QuizRole
    from quizzes.presentation import present_questions

    quiz = Quiz.objects.create(
        title=f"Post-test: {course.title}", role=QuizRole.POST_TEST, course=course, passing_score=PASS_MARK, max_attempts=3
    )
    for index in range(QUESTIONS):
        kind = "true_false" if index == QUESTIONS - 1 else "single"
        texts = ["True", "False"] if kind == "true_false" else [f"Option {letter}" for letter in "ABCD"]
        right = rng.randrange(len(texts))
        Question.objects.create(
            quiz=quiz, key=block_id(course.slug, "question", index), sort_order=index, kind=kind,
            stem=f"<p>In {topic.lower()}, which statement is best supported (question {index + 1})?</p>",
            choices=[{"type": "choice", "value": {"text": text, "correct": position == right},
                      "id": block_id(course.slug, f"choice-{index}", position)} for position, text in enumerate(texts)],
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


def between(rng, low, high):
    """A time in [low, high) from exactly one draw. randint's number of draws depends on the
    range, so on another day every later draw would shift; this way a seed keeps its shape."""
    return low + int(rng.random() * (high - low))


def pick(rng, weighted):
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights)[0]


# Members and what they did: planned in memory, then written table by table ------------------


def plan_members(rng, count, catalogue, now):
    """(profiles, stories); stories are in member order, each member's in enrolment order."""
    everything = list(range(len(catalogue)))
    # An activity open for three years gathers more enrolments than one released last month;
    # weighing by popularity alone would crowd recent months.
    weights = [weight * (activity.closes - activity.opens)
               for weight, activity in zip(sizes.popularity(rng, len(catalogue)), catalogue, strict=True)]
    # Non-members may take only the activities open to everyone.
    open_only = [n for n in everything if not catalogue[n].members_only] or everything
    pools = {status: (pool, list(itertools.accumulate(weights[n] for n in pool)))
             for status, pool in (("member", everything), ("non_member", open_only))}
    profiles, stories = [], []
    for member in range(count):
        profile = make_profile(rng, now)
        profiles.append(profile)
        pool, cumulative = pools["non_member" if profile.status == "non_member" else "member"]
        chosen = choose_activities(rng, pool, cumulative, sizes.enrolment_count(rng, len(pool)))
        member_stories = [make_story(rng, member, n, catalogue[n]) for n in chosen]
        stories.extend(sorted(member_stories, key=lambda story: story.enrolled))
    return profiles, stories


def make_profile(rng, now):
    from lms.models import MembershipStatus

    today = moment(now).date()
    status = pick(rng, [(MembershipStatus.ACTIVE, 80), (MembershipStatus.LAPSED, 12), (MembershipStatus.NON_MEMBER, 8)])
    expires_on = {
        MembershipStatus.ACTIVE: today + datetime.timedelta(days=rng.randint(30, 730)),
        MembershipStatus.LAPSED: today - datetime.timedelta(days=rng.randint(1, 1500)),
    }.get(status)
    month = rng.randint(1, 12)
    birthday = (month, rng.randint(1, [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]))
    return Profile(
        first_name=rng.choice(FIRST_NAMES), last_name=rng.choice(LAST_NAMES), degree=pick(rng, DEGREES),
        status=str(status), expires_on=expires_on, birthday=birthday if rng.random() < 0.95 else None,
        specialty=rng.choice(SPECIALTIES), license_states=", ".join(rng.sample(STATES, rng.randint(1, 3))),
    )


def choose_activities(rng, pool, cumulative, count):
    """`count` distinct activities of `pool`, the popular ones more often."""
    if count >= len(pool):
        return list(pool)
    chosen = set()
    while len(chosen) < count:
        chosen.update(rng.choices(pool, cum_weights=cumulative, k=count - len(chosen)))
    return sorted(chosen)


def make_story(rng, member, number, activity):
    window = activity.closes - activity.opens
    span = min(sizes.story_span(rng), window // 2)
    enrolled = activity.opens + between(rng, 0, window - span)
    modules = len(activity.modules)
    outcome = sizes.outcome(rng)
    scores, attempt_open, modules_done = (), False, modules
    if outcome in (sizes.COMPLETED, sizes.UNEVALUATED):
        scores = tuple(failing_score(rng) for _ in range(sizes.failures_before_passing(rng))) + (passing_score(rng),)
    elif outcome == sizes.FAILED:
        scores = tuple(failing_score(rng) for _ in range(rng.randint(1, 3)))
    elif outcome == sizes.ATTEMPT_OPEN:
        scores, attempt_open = tuple(failing_score(rng) for _ in range(rng.randint(0, 1))), True
    else:
        modules_done = rng.randrange(modules)
    completed = outcome == sizes.COMPLETED
    return Story(
        member=member, activity=number, enrolled=enrolled, span=span, modules_done=modules_done, scores=scores,
        attempt_open=attempt_open, evaluated=completed,
        claim=make_claim(rng, activity) if completed and rng.random() < sizes.CLAIM_SHARE else None,
    )


def failing_score(rng):
    return rng.choices(SCORES[:3], [1, 3, 6])[0]


def passing_score(rng):
    return rng.choices(SCORES[3:], [4, 6])[0]


def make_claim(rng, activity):
    """(minutes, amount, consent) that claim_credit would accept: quarter steps, within time and designation."""
    amount = activity.credit
    quarters = int(amount * 4)
    if quarters > 1 and rng.random() < sizes.PARTIAL_CLAIM_SHARE:
        amount = Decimal(rng.randint(1, quarters - 1)) / 4
    minutes = max(rng.randint(activity.minutes * 4 // 5, activity.minutes * 6 // 5), int(amount * 60))
    return minutes, amount.quantize(Decimal("0.01")), rng.random() < sizes.REPORT_CONSENT_SHARE


# When each record of a story happened: modules in the first half, the post-test in the third
# quarter, then the evaluation (which completes the activity) and the claim.


def module_times(story, index, count):
    step = story.span // (2 * count)
    start = story.enrolled + index * step
    return start, start + step * 9 // 10


def attempt_times(story, number):
    step = story.span // (4 * (len(story.scores) + story.attempt_open))
    start = story.enrolled + story.span // 2 + (number - 1) * step
    return start, start + step * 9 // 10


def evaluated_at(story):
    return story.enrolled + story.span * 8 // 10


def completed_at(story):
    """check_completion records the completion right after the evaluation that met the rule."""
    return evaluated_at(story) + 30 * MILLISECOND


def claimed_at(story):
    return story.enrolled + story.span * 19 // 20


# Writing ---------------------------------------------------------------------------------------


def write_records(write, rng, profiles, stories, catalogue):
    """Write every learner record; return the benchmark member's ids and an activity they took."""
    from django.contrib.auth import get_user_model
    from django.db.models import Max

    from lms.models import Member

    User = get_user_model()
    first_user = (User.objects.aggregate(top=Max("pk"))["top"] or 0) + 1
    first_member = (Member.objects.aggregate(top=Max("pk"))["top"] or 0) + 1
    joined = join_times(rng, len(profiles), stories)
    write(User, USER_COLUMNS, user_rows(profiles, joined, first_user))
    write(Member, MEMBER_COLUMNS, member_rows(profiles, joined, first_user, first_member))
    people = (first_user, first_member)
    write_learning(write, stories, catalogue, people)
    write_evaluations(write, rng, stories, catalogue, first_member)
    write_completions(write, rng, stories, catalogue, profiles, first_member)
    member = benchmark_member(stories, profiles)
    return member_ids(member, stories, people), benchmark_course(member, stories, catalogue)


def join_times(rng, count, stories):
    """Each member joined some days before their first enrolment."""
    joined = [None] * count
    for story in stories:
        if joined[story.member] is None:
            joined[story.member] = moment(story.enrolled - rng.randint(1, 400) * sizes.DAY)
    return joined


USER_COLUMNS = ["id", "password", "is_superuser", "username", "first_name", "last_name", "email", "is_staff",
                "is_active", "date_joined"]


def user_rows(profiles, joined, first_id):
    from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX

    # No password: benchmarks sign generated members in with force_login, and hashing 100,000
    # passwords would take longer than everything else.
    for n, profile in enumerate(profiles):
        email = f"{profile.first_name}.{profile.last_name}.{n + 1}@example.org".lower()
        yield (first_id + n, UNUSABLE_PASSWORD_PREFIX + "generated", False, f"member{n + 1:07d}",
               profile.first_name, profile.last_name, email, False, True, joined[n])


MEMBER_COLUMNS = ["id", "user_id", "member_id", "first_name", "last_name", "degree", "npi", "board_id",
                  "birth_month", "birth_day", "specialty", "license_states", "membership_status",
                  "membership_expires_on", "updated_at"]


def member_rows(profiles, joined, first_user, first_member):
    for n, profile in enumerate(profiles):
        month, day = profile.birthday or (None, None)
        board = f"ABMS{n + 1:07d}" if profile.degree in ("MD", "DO") else ""
        yield (first_member + n, first_user + n, member_number(n), profile.first_name, profile.last_name,
               profile.degree, npi_for(n), board, month, day, profile.specialty, profile.license_states,
               profile.status, profile.expires_on, joined[n])


def member_number(n):
    return f"M{n + 1:07d}"


def write_learning(write, stories, catalogue, people):
    from lms.models import Enrollment, ModuleProgress
    from quizzes.models import Attempt

    first_user, first_member = people
    write(Enrollment, ["member_id", "course_id", "enrolled_at"], (
        (first_member + story.member, catalogue[story.activity].page_id, moment(story.enrolled))
        for story in stories
    ))
    write(ModuleProgress, ["member_id", "module_id", "course_id", "started_at", "completed_at"],
          progress_rows(stories, catalogue, first_member))
    write(Attempt, ATTEMPT_COLUMNS, attempt_rows(stories, catalogue, first_user))


def progress_rows(stories, catalogue, first_member):
    for story in stories:
        activity = catalogue[story.activity]
        count = len(activity.modules)
        # Opening a module starts its progress: the one after the last completed is started too.
        for index, module in enumerate(activity.modules[: story.modules_done + 1]):
            started, done = module_times(story, index, count)
            yield (first_member + story.member, module, activity.page_id, moment(started),
                   moment(done) if index < story.modules_done else None)


ATTEMPT_COLUMNS = ["quiz_id", "user_id", "number", "status", "seed", "presented", "passing_score",
                   "started_at", "submitted_at", "timed_out", "score_percent", "passed"]


def attempt_rows(stories, catalogue, first_user):
    for story in stories:
        activity = catalogue[story.activity]
        user = first_user + story.member
        for number, score in enumerate(story.scores + ((None,) if story.attempt_open else ()), start=1):
            seed, presented = activity.presentations[(story.member + number) % PRESENTATIONS]
            started, submitted = attempt_times(story, number)
            status = "in_progress" if score is None else "submitted"
            yield (activity.quiz_id, user, number, status, seed, presented, PASS_MARK, moment(started),
                   None if score is None else moment(submitted), False, score,
                   None if score is None else score >= PASS_MARK)


EVALUATION_COLUMNS = ["member_id", "course_id", "submitted_at", "objective_ratings", "relevance",
                      "practice_change", "commitment_to_change", "free_of_commercial_bias", "bias_comment",
                      "overall_quality", "comments"]


def write_evaluations(write, rng, stories, catalogue, first_member):
    from lms.models import Evaluation

    def rows():
        for story in stories:
            if not story.evaluated:
                continue
            activity = catalogue[story.activity]
            unbiased = rng.random() < 0.97
            intention = pick(rng, [("yes", 55), ("already", 30), ("no", 5), ("unsure", 10)])
            yield (first_member + story.member, activity.page_id, moment(evaluated_at(story)),
                   {objective: rng.choice((3, 4, 4, 5, 5, 5)) for objective in activity.objective_ids},
                   rng.choice((3, 4, 4, 5, 5)), intention,
                   "Refer earlier and document function at each visit." if intention == "yes" else "",
                   unbiased, "" if unbiased else "One product was named more often than others.",
                   rng.choice((3, 4, 4, 5, 5)), "")

    write(Evaluation, EVALUATION_COLUMNS, rows())


def write_completions(write, rng, stories, catalogue, profiles, first_member):
    """Completions in the order they happened, then their claims and certificates.

    Ids follow completion time, as a live site assigns them. updated_at is the last feed
    stamp (the claim touches its completion), and no two stamps are equal: on a live site
    each one is taken in turn under the feed lock (lms.services.feed).
    """
    from django.db.models import Max

    from courses.models import CreditType
    from lms.models import Certificate, Completion, CreditClaim, Degree
    from lms.services.credit import ATTESTATION

    completed = sorted((story for story in stories if story.evaluated), key=completed_at)
    stamps = distinct_feed_stamps(completed)
    first = (Completion.objects.aggregate(top=Max("pk"))["top"] or 0) + 1
    write(Completion, ["id", "member_id", "course_id", "completed_at", "manual_reason", "updated_at"], (
        (first + n, first_member + story.member, catalogue[story.activity].page_id,
         moment(completed_at(story)), "", moment(stamps[n]))
        for n, story in enumerate(completed)
    ))
    credit_type = CreditType.objects.get(code=CreditType.AMA_PRA_CATEGORY_1).pk
    claimed = [(first + n, story) for n, story in enumerate(completed) if story.claim]
    write(CreditClaim, ["completion_id", "credit_type_id", "amount", "minutes_attested", "attestation",
                        "report_consent", "claimed_at", "updated_at"], (
        (completion, credit_type, story.claim[1], story.claim[0], ATTESTATION.format(minutes=story.claim[0]),
         story.claim[2], moment(claimed_at(story)), moment(claimed_at(story)))
        for completion, story in claimed
    ))
    codes = certificate_codes(rng)
    degrees = dict(Degree.choices)
    write(Certificate, ["completion_id", "code", "issued_at", "snapshot", "pdf", "revoked_reason"], (
        (completion, code, moment(issued_at(story)),
         snapshot(code, story, catalogue[story.activity], profiles[story.member], degrees), "", "")
        for (completion, story), code in zip(claimed, codes)
    ))


def issued_at(story):
    return claimed_at(story) + 50 * MILLISECOND


def distinct_feed_stamps(completed):
    """updated_at of each completion in `completed`, strictly increasing where they would tie."""
    stamps = [claimed_at(story) + 80 * MILLISECOND if story.claim else completed_at(story) for story in completed]
    previous = None
    for n in sorted(range(len(stamps)), key=stamps.__getitem__):
        if previous is not None and stamps[n] <= previous:
            stamps[n] = previous + 1
        previous = stamps[n]
    return stamps


def certificate_codes(rng):
    """Unique codes in the format of lms.services.certificates.new_code: 80 random bits, 5 per character."""
    from lms.services.certificates import CODE_ALPHABET

    seen = set()
    while True:
        bits = rng.getrandbits(80)
        chars = "".join(CODE_ALPHABET[(bits >> (5 * n)) & 31] for n in range(16))
        code = "-".join(chars[n : n + 4] for n in range(0, 16, 4))
        if code not in seen:
            seen.add(code)
            yield code


def snapshot(code, story, activity, profile, degrees):
    base = activity.snapshot
    return {
        "code": code,
        "learner_name": f"{profile.first_name} {profile.last_name}",
        "degree": degrees[profile.degree],
        "provider": base["provider"],
        "activity_title": base["activity_title"],
        "learning_format": base["learning_format"],
        "completion_date": moment(completed_at(story)).date().isoformat(),
        "issued_at": moment(issued_at(story)).isoformat(),
        "credits": [{"credit_type": base["credit_type"], "amount": f"{story.claim[1]:.2f}"}],
        "accreditation_statement": base["accreditation_statement"],
        "designation_statements": base["designation_statements"],
    }


class Writer:
    """Inserts generated rows with their historical times, one table at a time, and reports each."""

    def __init__(self, stdout, copy):
        self.stdout, self.copy = stdout, copy
        self.models = []

    def __call__(self, model, columns, rows):
        began = time.perf_counter()
        count = (self._copy if self.copy else self._bulk_create)(model, columns, rows)
        self.models.append(model)
        report(self.stdout, str(model._meta.verbose_name_plural), began, count)
        return count

    def _copy(self, model, columns, rows):
        from django.db import connection, models
        from psycopg.types.json import Jsonb

        fields = [model._meta.get_field(name) for name in columns]
        json_at = [n for n, field in enumerate(fields) if isinstance(field, models.JSONField)]
        quote = connection.ops.quote_name
        table = f"{quote(model._meta.db_table)} ({', '.join(quote(f.column) for f in fields)})"
        count = 0
        with connection.cursor() as cursor, cursor.copy(f"COPY {table} FROM STDIN (FORMAT BINARY)") as copy:
            # Binary spares both sides formatting and parsing text; "numeric(5, 2)" is a numeric.
            copy.set_types([field.db_type(connection).split("(")[0] for field in fields])
            for row in rows:
                if json_at:
                    row = list(row)
                    for n in json_at:
                        row[n] = Jsonb(row[n])
                copy.write_row(row)
                count += 1
        return count

    def _bulk_create(self, model, columns, rows):
        count = 0
        with historical_stamps(model):
            while batch := list(itertools.islice(rows, BATCH)):
                model.objects.bulk_create(model(**dict(zip(columns, row, strict=True))) for row in batch)
                count += len(batch)
        return count

    def reset_sequences(self):
        """Explicit ids leave PostgreSQL's sequences behind; the next row a site adds must not collide."""
        from django.core.management.color import no_style
        from django.db import connection

        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), self.models):
                cursor.execute(statement)


@contextlib.contextmanager
def historical_stamps(model):
    """Let bulk_create keep the past times it is given instead of stamping auto_now fields with the present."""
    fields = [f for f in model._meta.concrete_fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)]
    saved = [(field.auto_now, field.auto_now_add) for field in fields]
    for field in fields:
        field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, (auto_now, auto_now_add) in zip(fields, saved, strict=True):
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


# What benchmarks need ---------------------------------------------------------------------------


def benchmark_member(stories, profiles):
    """The busiest member with 10 to 50 enrolments (the busiest of all if nobody has 10)."""
    enrolments = [0] * len(profiles)
    for story in stories:
        enrolments[story.member] += 1
    within = [n for n, count in enumerate(enrolments) if 10 <= count <= 50] or range(len(profiles))
    return max(within, key=lambda n: (enrolments[n], -n))


def member_ids(member, stories, people):
    first_user, first_member = people
    return {"member_id": member_number(member), "pk": first_member + member, "user_id": first_user + member,
            "enrollments": sum(1 for story in stories if story.member == member)}


def benchmark_course(member, stories, catalogue):
    """An activity the benchmark member is enrolled in, open to everyone if there is one, so
    its pages serve both that member and anonymous visitors."""
    taken = [catalogue[story.activity] for story in stories if story.member == member]
    return next((activity for activity in taken if not activity.members_only), taken[0]).page_id


def pages_for_benchmarks(catalog, course_id):
    from courses.models import CoursePage, ModulePage

    course = CoursePage.objects.get(pk=course_id)
    module = ModulePage.objects.child_of(course).order_by("path").first()
    return {"catalog_page_id": catalog.pk, "course_page_id": course.pk, "course_url": course.get_url(),
            "module_page_id": module.pk, "module_url": module.get_url()}


def row_counts():
    from django.contrib.auth import get_user_model

    from courses.models import CoursePage, ModulePage
    from lms.models import Certificate, Completion, CreditClaim, Enrollment, Evaluation, Member, ModuleProgress
    from quizzes.models import Attempt, Quiz

    models = [get_user_model(), Member, CoursePage, ModulePage, Quiz, Enrollment, ModuleProgress, Attempt,
              Evaluation, Completion, CreditClaim, Certificate]
    return {model._meta.label: model.objects.count() for model in models}


# Command line -------------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=1_000)
    parser.add_argument("--activities", type=int, default=20)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"),
                        help="defaults to DATABASE_URL; one of the two is required")
    parser.add_argument("--no-copy", action="store_true", help="use bulk_create on PostgreSQL too, to compare")
    parser.add_argument("--reuse", action="store_true",
                        help="if the database already holds members, keep it as it is (make bench uses this)")
    args = parser.parse_args()
    if not args.database_url:
        parser.error("give --database-url or set DATABASE_URL (the development database is not a benchmark's)")
    if args.database_url.startswith(("postgres://", "postgresql://")):
        ensure_postgres_database(args.database_url)
    os.environ["DATABASE_URL"] = args.database_url
    # The test settings: DEBUG off (no query log growing with every batch), and Wagtail's
    # search and reference indexing of the new pages run inline instead of queueing tasks.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.test")
    # Each inline indexing task would log two lines at INFO.
    os.environ.setdefault("DJANGO_LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command

    say = functools.partial(print, flush=True)  # progress shows as it happens, even through a pipe
    timed(say, "migrate", lambda: call_command("migrate", verbosity=0))
    if args.reuse:
        from lms.models import Member

        if Member.objects.exists():
            say(f"{Member.objects.count():,} members already generated; kept (drop the database to start again)")
            return
    result = generate(args.members, args.activities, args.years, seed=args.seed, stdout=say,
                      copy=False if args.no_copy else None)
    timed(say, "vacuum and analyze", vacuum_analyze)
    LAST_RUN.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps({key: value for key, value in result.items() if key != "counts"}, indent=2))
    print(f"written to {LAST_RUN}")


def ensure_postgres_database(url):
    import psycopg
    from psycopg import sql
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    name = conninfo_to_dict(url)["dbname"]
    with psycopg.connect(make_conninfo(url, dbname="postgres"), autocommit=True) as connection:
        if connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is None:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"created database {name}")


def vacuum_analyze():
    """Set hint bits and statistics now, so the first benchmark does not pay for them."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)" if connection.vendor == "postgresql" else "ANALYZE")


if __name__ == "__main__":
    main()
