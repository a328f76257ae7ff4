from django.db import migrations


def drop_revocation_reasons(apps, schema_editor):
    """Events written before the reason became private carry it; a retry or redelivery would send it."""
    WebhookEvent = apps.get_model("lms", "WebhookEvent")
    for event in WebhookEvent.objects.filter(type="certificate.revoked").only("payload").iterator():
        if "reason" in event.payload:
            del event.payload["reason"]
            event.save(update_fields=["payload"])


class Migration(migrations.Migration):
    dependencies = [
        ("lms", "0005_certificate_pdfs_in_private_storage"),
    ]

    operations = [migrations.RunPython(drop_revocation_reasons, migrations.RunPython.noop)]
