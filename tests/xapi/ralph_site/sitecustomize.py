"""Read by the test's Ralph processes at start (their PYTHONPATH names this folder).

Ralph's file-system backend is made for one-off writes: each POST to its LRS opens the one
statements file in "create" mode, so every POST after the first fails with a 500. The tests need
a store that keeps taking statements, so its writes append instead; Ralph's own validation,
deduplication by statement id and queries are untouched.
"""

from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend

FSLRSBackend.default_operation_type = BaseOperationType.APPEND
