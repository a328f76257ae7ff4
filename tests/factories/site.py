from courses.curriculum import LoadReport


def make_home():
    """The demo site's home page (imported here: host-site tests use the factories without cme_site)."""
    from cme_site.home import ensure_home_page

    return ensure_home_page(LoadReport())
