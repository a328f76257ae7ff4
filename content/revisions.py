"""Data-migration support: snippets that gain Wagtail's draft state keep what learners already see.

Rows that existed before the change hold the content learners were shown, so each becomes live
with a first revision of exactly that content, as if it had been published through the admin.
Works on the historical models a migration is given, never on the current ones.
"""

from django.utils import timezone
from modelcluster.models import get_serializable_data_for_fields


def publish_existing(apps, app_label, model_name, children, describe):
    """Give every row of `app_label.model_name` without a live revision one, and mark it live.

    `children` names the inline (ParentalKey) relations stored in the revision; `describe(row)`
    is the label Wagtail shows for the revision.
    """
    content_type_model = apps.get_model("contenttypes", "ContentType")
    revision_model = apps.get_model("wagtailcore", "Revision")
    model = apps.get_model(app_label, model_name)
    content_type, _ = content_type_model.objects.get_or_create(app_label=app_label, model=model_name)
    now = timezone.now()
    for row in model.objects.filter(live_revision__isnull=True).order_by("pk"):
        content = get_serializable_data_for_fields(row)
        content["live"] = True
        for name in children:
            content[name] = [
                get_serializable_data_for_fields(child) for child in getattr(row, name).order_by("sort_order", "pk")
            ]
        revision = revision_model.objects.create(
            content_type=content_type,
            base_content_type=content_type,
            object_id=str(row.pk),
            created_at=now,
            object_str=describe(row),
            content=content,
        )
        model.objects.filter(pk=row.pk).update(
            live=True,
            has_unpublished_changes=False,
            live_revision=revision,
            latest_revision=revision,
            first_published_at=now,
            last_published_at=now,
        )


def forget_revisions(apps, app_label, model_name):
    """Undo `publish_existing`: the revisions of `app_label.model_name` go."""
    content_type_model = apps.get_model("contenttypes", "ContentType")
    revision_model = apps.get_model("wagtailcore", "Revision")
    model = apps.get_model(app_label, model_name)
    content_type = content_type_model.objects.filter(app_label=app_label, model=model_name).first()
    if content_type is None:
        return
    model.objects.update(live_revision=None, latest_revision=None)
    revision_model.objects.filter(base_content_type=content_type).delete()
