"""The names of the Wagtail hooks the CME apps define, for registrants and callers alike.

Here, in the lowest app that calls any of them, so `quizzes`, `lms` and a host site's own apps
import the same names. Each hook is listed in docs/architecture.md ("Hooks").
"""

# Per visitor, never stored: fn(page, request) -> HTML or "" (lms: the learner panel, "mark complete").
COURSE_PAGE_SECTIONS = "cme_course_page_sections"
MODULE_PAGE_SECTIONS = "cme_module_page_sections"

# The same for every visitor, stored with the page's static parts: fn(page, request) -> HTML or ""
# (quizzes: the pre-test, post-test and knowledge check sections).
COURSE_PAGE_CONTENT_SECTIONS = "cme_course_page_content_sections"
MODULE_PAGE_CONTENT_SECTIONS = "cme_module_page_content_sections"

# fn(quiz, user) -> a reason the learner may not start the quiz, or None (lms: enrolment, members-only).
QUIZ_START_REFUSAL = "cme_quiz_start_refusal"
