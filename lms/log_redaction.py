"""A logging filter that keeps members' personal data out of the logs.

Messages and tracebacks can carry values from a request: a database error quotes the duplicate
key (`Key (npi)=(1234567893) already exists`), a library repeats an address it refused. Logs are
kept longer and seen by more people than the member records, so e-mail addresses and ten-digit
numbers (the NPI's shape) are masked in every record before any handler writes it.
"""

import logging
import re

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
TEN_DIGITS = re.compile(r"(?<!\d)\d{10}(?!\d)")


def redact(text):
    return TEN_DIGITS.sub("[10 digits]", EMAIL.sub("[e-mail]", text))


class RedactPersonalData(logging.Filter):
    def filter(self, record):
        record.msg = redact(record.getMessage())
        record.args = None
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True
