"""The demo site's home page, in place of the placeholder a new Wagtail install starts with.

The plugin builds its catalog under whatever root page the default site has (courses.curriculum);
this is only the demo site's choice of that page."""

from django.db import transaction
from wagtail.models import Site

from cme_site.models import HomePage
from courses.curriculum import LoadReport
from courses.models.base import Page

WELCOME = "Welcome to the CME learning site"


@transaction.atomic
def ensure_home_page(report):
    """Return the default site's home page, replacing Wagtail's placeholder page if that is all there is."""
    site = Site.objects.select_related("root_page").filter(is_default_site=True).first()
    if site is not None and not _is_placeholder(site.root_page):
        return site.root_page.specific
    tree_root = Page.get_first_root_node()
    home = HomePage.objects.first()
    if home is None:
        home = HomePage(
            title=WELCOME,
            slug="cme-home",
            live=False,
            intro="Self-paced continuing medical education with AMA PRA Category 1 Credit™.",
        )
        tree_root.add_child(instance=home)
        home.save_revision(log_action=True).publish()
        report.created.append("home page")
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="CME")
    else:
        placeholder = site.root_page
        site.root_page = home
        site.save(update_fields=["root_page"])
        placeholder.delete()
    return home


def _is_placeholder(page):
    """Wagtail's install page: a bare Page with no children."""
    return page.specific_class is Page and page.is_leaf()


def ensure_home_page_after_migrate(sender, using="default", **kwargs):
    """The demo site opens on its own home page from the first `migrate`, before any curriculum is loaded.

    Skipped while the page tree has no root (a database being emptied between tests).
    """
    if using == "default" and Page.get_first_root_node() is not None:
        ensure_home_page(LoadReport())
