"""The page class our page types extend: Wagtail's Page, or the one a host site swapped in.

A host site that sets WAGTAIL_PAGE_MODEL lists its base page app before `courses` in
INSTALLED_APPS, so the model is registered by the time this module is imported.
"""

import swapper
import wagtail.models  # noqa: F401  registers the default Page before the lookup below

Page = swapper.load_model("wagtailcore", "Page", require_ready=False)
