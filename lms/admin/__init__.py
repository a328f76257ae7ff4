"""The Wagtail admin of lms: members, portal clients and keys, the CME records screens, and the one
module that registers them all with Wagtail (`lms.admin.hooks`, imported by `lms.wagtail_hooks`).

Django's admin autodiscovery imports this package by its name; nothing here registers with
django.contrib.admin, and this module imports no models, so the users app config (`lms.admin.apps`)
can be loaded while the app registry is still being populated."""
