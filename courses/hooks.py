"""The names of the Wagtail hooks the CME apps define, for registrants and callers alike.

Here, in the lowest app that calls any of them, so `quizzes`, `lms` and a host site's own apps
import the same names. Each hook is listed in docs/architecture.md ("Hooks").
"""

# Per visitor, never stored: fn(page, request) -> HTML or "" (lms: the learner panel, "mark complete").
COURSE_PAGE_SECTIONS = "cme_course_page_sections"
MODULE_PAGE_SECTIONS = "cme_module_page_sections"
# Per visitor, at the top of the activity page under its title: fn(page, request) -> HTML or ""
# (lms: the learner's next step).
COURSE_PAGE_ACTIONS = "cme_course_page_actions"

# The same for every visitor, stored with the page's static parts: fn(page, request) -> HTML or ""
# (quizzes: the pre-test, post-test and knowledge check sections).
COURSE_PAGE_CONTENT_SECTIONS = "cme_course_page_content_sections"
MODULE_PAGE_CONTENT_SECTIONS = "cme_module_page_content_sections"

# Per visitor, at the end of a test's result page: fn(attempt, request) -> HTML or "" (lms: the
# learner's next step in the activity). Asked after a pass, or when the result is not pass or fail.
QUIZ_RESULT_NEXT_STEP = "cme_quiz_result_next_step"

# fn(quiz, user) -> a reason the learner may not start the quiz, or None (lms: enrolment, members-only).
QUIZ_START_REFUSAL = "cme_quiz_start_refusal"

# fn(activity) -> the live post-test's pass mark (a percentage) or None; shown before the start.
COURSE_PASS_MARK = "cme_course_pass_mark"  # noqa: S105 (a hook name, not a secret)

# fn(activity) -> [reason, ...] why the activity may not be published (courses/publishing_checks.py).
ACTIVITY_PUBLISH_CHECKS = "cme_activity_publish_checks"

# fn() -> the lowest pass mark (a percentage) a post-test may have (lms: LMS["MIN_PASS_MARK"]); the
# highest registered value applies, none registered means no minimum.
MIN_PASS_MARK = "cme_min_pass_mark"  # noqa: S105 (a hook name, not a secret)

# fn(activity) -> [courses.publication_unit.Part, ...]: the modules and tests that publish with the
# activity (courses: modules; quizzes: pre-test, post-test, knowledge checks).
ACTIVITY_PARTS = "cme_activity_parts"

# fn(activity, copy, modules, user), in the copy's transaction; `modules` maps each original module's
# pk to its copy (quizzes: the tests and knowledge checks follow the copy).
ACTIVITY_COPIED = "cme_activity_copied"
