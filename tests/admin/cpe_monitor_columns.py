"""The CPE Monitor participant file as docs/cpe-monitor.md defines it: each column's header, in order,
and the shape every cell of it must have."""

COLUMNS = [
    ("NABP e-Profile ID", r"[0-9]{6,7}"),
    ("Date of Birth (MMDD)", r"(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])"),
    ("UAN", r"(?:[0-9]{4}|JA[0-9]{7})-[0-9]{4}-[0-9]{2}-[0-9]{3}-[HLB][0-9]{2}-[PT]"),
    ("Participation Date", r"(0[1-9]|1[0-2])/(0[1-9]|[12][0-9]|3[01])/[0-9]{4}"),
    ("Participant Type", r"[PT]"),
    ("Contact Hours", r"[0-9]+\.[0-9]{2}"),
    ("CEUs", r"[0-9]+\.[0-9]{3}"),
]
HEADERS = [header for header, _ in COLUMNS]
