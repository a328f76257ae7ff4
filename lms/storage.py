"""Where certificate PDFs live: a storage of their own, outside the public media root.

A certificate carries a learner's name, degree and credit, so its file is never given a URL:
the learner's download and the portal API read it through views that check who asks. The
storage is the one named `cme_private` in settings.STORAGES (docs/install.md); the system
check below refuses a configuration that would put it where a web server publishes files.
"""

from pathlib import Path

from django.conf import settings
from django.core import checks
from django.core.files.storage import FileSystemStorage, InvalidStorageError, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty

PRIVATE_STORAGE = "cme_private"


class PrivateFileSystemStorage(FileSystemStorage):
    """Files on disk with no URL: a template or admin that asks for one fails instead of publishing it."""

    def url(self, name):
        raise ValueError(f"{name} is in private storage and has no URL; serve it through a view that checks access.")


class _PrivateStorage(LazyObject):
    # Looked up on first use, not when the models load, so a missing setting is reported by
    # the system check with its fix rather than as an import error.
    def _setup(self):
        self._wrapped = storages[PRIVATE_STORAGE]


private_storage = _PrivateStorage()


def certificate_storage():
    """The certificate file field's storage (a callable, so migrations name it, not its settings)."""
    return private_storage


@receiver(setting_changed)
def _storages_changed(setting, **kwargs):
    if setting == "STORAGES":
        private_storage._wrapped = empty


def _inside(path, root):
    path, root = Path(path).resolve(), Path(root).resolve()
    return path == root or root in path.parents


@checks.register(checks.Tags.security)
def check_private_storage(app_configs, **kwargs):
    try:
        storage = storages[PRIVATE_STORAGE]
    except InvalidStorageError:
        return [
            checks.Error(
                f"settings.STORAGES has no {PRIVATE_STORAGE!r} storage; certificate PDFs need one that no web "
                "server publishes.",
                hint=f'Add "{PRIVATE_STORAGE}": {{"BACKEND": "lms.storage.PrivateFileSystemStorage", '
                '"OPTIONS": {"location": "/srv/cme/private"}} (docs/install.md).',
                id="lms.E001",
            )
        ]
    if not isinstance(storage, FileSystemStorage):
        return []
    public = {"MEDIA_ROOT": settings.MEDIA_ROOT, "STATIC_ROOT": getattr(settings, "STATIC_ROOT", None)}
    return [
        checks.Error(
            f"The {PRIVATE_STORAGE!r} storage ({storage.location}) lies inside {name} ({root}), which is served "
            "to anyone; certificate PDFs would be public.",
            hint="Give it a location outside MEDIA_ROOT and STATIC_ROOT.",
            id="lms.E002",
        )
        for name, root in public.items()
        if root and _inside(storage.location, root)
    ]
