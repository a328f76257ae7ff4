"""A read query compiled once per process and run with other ids and times each time.

Django rebuilds and recompiles a queryset's SQL on every evaluation. For the progress queries,
with a dozen correlated subqueries, and for a page of the completions feed, that compilation costs
more than the database takes to run them. A PreparedQuery compiles its queryset once with
placeholder values, then substitutes the values of each call in the parameters (adapted for the
database as the ORM adapts them) and lets Django's own converters turn the rows into Python values.
"""

import datetime

from django.db import connections, models

PLACEHOLDER = -918_273_645  # never a primary key: they are positive
# Never a record's time: the year 1000, with microseconds no clock hands out twice.
PLACEHOLDER_TIME = datetime.datetime(1000, 1, 2, 3, 4, 5, 918_273, tzinfo=datetime.UTC)

_TIME = models.DateTimeField()


def placeholder_ids(count):
    """`count` distinct placeholder ids, for a query filtering on a list of ids of that length."""
    return tuple(PLACEHOLDER - index for index in range(count))


def _for_database(value, connection):
    # As a lookup on a DateTimeField passes a time (naive ones made aware, SQLite's as text).
    if isinstance(value, datetime.datetime):
        return _TIME.get_db_prep_value(value, connection)
    return value


class PreparedQuery:
    def __init__(self, build, using="default", placeholders=(PLACEHOLDER,)):
        """`build(*placeholders)` returns a values() queryset using each placeholder (distinct ids
        and times) in its filters; rows() takes a value for each, in the same order."""
        self.build = build
        self.using = using
        self.placeholders = placeholders
        self._compiled = None

    def _compile(self):
        if self._compiled is None:
            connection = connections[self.using]
            queryset = self.build(*self.placeholders)
            compiler = queryset.query.get_compiler(using=self.using)
            sql, params = compiler.as_sql()
            stand_ins = [_for_database(placeholder, connection) for placeholder in self.placeholders]
            slots = [stand_ins.index(value) if value in stand_ins else None for value in params]
            if set(range(len(stand_ins))) - set(slots):
                raise ValueError("the prepared queryset does not filter on every placeholder")
            query = queryset.query  # the names in row order, as Django's ValuesIterable reads them
            names = (
                list(query.selected)
                if query.selected
                else [
                    *query.extra_select,
                    *query.values_select,
                    *query.annotation_select,
                ]
            )
            self._compiled = (compiler, sql, tuple(params), tuple(slots), names)
        return self._compiled

    def rows(self, *values):
        """The rows for these placeholder values, as dicts of the values() names."""
        compiler, sql, params, slots, names = self._compile()
        connection = connections[self.using]
        values = [_for_database(value, connection) for value in values]
        bound = [param if slot is None else values[slot] for param, slot in zip(params, slots, strict=True)]
        with connection.cursor() as cursor:
            cursor.execute(sql, bound)
            fetched = cursor.fetchall()
        return [dict(zip(names, row)) for row in compiler.results_iter(results=[fetched])]
