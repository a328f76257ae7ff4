"""The shape of the generated society: how much members take on and how their activities end.

Tuned so that 100,000 members give about 1,000,000 completions: a member enrols in 12.8
activities on average and finishes 79 % of them, just over 10 completions each.
"""

import math

# Enrolments per member: log-normal, median 11. About 8 % of members take fewer than 5
# activities and 3 % more than 30, up to the cap.
ENROLMENT_MU = math.log(11)
ENROLMENT_SIGMA = 0.55
MAX_ENROLMENTS = 50

COMPLETED = "completed"
BROWSED = "browsed"  # opened some modules and stopped
FAILED = "failed"  # every module, then only failed post-test attempts
UNEVALUATED = "unevaluated"  # passed the post-test, never submitted the evaluation
ATTEMPT_OPEN = "attempt_open"  # a post-test attempt started and not submitted
OUTCOMES = [(COMPLETED, 79), (BROWSED, 12), (FAILED, 3), (UNEVALUATED, 4), (ATTEMPT_OPEN, 2)]

CLAIM_SHARE = 0.95  # completed activities whose credit is claimed (with the certificate)
PARTIAL_CLAIM_SHARE = 0.1  # claims for less than the designated maximum
REPORT_CONSENT_SHARE = 0.85
MEMBERS_ONLY_SHARE = 0.2  # activities open to active society members only

HOUR = 3_600_000_000  # microseconds
DAY = 24 * HOUR


def enrolment_count(rng, available):
    drawn = round(rng.lognormvariate(ENROLMENT_MU, ENROLMENT_SIGMA))
    return max(1, min(drawn, MAX_ENROLMENTS, available))


def outcome(rng):
    names, weights = zip(*OUTCOMES, strict=True)
    return rng.choices(names, weights)[0]


def failures_before_passing(rng):
    """Failed post-test attempts before the passing one (the quiz allows three)."""
    return rng.choices([0, 1, 2], [80, 16, 4])[0]


def story_span(rng):
    """Microseconds from enrolling to the last record of the activity: one sitting to two months."""
    kind = rng.random()
    if kind < 0.4:
        return rng.randint(1 * HOUR, 6 * HOUR)
    if kind < 0.8:
        return rng.randint(1 * DAY, 14 * DAY)
    return rng.randint(14 * DAY, 60 * DAY)


def popularity(rng, count):
    """Relative enrolment weights of `count` activities: a few favourites, a long tail."""
    ranks = list(range(1, count + 1))
    rng.shuffle(ranks)
    return [rank**-0.7 for rank in ranks]
