"""The generated society's member rows, column by column as the member table holds them."""

from .import_members import npi_for


def member_email(n, profile):
    return f"{profile.first_name}.{profile.last_name}.{n + 1}@example.org".lower()


MEMBER_COLUMNS = [
    "id",
    "user_id",
    "member_id",
    "first_name",
    "last_name",
    "degree",
    "npi",
    "board_id",
    "birth_month",
    "birth_day",
    "specialty",
    "license_states",
    "license_number",
    "license_report_consent",
    "nabp_eprofile_id",
    "membership_status",
    "membership_expires_on",
    "email",
    "updated_at",
]


def member_rows(profiles, joined, first_user, first_member):
    for n, profile in enumerate(profiles):
        month, day = profile.birthday or (None, None)
        board = f"ABMS{n + 1:07d}" if profile.degree in ("MD", "DO") else ""
        yield (
            first_member + n,
            first_user + n,
            member_number(n),
            profile.first_name,
            profile.last_name,
            profile.degree,
            npi_for(n),
            board,
            month,
            day,
            profile.specialty,
            profile.license_states,
            "",
            False,
            "",
            profile.status,
            profile.expires_on,
            member_email(n, profile),
            joined[n],
        )


def member_number(n):
    return f"M{n + 1:07d}"
