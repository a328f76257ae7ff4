"""An activity's ACPE registration: the UANs as ACPE writes them, one per participant type."""

import pytest
from django.core.exceptions import ValidationError

from courses.models import AcpeActivity


@pytest.mark.parametrize(
    "pharmacist_uan, technician_uan",
    [
        ("JA0000000-0000-26-001-H01-P", ""),
        ("0798-9999-18-246-L04-P", "0798-9999-18-246-L04-T"),
        ("", "0129-0000-19-012-B05-T"),
    ],
)
def test_uans_as_acpe_assigns_them_are_accepted(pharmacist_uan, technician_uan):
    AcpeActivity(pharmacist_uan=pharmacist_uan, technician_uan=technician_uan).clean()


@pytest.mark.parametrize(
    "values, field, message",
    [
        ({"pharmacist_uan": "JA0000000-0000-26-001-H01"}, "pharmacist_uan", "e.g. JA0000000-0000-26-001-H01-P"),
        ({"pharmacist_uan": "JA000000-0000-26-001-H01-P"}, "pharmacist_uan", "Write the UAN"),
        ({"pharmacist_uan": "0798-0000-26-001-X01-P"}, "pharmacist_uan", "Write the UAN"),
        ({"pharmacist_uan": "0798-0000-26-001-H01-T"}, "pharmacist_uan", "ends in -P"),
        ({"technician_uan": "0798-0000-26-001-H01-P"}, "technician_uan", "ends in -T"),
        ({}, "pharmacist_uan", "Give the UAN"),
    ],
)
def test_a_malformed_or_misplaced_uan_is_refused(values, field, message):
    with pytest.raises(ValidationError) as refused:
        AcpeActivity(**values).clean()
    assert message in " ".join(refused.value.message_dict[field])
