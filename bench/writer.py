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
        with connection.cursor() as cursor, plain_indexes_built_after(cursor, model._meta.db_table):
            with cursor.copy(f"COPY {table} FROM STDIN (FORMAT BINARY)") as copy:
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
def plain_indexes_built_after(cursor, table):
    """Drop the table's indexes that enforce nothing (not unique, so no key or constraint rests on
    them) for the load and build each again after it, inside the same transaction: PostgreSQL
    builds an index from sorted rows far faster than it grows one row by row. Primary keys,
    unique constraints and foreign keys stay in force throughout."""
    cursor.execute(
        "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = %s",
        [table],
    )
    plain = [(name, definition) for name, definition in cursor.fetchall() if not definition.startswith("CREATE UNIQUE")]
    for name, _ in plain:
        cursor.execute(f'DROP INDEX "{name}"')
    yield
    for _, definition in plain:
        cursor.execute(definition)


@contextlib.contextmanager
def historical_stamps(model):
    """Let bulk_create keep the past times it is given instead of stamping auto_now fields with the present."""
    fields = [f for f in model._meta.concrete_fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)]
    saved = [(field.auto_now, field.auto_now_add) for field in fields]
    for field in fields:
        field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, (auto_now, auto_now_add) in zip(fields, saved, strict=True):
            field.auto_now, field.auto_now_add = auto_now, auto_now_add
