"""The generated society's vocabulary: its names and numbers, the records planned in memory,
and the clock they are written in."""

import datetime
import time
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

LAST_RUN = Path(__file__).with_name(".last-generate.json")
BATCH = 10_000
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
QUESTIONS = 4  # per post-test; every attempt is asked all of them
PRESENTATIONS = 4  # shuffled orders per post-test that attempts share
OBJECTIVES = 3
PASS_MARK = 70
SCORES = [Decimal(100 * right / QUESTIONS).quantize(Decimal("0.01")) for right in range(QUESTIONS + 1)]
MILLISECOND = 1000

FIRST_NAMES = [
    "Priya",
    "Marcus",
    "Dana",
    "Jordan",
    "Aisha",
    "Daniel",
    "Elena",
    "Samuel",
    "Grace",
    "Omar",
    "Hannah",
    "Kenji",
    "Laura",
    "Mateo",
    "Nadia",
    "Oliver",
    "Rosa",
    "Tariq",
    "Yara",
    "Victor",
    "Chloe",
    "Ibrahim",
    "Mei",
    "Patrick",
    "Sofia",
    "Thomas",
    "Amara",
    "Luis",
    "Fatima",
    "Henry",
]
LAST_NAMES = [
    "Patel",
    "Okafor",
    "Whitfield",
    "Castillo",
    "Nguyen",
    "Schmidt",
    "Rossi",
    "Kim",
    "Haddad",
    "Novak",
    "Johnson",
    "Garcia",
    "Cohen",
    "Silva",
    "Mensah",
    "Kowalski",
    "Tanaka",
    "Murphy",
    "Andersen",
    "Dubois",
    "Ahmed",
    "Petrov",
    "Lopez",
    "Brennan",
    "Osei",
    "Larsen",
    "Moreau",
    "Fischer",
    "Romero",
    "Singh",
]
DEGREES = [("MD", 70), ("DO", 15), ("PA", 5), ("NP", 5), ("RN", 2), ("PharmD", 2), ("other", 1)]
SPECIALTIES = [
    "Physical medicine and rehabilitation",
    "Anesthesiology",
    "Neurology",
    "Family medicine",
    "Internal medicine",
    "Oncology",
    "Orthopaedic surgery",
    "Psychiatry",
    "Radiology",
    "",
]
STATES = ["NY", "NJ", "CT", "PA", "MA", "CA", "TX", "FL", "IL", "OH", "MI", "GA", "NC", "WA", "AZ", "CO", "MN"]
TOPICS = [
    "Lumbar radiculopathy",
    "Cancer-related fatigue",
    "Opioid tapering",
    "Knee osteoarthritis",
    "Complex regional pain syndrome",
    "Spinal cord stimulation",
    "Prehabilitation before surgery",
    "Chronic neck pain",
    "Neuropathic pain",
    "Sacroiliac joint pain",
    "Migraine",
    "Fibromyalgia",
    "Lymphedema",
    "Post-mastectomy pain",
    "Buprenorphine in pain care",
    "Radiofrequency ablation",
    "Epidural steroid injections",
    "Vertebral compression fractures",
    "Myofascial pain",
    "Pediatric chronic pain",
]
ANGLES = [
    "assessment",
    "an evidence update",
    "a case-based review",
    "procedural safety",
    "shared decision-making",
    "imaging and referral",
    "outcomes and follow-up",
    "non-opioid options",
]
CREDIT_STEPS = [
    (Decimal("0.25"), 2),
    (Decimal("0.50"), 6),
    (Decimal("0.75"), 8),
    (Decimal("1.00"), 10),
    (Decimal("1.25"), 5),
    (Decimal("1.50"), 5),
    (Decimal("1.75"), 2),
    (Decimal("2.00"), 3),
]
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


def between(rng, low, high):
    """A time in [low, high) from exactly one draw. randint's number of draws depends on the
    range, so on another day every later draw would shift; this way a seed keeps its shape."""
    return low + int(rng.random() * (high - low))


def pick(rng, weighted):
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights)[0]


def timed(stdout, label, build):
    began = time.perf_counter()
    result = build()
    report(stdout, label, began)
    return result


def report(stdout, label, began, rows=None):
    count = "" if rows is None else f"{rows:,} rows"
    stdout(f"{label:<26} {count:>15} {time.perf_counter() - began:8.1f} s")
