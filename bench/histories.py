"""What each generated member did, planned in memory before anything is written."""

import datetime
import itertools
from decimal import Decimal

from . import sizes
from .society import (
    DEGREES,
    FIRST_NAMES,
    LAST_NAMES,
    MILLISECOND,
    SCORES,
    SPECIALTIES,
    STATES,
    Profile,
    Story,
    between,
    moment,
    pick,
)


def plan_members(rng, count, catalogue, now):
    """(profiles, stories); stories are in member order, each member's in enrolment order."""
    everything = list(range(len(catalogue)))
    # An activity open for three years gathers more enrolments than one released last month;
    # weighing by popularity alone would crowd recent months.
    weights = [
        weight * (activity.closes - activity.opens)
        for weight, activity in zip(sizes.popularity(rng, len(catalogue)), catalogue, strict=True)
    ]
    # Non-members may take only the activities open to everyone.
    open_only = [n for n in everything if not catalogue[n].members_only] or everything
    pools = {
        status: (pool, list(itertools.accumulate(weights[n] for n in pool)))
        for status, pool in (("member", everything), ("non_member", open_only))
    }
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
        first_name=rng.choice(FIRST_NAMES),
        last_name=rng.choice(LAST_NAMES),
        degree=pick(rng, DEGREES),
        status=str(status),
        expires_on=expires_on,
        birthday=birthday if rng.random() < 0.95 else None,
        specialty=rng.choice(SPECIALTIES),
        license_states=", ".join(rng.sample(STATES, rng.randint(1, 3))),
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
        member=member,
        activity=number,
        enrolled=enrolled,
        span=span,
        modules_done=modules_done,
        scores=scores,
        attempt_open=attempt_open,
        evaluated=completed,
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
