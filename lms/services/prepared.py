"""A read query compiled once per process and run with a different record id each time.

Django rebuilds and recompiles a queryset's SQL on every evaluation. For the progress queries,
with a dozen correlated subqueries, that compilation costs more than the database takes to run
them. A PreparedQuery compiles its queryset once with a placeholder id, then substitutes the id
in the parameters and lets Django's own converters turn the rows into Python values.
"""

from django.db import connections

PLACEHOLDER = -918_273_645  # never a primary key: they are positive


class PreparedQuery:
    def __init__(self, build, using="default"):
        """`build(placeholder)` returns a values() queryset filtered on the placeholder id."""
        self.build = build
        self.using = using
        self._compiled = None

    def _compile(self):
        if self._compiled is None:
            queryset = self.build(PLACEHOLDER)
            compiler = queryset.query.get_compiler(using=self.using)
            sql, params = compiler.as_sql()
            if PLACEHOLDER not in params:
                raise ValueError("the prepared queryset does not filter on the placeholder id")
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
            self._compiled = (compiler, sql, tuple(params), names)
        return self._compiled

    def rows(self, record_id):
        """The rows for `record_id`, as dicts of the values() names."""
        compiler, sql, params, names = self._compile()
        params = [record_id if value == PLACEHOLDER else value for value in params]
        with connections[self.using].cursor() as cursor:
            cursor.execute(sql, params)
            fetched = cursor.fetchall()
        return [dict(zip(names, row)) for row in compiler.results_iter(results=[fetched])]
