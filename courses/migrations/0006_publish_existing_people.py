"""Existing faculty and their disclosures become live, each with a first revision of what learners see."""

from django.db import migrations

from content.revisions import forget_revisions, publish_existing


def describe(person):
    return f"{person.name}, {person.credentials}" if person.credentials else person.name


def forwards(apps, schema_editor):
    publish_existing(apps, "courses", "person", children=["relationships"], describe=describe)


def backwards(apps, schema_editor):
    forget_revisions(apps, "courses", "person")


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("courses", "0005_person_drafts_and_review"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
