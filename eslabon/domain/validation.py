"""Parse plain JSON-like data into typed models, reporting errors by JSON path.

The engines take pydantic models at their edge because pydantic reports every
error with its location; here that location becomes a JSON path the user can follow.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from eslabon.domain.errors import InputError

ModelT = TypeVar("ModelT", bound=BaseModel)
T = TypeVar("T")


def json_path(location: Sequence[int | str], root: str = "$") -> str:
    """Render a pydantic error location as a JSON path: ``$.sites[2].lat``."""
    path = root
    for part in location:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}"
    return path


def _first_error(error: ValidationError, root: str) -> InputError:
    first = error.errors()[0]
    location = [part for part in first["loc"] if not _is_union_tag(part)]
    return InputError(json_path(location, root), first["msg"])


def _is_union_tag(part: int | str) -> bool:
    # pydantic inserts the member type name ("int", "str", "function-after[...]") into
    # the location of union members; it is not part of the user's document.
    return isinstance(part, str) and ("[" in part or part in {"int", "str", "float", "bool"})


def parse_model(model: type[ModelT], data: Any, root: str = "$") -> ModelT:
    """Validate ``data`` as ``model`` or raise InputError naming the JSON path."""
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise _first_error(error, root) from error


def parse_as(kind: type[T], data: Any, root: str = "$") -> T:
    """Validate ``data`` against any type pydantic understands (e.g. ``list[Model]``)."""
    try:
        return TypeAdapter(kind).validate_python(data)
    except ValidationError as error:
        raise _first_error(error, root) from error
