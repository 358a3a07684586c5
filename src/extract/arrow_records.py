"""Record dataclasses as Arrow data and back, so per-document results can be kept in Parquet.

The Arrow type of a record is derived from its type hints by one generic mechanism (str, int, float, bool,
date, datetime, `X | None`, `list[X]`, `tuple[X, ...]`, `dict[str, X]`, nested dataclasses), so a field
added to `extract.records` needs no change here. Values round-trip exactly: `from_arrow(to_arrow(x)) == x`.
"""
from __future__ import annotations

import dataclasses
import types
import typing
from datetime import date, datetime
from functools import lru_cache
from typing import Any

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
    hint = _strip_optional(hint)
    if value is None or hint in _SCALARS:
        return value
    if dataclasses.is_dataclass(hint):
        return {name: to_arrow(getattr(value, name), h) for name, h in record_fields(hint)}
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is list:
        return [to_arrow(v, args[0]) for v in value]
    if origin is tuple:
        return {f"f{i}": to_arrow(v, a) for i, (v, a) in enumerate(zip(value, args))}
    if origin is dict:
        return [(k, to_arrow(v, args[1])) for k, v in value.items()]
    raise TypeError(f"no Arrow type for {hint!r}")


def from_arrow(value: Any, hint: Any) -> Any:
    """The Python value back from what `pa.Table.to_pylist()` gives for `arrow_type(hint)`."""
    hint = _strip_optional(hint)
    if value is None or hint in _SCALARS:
        return value
    if dataclasses.is_dataclass(hint):
        return hint(**{name: from_arrow(value.get(name), h) for name, h in record_fields(hint)})
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is list:
        return [from_arrow(v, args[0]) for v in value]
    if origin is tuple:
        return tuple(from_arrow(value[f"f{i}"], a) for i, a in enumerate(args))
    if origin is dict:
        return {k: from_arrow(v, args[1]) for k, v in value}
    raise TypeError(f"no Arrow type for {hint!r}")


@lru_cache(maxsize=None)
def record_fields(cls: type) -> tuple[tuple[str, Any], ...]:
    """(name, resolved type hint) of a dataclass's fields, in order."""
    hints = typing.get_type_hints(cls)
    return tuple((f.name, hints[f.name]) for f in dataclasses.fields(cls))


def _strip_optional(hint: Any) -> Any:
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(args) == 1:
            return args[0]
        raise TypeError(f"no Arrow type for the union {hint!r}")
    return hint
