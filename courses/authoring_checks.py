"""Publishing check for a template: authors start activities from it, learners never see it. (A copy's missing
dates are the dates item of the checklist, courses/activity_dates.py.)"""


def not_a_template(page):
    if not page.is_template:
        return []
    return ["A template is never published: start a new activity from it (New activity from template)."]
