"""Progress answers kept in the shared cache, served while nothing they show has changed.

Each member has a token (content/caching/change_tokens.py), replaced when a change to what their progress
shows commits (an enrollment, module progress, a quiz attempt, an evaluation, a completion, a
credit claim, a certificate, the member row); the published content's token
(courses/content_version.py) covers which modules and tests count. A stored answer carries both
tokens as read before its data was read, and is served only while both are still current: an
answer computed from data older than a change can never carry the token that change set. The answer keeps the
ETag computed from the database's version stamp, so ETags mean the same with or without it.

member_rendering() keeps other renderings of a member's records the same way (the learner
dashboard's lists of activities).

Only with settings.CME_SHARED_CACHE. Writes that bypass model signals (bulk inserts, UPDATE
statements) call member_changed() themselves. A stored answer lives at most ANSWER_TTL
seconds, which bounds the effect of a write that forgot to.
"""

import hashlib
from dataclasses import dataclass

from django.core.cache import cache

from content.caching import change_tokens
from courses import content_version

ANSWER_TTL = 600
KNOWN_MEMBERS = 65_536

# Which member a request's reference names ({("member_id", "A-1"): member pk}), per process. A
# member's pk never changes; a reference that comes to name another member (a member id
# reassigned) is caught because a stored answer is served only to the references it was
# computed for.
_members = {}


def _token_key(member_pk):
    return f"cme:progress:token:{member_pk}"


def _answer_key(member_pk):
    return f"cme:progress:answer:{member_pk}"


def member_changed(*member_pks):
    if change_tokens.shared() and member_pks:
        change_tokens.replace(*[_token_key(pk) for pk in member_pks])


@dataclass
class Lookup:
    """What the cache holds for one request's member, named by `ref`: ("member_id", id) or ("user_id", pk)."""

    ref: tuple
    member_pk: int | None = None
    tokens: tuple | None = None
    answer: dict | None = None

    @property
    def fresh(self):
        field, value = self.ref
        return self.answer is not None and self.answer["tokens"] == self.tokens and self.answer.get(field) == value


def _keys(member_pk):
    return [_token_key(member_pk), content_version.KEY, _answer_key(member_pk)]


def keys_to_prefetch(ref):
    """The cache keys look_up(ref) reads, for a caller that can fetch them in a round trip it
    makes anyway (the portal key's lookup); none while this process does not know the member."""
    member_pk = _members.get(ref)
    return [] if member_pk is None else _keys(member_pk)


def look_up(ref, prefetched=None):
    """The stored answer for the member `ref` names, with the current tokens: one round trip,
    or none when `prefetched` ({key: value or None}) already holds the keys."""
    member_pk = _members.get(ref)
    if member_pk is None:
        return Lookup(ref)
    keys = _keys(member_pk)
    found = prefetched if prefetched is not None and set(keys) <= prefetched.keys() else cache.get_many(keys)
    return Lookup(ref, member_pk, change_tokens.current(keys[:2], found), found.get(keys[2]))


def store(lookup, member, etag, body):
    """Keep an answer computed after `lookup`; the first time, only learn which member it is."""
    if lookup.member_pk == member.pk:
        answer = {
            "tokens": lookup.tokens,
            "etag": etag,
            "body": body,
            "member_id": member.member_id,
            "user_id": member.user_id,
        }
        cache.set(_answer_key(member.pk), answer, ANSWER_TTL)
        return
    if len(_members) >= KNOWN_MEMBERS:
        del _members[next(iter(_members))]
    _members[lookup.ref] = member.pk


def member_rendering(member_pk, name, render):
    """`render()` for this member (a page fragment that shows their records and published
    content, nothing else), stored behind the member's and the content's tokens."""
    if not change_tokens.shared():
        return render()
    key = f"cme:member-rendering:{member_pk}:" + hashlib.sha256(name.encode()).hexdigest()
    return change_tokens.kept(key, [_token_key(member_pk), content_version.KEY], render, ANSWER_TTL)
