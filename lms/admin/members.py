from django.contrib import messages
from django.shortcuts import redirect
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import ObjectList
from wagtail.snippets.views.snippets import SnippetViewSet

from content.refusals import Refused

from ..models import Member
from ..services import account_email


class MemberAdminForm(WagtailAdminModelForm):
    """The account is chosen when the member is added; the e-mail then follows the account rule
    (`lms.services.account_email`), the same as through the API and the import."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].help_text = "Leave blank to use the account's e-mail."
        if self.instance.pk:
            self.fields["user"].disabled = True
            self.fields["user"].help_text = "A member keeps the account it was added with."
            waiting = account_email.pending_change(self.instance)
            if waiting is not None:
                self.fields["email"].help_text = f"{waiting.email} waits for the member's confirmation."

    def clean(self):
        cleaned_data = super().clean()
        user = cleaned_data.get("user")
        if user is None:
            return cleaned_data
        member = self.instance if self.instance.pk else None
        self.requested_email = cleaned_data.get("email") or user.email
        try:
            if member is None:
                account_email.check_available(user.email)
            if account_email.change_outcome(user, self.requested_email) != account_email.UNCHANGED:
                account_email.check_available(self.requested_email, member)
        except Refused as refusal:
            self.add_error("email", refusal.message)
        # The member holds its account's address until the rule writes the new one on save.
        cleaned_data["email"] = user.email
        return cleaned_data

    def save(self, commit=True):
        member = super().save(commit=commit)
        if commit:
            account_email.change_email(member, self.requested_email)
        return member


class MemberViewSet(SnippetViewSet):
    model = Member
    icon = "group"
    menu_label = "Members"
    menu_order = 320
    add_to_admin_menu = True
    list_display = ["member_id", "last_name", "first_name", "degree", "membership_status", "membership_expires_on"]
    list_filter = ["degree", "membership_status"]
    search_fields = ["member_id", "first_name", "last_name", "npi", "email"]
    edit_handler = ObjectList(Member.panels, base_form_class=MemberAdminForm)


def refuse_an_address_another_member_has(request, user):
    """Wagtail's user settings (superusers only) change any account's e-mail, but not to one
    another member holds: the member's copy of the address must stay unique."""
    if request.method != "POST":
        return None
    member = Member.objects.filter(user=user).first()
    email = request.POST.get("email", "")
    if member is None or account_email.same_address(email, user.email):
        return None
    if account_email.email_owner(email, exclude=member) is not None:
        messages.error(request, account_email.TAKEN)
        return redirect(request.path)
    return None


def keep_the_members_copy_of_the_address(request, user):
    member = Member.objects.select_related("user").filter(user=user).first()
    if member is not None and member.email != member.user.email:
        account_email.write(member, member.user.email)
