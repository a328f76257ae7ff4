"""The society's xAPI profile: who the actor is, the verbs, the activity ids and types, the extension.

Everything a statement names is an IRI. Learners are accounts on the society's home page (its
member id, never an e-mail address); activities, modules and tests are named by their row, so an
id stays the same when a page moves or is renamed; the credit earned is a result extension under
the society's own IRI. docs/xapi.md describes the profile for the people reading the store.
"""

import uuid

from django.conf import settings

ADL_VERBS = "http://adlnet.gov/expapi/verbs/"
REGISTERED = ADL_VERBS + "registered"
INITIALIZED = ADL_VERBS + "initialized"
COMPLETED = ADL_VERBS + "completed"
ATTEMPTED = ADL_VERBS + "attempted"
PASSED = ADL_VERBS + "passed"
FAILED = ADL_VERBS + "failed"
# ADL's vocabulary has no verb for being awarded something; the xAPI registry's "earned" is the
# one learning record stores and their reports already know.
EARNED = "http://id.tincanapi.com/verb/earned"

ADL_ACTIVITY_TYPES = "http://adlnet.gov/expapi/activities/"
COURSE = ADL_ACTIVITY_TYPES + "course"
MODULE = ADL_ACTIVITY_TYPES + "module"
ASSESSMENT = ADL_ACTIVITY_TYPES + "assessment"

PLATFORM = "wagtail-cme"


def language():
    """The site's language as a language-map key ("en-us" -> "en-US")."""
    code, _, region = settings.LANGUAGE_CODE.partition("-")
    return f"{code}-{region.upper()}" if region else code


def verb(iri):
    return {"id": iri, "display": {"en-US": iri.rstrip("/").rsplit("/", 1)[-1]}}


def actor(site, member):
    return {"objectType": "Agent", "account": {"homePage": site, "name": member.member_id}}


def activity_iri(site, kind, pk):
    """kind: "activity" (a CME activity), "module" or "test"."""
    return f"{site}/xapi/activities/{kind}/{pk}"


def credit_extension(site):
    return f"{site}/xapi/extensions/credit"


def registration(site, enrollment_pk):
    """The id that ties a learner's statements in one activity together: stable per enrollment."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{site}/xapi/registrations/{enrollment_pk}"))


def _activity(iri, activity_type, title, page=None):
    definition = {"type": activity_type, "name": {language(): title}}
    url = page.get_full_url() if page is not None else None
    if url:
        definition["moreInfo"] = url
    return {"objectType": "Activity", "id": iri, "definition": definition}


def course_activity(site, course):
    return _activity(activity_iri(site, "activity", course.pk), COURSE, course.title, course)


def module_activity(site, module):
    return _activity(activity_iri(site, "module", module.pk), MODULE, module.title, module)


def assessment_activity(site, quiz):
    return _activity(activity_iri(site, "test", quiz.pk), ASSESSMENT, quiz.title)


def score(earned, possible):
    """result.score of a graded test: points earned of the questions drawn, and their share."""
    earned, possible = float(earned), float(possible)
    return {"scaled": round(earned / possible, 4) if possible else 0.0, "raw": earned, "min": 0.0, "max": possible}


def duration(seconds):
    """An ISO 8601 duration, as xAPI results carry it."""
    return f"PT{max(seconds, 0):.2f}S"


def statement(site, member, verb_iri, activity, timestamp, *, result=None, registration_id=None, parent=None):
    context = {"platform": PLATFORM, "language": language()}
    if registration_id:
        context["registration"] = registration_id
    if parent is not None:
        context["contextActivities"] = {"parent": [parent]}
    document = {
        "actor": actor(site, member),
        "verb": verb(verb_iri),
        "object": activity,
        "context": context,
        "timestamp": timestamp.isoformat(),
    }
    if result is not None:
        document["result"] = result
    return document
