"""Bulk writes: COPY on PostgreSQL, bulk_create elsewhere, with historical timestamps kept."""

import contextlib
import itertools
import time

from .society import BATCH, report


class Writer:
    """Inserts generated rows with their historical times, one table at a time, and reports each."""

    def __init__(self, stdout, copy):
        self.stdout, self.copy = stdout, copy
        self.models = []

    def __call__(self, model, columns, rows):
        began = time.perf_counter()
        count = (self._copy if self.copy else self._bulk_create)(model, columns, rows)
        self.models.append(model)
        report(self.stdout, str(model._meta.verbose_name_plural), began, count)
        return count

    def _copy(self, model, columns, rows):
        from django.db import connection, models
        from psycopg.types.json import Jsonb

        fields = [model._meta.get_field(name) for name in columns]
        json_at = [n for n, field in enumerate(fields) if isinstance(field, models.JSONField)]
        quote = connection.ops.quote_name
        table = f"{quote(model._meta.db_table)} ({', '.join(quote(f.column) for f in fields)})"
        count = 0
        with (
            connection.cursor() as cursor,
            checked_after_load(cursor, model._meta.db_table),
            cursor.copy(f"COPY {table} FROM STDIN (FORMAT BINARY)") as copy,
        ):
            # Binary spares both sides formatting and parsing text; "numeric(5, 2)" is a numeric.
            copy.set_types([field.db_type(connection).split("(")[0] for field in fields])
            for row in rows:
                if json_at:
                    row = list(row)
                    for n in json_at:
                        row[n] = Jsonb(row[n])
                copy.write_row(row)
                count += 1
        return count

    def _bulk_create(self, model, columns, rows):
        count = 0
        with historical_stamps(model):
            while batch := list(itertools.islice(rows, BATCH)):
                model.objects.bulk_create(model(**dict(zip(columns, row, strict=True))) for row in batch)
                count += len(batch)
        return count

    def reset_sequences(self):
        """Explicit ids leave PostgreSQL's sequences behind; the next row a site adds must not collide."""
        from django.core.management.color import no_style
        from django.db import connection

        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), self.models):
                cursor.execute(statement)


@contextlib.contextmanager
def checked_after_load(cursor, table):
    """Load the table the way pg_restore does: drop its foreign keys, unique constraints and
    plain indexes, load, then add each back inside the same transaction. Adding a constraint
    checks every loaded row in one pass (a join for a foreign key, a sorted build for a unique
    index), where keeping it would check each row as it arrives (a locking lookup per row and
    key). No row is committed unchecked: a violation fails the whole load. Primary keys and
    check constraints stay in force throughout; a unique index another table's foreign key
    rests on stays too."""
    cursor.execute(
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint"
        " WHERE conrelid = %s::regclass AND (contype = 'f'"
        " OR contype = 'u' AND conindid NOT IN (SELECT conindid FROM pg_constraint WHERE contype = 'f'))"
        " ORDER BY contype DESC, conname",
        [table],
    )
    constraints = cursor.fetchall()
    cursor.execute(
        "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = %s"
        " AND indexname::regclass NOT IN (SELECT conindid FROM pg_constraint WHERE conindid <> 0)",
        [table],
    )
    indexes = cursor.fetchall()
    quoted = f'"{table}"'
    for name, _ in constraints:
        cursor.execute(f'ALTER TABLE {quoted} DROP CONSTRAINT "{name}"')
    for name, _ in indexes:
        cursor.execute(f'DROP INDEX "{name}"')
    yield
    for _, definition in indexes:
        cursor.execute(definition)
    for name, definition in constraints:
        cursor.execute(f'ALTER TABLE {quoted} ADD CONSTRAINT "{name}" {definition}')


@contextlib.contextmanager
def historical_stamps(model):
    """Let bulk_create keep the past times it is given instead of stamping auto_now fields with the present."""
    fields = [
        f for f in model._meta.concrete_fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    saved = [(field.auto_now, field.auto_now_add) for field in fields]
    for field in fields:
        field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, (auto_now, auto_now_add) in zip(fields, saved, strict=True):
            field.auto_now, field.auto_now_add = auto_now, auto_now_add
