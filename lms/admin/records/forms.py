from django import forms

from courses.models import CoursePage
from quizzes.models import Quiz

from ...models import Member

REASON_HELP = "Kept with the record and in the audit log."


def reason_field(label):
    return forms.CharField(
        label=label, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}), help_text=REASON_HELP
    )


class MemberIdField(forms.CharField):
    """A society member id, cleaned to the Member it names."""

    def __init__(self, **kwargs):
        super().__init__(label="Member id", max_length=64, **kwargs)

    def clean(self, value):
        member_id = super().clean(value).strip()
        member = Member.objects.select_related("user").filter(member_id=member_id).first()
        if member is None:
            raise forms.ValidationError(f"No member has the member id {member_id}.")
        return member


class RevokeCertificateForm(forms.Form):
    reason = reason_field("Why is the certificate revoked?")


class GrantAttemptForm(forms.Form):
    # Unlimited quizzes need no grant.
    quiz = forms.ModelChoiceField(queryset=Quiz.objects.filter(max_attempts__gt=0).order_by("title"))
    member = MemberIdField()
    reason = reason_field("Why does the learner get another attempt?")


class ManualCompletionForm(forms.Form):
    course = forms.ModelChoiceField(queryset=CoursePage.objects.order_by("title"), label="Activity")
    member = MemberIdField()
    reason = reason_field("Why is the completion recorded by hand?")


class AnonymizeMemberForm(forms.Form):
    member = MemberIdField()
    reason = reason_field("Why is the member anonymized (e.g. the erasure request it answers)?")
    confirm = forms.BooleanField(
        label="I understand this cannot be undone: the name, identifiers, birth date and e-mail are "
        "erased, the account is closed, and only the credit records stay.",
    )
