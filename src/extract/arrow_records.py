"""Record dataclasses as Arrow data and back, so per-document results can be kept in Parquet.

The Arrow type of a record is derived from its type hints by one generic mechanism (str, int, float, bool,
date, datetime, a closed vocabulary (StrEnum, as its string), `X | None`, `list[X]`, `tuple[X, ...]`,
`dict[str, X]`, nested dataclasses), so a field added to `extract.records` needs no change here. Values round-trip exactly: `from_arrow(to_arrow(x)) == x`.
"""
from __future__ import annotations

import dataclasses
import types
import typing
from datetime import date, datetime
from enum import StrEnum
from functools import lru_cache
from typing import Any, Callable

import pyarrow as pa

_SCALARS: dict[type, pa.DataType] = {
    str: pa.string(),
    int: pa.int64(),
    float: pa.float64(),
    bool: pa.bool_(),
    date: pa.date32(),
    datetime: pa.timestamp("us", tz="UTC"),
}


def arrow_type(hint: Any) -> pa.DataType:
    """The Arrow type that holds values of a Python type hint (nullability is Arrow's default)."""
    hint = _strip_optional(hint)
    if hint in _SCALARS:
        return _SCALARS[hint]
    if _is_str_enum(hint):
        return pa.string()
    if dataclasses.is_dataclass(hint):
        return pa.struct([pa.field(name, arrow_type(h)) for name, h in record_fields(hint)])
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is list:
        return pa.list_(arrow_type(args[0]))
    if origin is tuple:
        return pa.struct([pa.field(f"f{i}", arrow_type(a)) for i, a in enumerate(args)])
    if origin is dict and args[0] is str:
        return pa.map_(pa.string(), arrow_type(args[1]))
    raise TypeError(f"no Arrow type for {hint!r}; extend extract.arrow_records")


def to_arrow(value: Any, hint: Any) -> Any:
    """A Python value as the plain structure pyarrow builds `arrow_type(hint)` from."""
    return _writer(hint)(value)


def from_arrow(value: Any, hint: Any) -> Any:
    """The Python value back from what `pa.Table.to_pylist()` gives for `arrow_type(hint)`."""
    return _reader(hint)(value)


def _same(value: Any) -> Any:
    return value


# The conversions are compiled once per type hint into nested functions: the cache saves and loads
# millions of values, and deciding what each hint means again for every value was most of their cost.
@lru_cache(maxsize=None)
def _writer(hint: Any) -> Callable[[Any], Any]:
    hint = _strip_optional(hint)
    if hint in _SCALARS or _is_str_enum(hint):  # an enum member of a closed vocabulary is its string
        return _same
    if dataclasses.is_dataclass(hint):
        plain = [name for name, h in record_fields(hint) if _writer(h) is _same]
        nested = [(name, _writer(h)) for name, h in record_fields(hint) if _writer(h) is not _same]

        def write_record(value: Any) -> Any:
            if value is None:
                return None
            row = {name: getattr(value, name) for name in plain}
            for name, write in nested:
                row[name] = write(getattr(value, name))
            return row
        return write_record
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is list:
        item = _writer(args[0])
        return lambda value: None if value is None else [item(v) for v in value]
    if origin is tuple:
        items = [(f"f{i}", _writer(a)) for i, a in enumerate(args)]
        return lambda value: None if value is None else {k: w(v) for (k, w), v in zip(items, value)}
    if origin is dict:
        item = _writer(args[1])
        return lambda value: None if value is None else [(k, item(v)) for k, v in value.items()]
    raise TypeError(f"no Arrow type for {hint!r}")


@lru_cache(maxsize=None)
def _reader(hint: Any) -> Callable[[Any], Any]:
    hint = _strip_optional(hint)
    if hint in _SCALARS:
        return _same
    if _is_str_enum(hint):
        return lambda value: None if value is None else hint(value)
    if dataclasses.is_dataclass(hint):
        cls = hint
        plain = [name for name, h in record_fields(cls) if _reader(h) is _same]
        nested = [(name, _reader(h)) for name, h in record_fields(cls) if _reader(h) is not _same]

        def read_record(value: Any) -> Any:
            if value is None:
                return None
            fields = {name: value.get(name) for name in plain}
            for name, read in nested:
                fields[name] = read(value.get(name))
            return cls(**fields)
        return read_record
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is list:
        item = _reader(args[0])
        if item is _same:
            return _same
        return lambda value: None if value is None else [item(v) for v in value]
    if origin is tuple:
        items = [(f"f{i}", _reader(a)) for i, a in enumerate(args)]
        return lambda value: None if value is None else tuple(r(value[k]) for k, r in items)
    if origin is dict:
        item = _reader(args[1])
        return lambda value: None if value is None else {k: item(v) for k, v in value}
    raise TypeError(f"no Arrow type for {hint!r}")


@lru_cache(maxsize=None)
def record_fields(cls: type) -> tuple[tuple[str, Any], ...]:
    """(name, resolved type hint) of a dataclass's fields, in order."""
    hints = typing.get_type_hints(cls)
    return tuple((f.name, hints[f.name]) for f in dataclasses.fields(cls))


def _is_str_enum(hint: Any) -> bool:
    return isinstance(hint, type) and issubclass(hint, StrEnum)


def _strip_optional(hint: Any) -> Any:
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(args) == 1:
            return args[0]
        raise TypeError(f"no Arrow type for the union {hint!r}")
    return hint
