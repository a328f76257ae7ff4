"""Writing the planned histories table by table, and choosing the records benchmarks use."""

from . import sizes
from .histories import attempt_times, claimed_at, completed_at, evaluated_at, module_times
from .member_rows import MEMBER_COLUMNS, member_email, member_number, member_rows
from .society import MILLISECOND, PASS_MARK, PRESENTATIONS, moment, pick


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


USER_COLUMNS = [
    "id",
    "password",
    "is_superuser",
    "username",
    "first_name",
    "last_name",
    "email",
    "is_staff",
    "is_active",
    "date_joined",
]


def user_rows(profiles, joined, first_id):
    from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX

    # No password: benchmarks sign generated members in with force_login, and hashing 100,000
    # passwords would take longer than everything else.
    for n, profile in enumerate(profiles):
        yield (
            first_id + n,
            UNUSABLE_PASSWORD_PREFIX + "generated",
            False,
            f"member{n + 1:07d}",
            profile.first_name,
            profile.last_name,
            member_email(n, profile),
            False,
            True,
            joined[n],
        )


def write_learning(write, stories, catalogue, people):
    from lms.models import Enrollment, ModuleProgress
    from quizzes.models import Attempt

    first_user, first_member = people
    write(
        Enrollment,
        ["member_id", "course_id", "enrolled_at"],
        ((first_member + story.member, catalogue[story.activity].page_id, moment(story.enrolled)) for story in stories),
    )
    write(
        ModuleProgress,
        ["member_id", "module_id", "course_id", "started_at", "completed_at"],
        progress_rows(stories, catalogue, first_member),
    )
    write(Attempt, ATTEMPT_COLUMNS, attempt_rows(stories, catalogue, first_user))


def progress_rows(stories, catalogue, first_member):
    for story in stories:
        activity = catalogue[story.activity]
        count = len(activity.modules)
        # Opening a module starts its progress: the one after the last completed is started too.
        for index, module in enumerate(activity.modules[: story.modules_done + 1]):
            started, done = module_times(story, index, count)
            yield (
                first_member + story.member,
                module,
                activity.page_id,
                moment(started),
                moment(done) if index < story.modules_done else None,
            )


ATTEMPT_COLUMNS = [
    "quiz_id",
    "user_id",
    "number",
    "status",
    "seed",
    "presented",
    "passing_score",
    "partial_credit",
    "started_at",
    "submitted_at",
    "timed_out",
    "score_percent",
    "passed",
]


def attempt_rows(stories, catalogue, first_user):
    for story in stories:
        activity = catalogue[story.activity]
        user = first_user + story.member
        for number, score in enumerate(story.scores + ((None,) if story.attempt_open else ()), start=1):
            seed, presented = activity.presentations[(story.member + number) % PRESENTATIONS]
            started, submitted = attempt_times(story, number)
            status = "in_progress" if score is None else "submitted"
            yield (
                activity.quiz_id,
                user,
                number,
                status,
                seed,
                presented,
                PASS_MARK,
                False,
                moment(started),
                None if score is None else moment(submitted),
                False,
                score,
                None if score is None else score >= PASS_MARK,
            )


EVALUATION_COLUMNS = [
    "member_id",
    "course_id",
    "submitted_at",
    "objective_ratings",
    "relevance",
    "practice_change",
    "commitment_to_change",
    "free_of_commercial_bias",
    "bias_comment",
    "overall_quality",
    "comments",
]


def write_evaluations(write, rng, stories, catalogue, first_member):
    from lms.models import Evaluation

    def rows():
        for story in stories:
            if not story.evaluated:
                continue
            activity = catalogue[story.activity]
            unbiased = rng.random() < 0.97
            intention = pick(rng, [("yes", 55), ("already", 30), ("no", 5), ("unsure", 10)])
            yield (
                first_member + story.member,
                activity.page_id,
                moment(evaluated_at(story)),
                {objective: rng.choice((3, 4, 4, 5, 5, 5)) for objective in activity.objective_ids},
                rng.choice((3, 4, 4, 5, 5)),
                intention,
                "Refer earlier and document function at each visit." if intention == "yes" else "",
                unbiased,
                "" if unbiased else "One product was named more often than others.",
                rng.choice((3, 4, 4, 5, 5)),
                "",
            )

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
    write(
        Completion,
        ["id", "member_id", "course_id", "completed_at", "manual_reason", "updated_at"],
        (
            (
                first + n,
                first_member + story.member,
                catalogue[story.activity].page_id,
                moment(completed_at(story)),
                "",
                moment(stamps[n]),
            )
            for n, story in enumerate(completed)
        ),
    )
    credit_type = CreditType.objects.get(code=CreditType.AMA_PRA_CATEGORY_1).pk
    claimed = [(first + n, story) for n, story in enumerate(completed) if story.claim]
    write(
        CreditClaim,
        [
            "completion_id",
            "credit_type_id",
            "amount",
            "minutes_attested",
            "attestation",
            "report_consent",
            "claimed_at",
            "updated_at",
        ],
        (
            (
                completion,
                credit_type,
                story.claim[1],
                story.claim[0],
                ATTESTATION.format(minutes=story.claim[0]),
                story.claim[2],
                moment(claimed_at(story)),
                moment(claimed_at(story)),
            )
            for completion, story in claimed
        ),
    )
    codes = certificate_codes(rng)
    degrees = dict(Degree.choices)
    write(
        Certificate,
        ["completion_id", "code", "issued_at", "snapshot", "pdf", "revoked_reason", "version", "kind"],
        (
            (
                completion,
                code,
                moment(issued_at(story)),
                snapshot(code, story, catalogue[story.activity], profiles[story.member], degrees),
                "",
                "",
                1,
                "credit",
            )
            for (completion, story), code in zip(claimed, codes)
        ),
    )


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
        "version": 1,
        "kind": "credit",
        "learner_name": f"{profile.first_name} {profile.last_name}",
        "degree": degrees[profile.degree],
        "provider": base["provider"],
        "activity_title": base["activity_title"],
        "learning_format": base["learning_format"],
        "completion_date": moment(completed_at(story)).date().isoformat(),
        "issued_at": moment(issued_at(story)).isoformat(),
        "credits": [{"credit_type": base["credit_type"], "amount": f"{story.claim[1]:.2f}"}],
        "moc": [],
        "participation": None,
        "accreditation_statement": base["accreditation_statement"],
        "designation_statements": base["designation_statements"],
    }


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
    return {
        "member_id": member_number(member),
        "pk": first_member + member,
        "user_id": first_user + member,
        "enrollments": sum(1 for story in stories if story.member == member),
    }


def benchmark_course(member, stories, catalogue):
    """An activity the benchmark member is enrolled in, open to everyone if there is one, so
    its pages serve both that member and anonymous visitors."""
    taken = [catalogue[story.activity] for story in stories if story.member == member]
    return next((activity for activity in taken if not activity.members_only), taken[0]).page_id
