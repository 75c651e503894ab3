"""Model instances from a hand-written SQL query, as the ORM would load them.

For the hottest reads only: composing a query of several joined tables with the ORM costs
many times what running it does (docs/performance.md). The SQL names its columns with
`columns()`; `instance()` turns the row's values into a model instance, each value converted
as the ORM converts it (a JSON column decoded, SQLite's text dates parsed, decimals), the
columns not read deferred (read on first use, as with `only()`). `values()` reads columns of
one table as `values_list()` would."""

from functools import cache

from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.models import DEFERRED, Field, Model

from core.local_cache import LocalCache
from core.sql import prepared_cursor

# Ids are bigint columns: a value outside (0, 2**63) is no row's id, and binding it would fail
# on SQLite ("Python int too large") rather than find nothing.
_BIGINT = 2**63


def is_row_id(value: int) -> bool:
    """Whether `value` could be the id of a row: a hand-written read refuses any other value
    before binding it, as the ORM's own lookups find nothing for it."""
    return 0 < value < _BIGINT


@cache
def fields_of(model: type[Model], *, skip: tuple[str, ...] = ()) -> tuple[Field, ...]:
    """The model's concrete fields but `skip` (attribute names), in the table's order."""
    return tuple(f for f in model._meta.concrete_fields if f.name not in skip)


@cache
def fields_named(model: type[Model], *names: str) -> tuple[Field, ...]:
    """These fields of the model (attribute or column names), in this order: the columns a
    read needs, the others deferred."""
    return tuple(model._meta.get_field(name) for name in names)


def columns(alias: str, fields: tuple[Field, ...]) -> str:
    """The SELECT list of these fields for a table named `alias` in the query."""
    quote = connection.ops.quote_name
    return ", ".join(f"{alias}.{quote(f.column)}" for f in fields)


def instance(model: type[Model], fields: tuple[Field, ...], values) -> Model:
    """An instance of `model` from the values of `fields` (a slice of the row, in order)."""
    db = connections[DEFAULT_DB_ALIAS]  # the thread's own, looked up once
    attnames, slots, deferred = _plan(db.ops, model, fields)
    loaded = list(deferred)
    for (position, expression, converters), value in zip(slots, values, strict=True):
        if value is not None:
            for convert in converters:
                value = convert(value, expression, db)
        loaded[position] = value
    return model.from_db(db.alias, attnames, loaded)


# By the identity of the connection's `ops` and of the fields' tuple (`fields_of` and
# `fields_named` make each once): hashing every field of the tuple on each call cost more than
# the rest. Each entry holds both, so neither id can be reused while it is kept; bounded, as
# each thread's connection has its own `ops`.
_PLANS = LocalCache(max_entries=256)


def _plan(ops, model: type[Model], fields: tuple[Field, ...]) -> tuple:
    entry = _PLANS.get((id(ops), id(fields)))
    if entry is None or entry[0] is not ops or entry[1] is not fields:
        entry = (ops, fields, _plan_make(ops, model, fields))
        _PLANS.set((id(ops), id(fields)), entry)
    return entry[2]


def _plan_make(ops, model: type[Model], fields: tuple[Field, ...]) -> tuple:
    """Worked out once per model and columns: every field's name, where each column read goes
    and what the ORM applies to its values on this connection (`ops` is the connection's own,
    so each thread's connection gets its own converters), and the list of values to start
    from, every column not read deferred (read on first use, as with `only()`)."""
    every = model._meta.concrete_fields
    position = {f.attname: i for i, f in enumerate(every)}
    slots = []
    for field in fields:
        expression = field.cached_col
        converters = ops.get_db_converters(expression) + field.get_db_converters(ops.connection)
        slots.append((position[field.attname], expression, tuple(converters)))
    return [f.attname for f in every], tuple(slots), (DEFERRED,) * len(every)


def instances(row, parts) -> list[Model | None]:
    """The row cut into one instance per `(model, fields)` of `parts`, in order (the columns
    of `columns()` for each); None for a model whose id is NULL (an outer join that found
    nothing). Columns after the last part are left to the caller."""
    made, start = [], 0
    for model, fields in parts:
        values = row[start : start + len(fields)]
        start += len(fields)
        made.append(None if values[0] is None else instance(model, fields, values))
    return made


_VALUES = "SELECT {columns} FROM {table} t WHERE {where}"


def values(model: type[Model], names: tuple[str, ...], where: str, params) -> list[tuple]:
    """The `names` columns of the model's rows that match `where` (SQL on the table, aliased
    `t`, with placeholders for `params`), each value converted as `values_list()` converts
    it."""
    fields = fields_named(model, *names)
    sql = _VALUES.format(columns=columns("t", fields), table=model._meta.db_table, where=where)
    with prepared_cursor() as cursor:
        cursor.execute(sql, params)
        found = cursor.fetchall()
    db = connections[DEFAULT_DB_ALIAS]
    _attnames, slots, _deferred = _plan(db.ops, model, fields)
    converted = []
    for row in found:
        out = []
        for (_position, expression, converters), value in zip(slots, row, strict=True):
            if value is not None:
                for convert in converters:
                    value = convert(value, expression, db)
            out.append(value)
        converted.append(tuple(out))
    return converted
