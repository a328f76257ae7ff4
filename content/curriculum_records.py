"""What the curriculum files hold, once read and checked (content/curriculum_data.py reads them)."""

import datetime
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from .curriculum_estimate import CreditEstimate


def fingerprint(data):
    encoded = json.dumps(data, sort_keys=True, default=str).encode()
    return hashlib.sha256(encoded).hexdigest()


@dataclass
class Source:
    key: str
    title: str
    author: str
    publisher: str
    url: str = ""


@dataclass
class PersonData:
    key: str
    name: str
    credentials: str
    affiliation: str
    bio: str
    disclosure_date: datetime.date
    no_relevant_relationships: bool
    relationships: list


@dataclass
class ModuleData:
    slug: str
    title: str
    estimated_minutes: int
    required: bool
    objectives: list
    body: list

    def fingerprint(self):
        return fingerprint(self.__dict__)


@dataclass
class QuestionData:
    key: str
    objectives: list  # objective numbers, counted from 1 in the activity's order


@dataclass
class QuizData:
    questions: list  # question keys from the activity's quiz bank
    question_count: int | None

    @property
    def items_per_sitting(self):
        return min(self.question_count or len(self.questions), len(self.questions))


@dataclass
class CourseData:
    path: Path
    slug: str
    title: str
    track: str
    summary: str
    learning_objectives: list
    target_audience: str
    learning_format: str
    estimated_minutes: int
    credit_designations: list
    moc_designations: list
    acpe: dict | None  # the ACPE registration: pharmacist_uan, technician_uan, activity_type
    commercial_supporters: list
    technical_requirements: str
    release_date: datetime.date
    last_review_date: datetime.date
    expiration_date: datetime.date
    members_only: bool
    content_notice: str
    faculty: list
    mitigations: list
    modules: list
    quiz_bank: dict  # question key -> QuestionData
    quizzes: dict  # "pre_test" / "post_test" -> QuizData, for the tests the activity has
    estimate: CreditEstimate
    raw: dict = field(repr=False)

    NOT_ON_THE_PAGE = ("modules", "quiz_bank", "quizzes", "estimate", "raw", "path")

    def fingerprint(self):
        page_fields = {k: v for k, v in self.__dict__.items() if k not in self.NOT_ON_THE_PAGE}
        return fingerprint(page_fields)


@dataclass
class Curriculum:
    sources: dict
    people: dict
    courses: list
