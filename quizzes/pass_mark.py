"""The lowest pass mark a post-test may have. It is the lms app's setting (LMS["MIN_PASS_MARK"]), read
through the `cme_min_pass_mark` hook because this app may not import lms; a pass mark of 0 passes
everyone, so a post-test for credit would assess nothing."""

from wagtail import hooks

from courses import hooks as cme_hooks


def minimum_pass_mark():
    """The lowest pass mark a post-test may have, or None when no app sets one."""
    marks = [fn() for fn in hooks.get_hooks(cme_hooks.MIN_PASS_MARK)]
    return max(marks) if marks else None


def pass_mark_problem(passing_score):
    """Why a post-test may not have this pass mark, or None."""
    minimum = minimum_pass_mark()
    if minimum is not None and (passing_score is None or passing_score < minimum):
        return f"A post-test's pass mark must be at least {minimum}%, so that credit rests on a real assessment."
    return None
