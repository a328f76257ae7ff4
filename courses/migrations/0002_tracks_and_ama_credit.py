from django.db import migrations

TRACKS = [
    ("ipm-fundamentals", "IPM fundamentals", "Interventional pain management: assessment, procedures and referral."),
    ("cancer-rehabilitation", "Cancer rehabilitation and prehabilitation", "Function and pain across cancer treatment and survivorship."),
    ("opioid-sparing-pain-care", "Opioid-sparing pain care", "Multimodal, non-opioid and interventional options for pain."),
]


def seed(apps, schema_editor):
    Track = apps.get_model("cme_courses", "Track")
    CreditType = apps.get_model("cme_courses", "CreditType")
    for slug, name, description in TRACKS:
        Track.objects.get_or_create(slug=slug, defaults={"name": name, "description": description})
    CreditType.objects.get_or_create(
        code="ama-pra-category-1",
        defaults={"name": "AMA PRA Category 1 Credit™", "unit": "credits", "hour_based": True},
    )


class Migration(migrations.Migration):
    dependencies = [("cme_courses", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
