"""Bills of materials from a table (CSV or Excel rows): one line per material, nested by parent.

The file is read by the caller (CLI or web); here the rows become the ``materials`` list of a
GOOD.json document, all or nothing, and a bad cell is named by its row and column.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from pydantic import ValidationError

from eslabon.domain.errors import InputError
from eslabon.domain.origin.model import MaterialIn

COLUMNS = (
    "id",
    "parent_id",
    "description",
    "hs_code",
    "origin_country",
    "originating",
    "value",
    "quantity",
    "supplier",
    "self_produced",
    "high_wage",
    "metal",
)
REQUIRED = ("id", "originating", "value")
_TRUE = {"true", "yes", "si", "sí", "1", "y"}
_FALSE = {"false", "no", "0", "n"}


def materials_from_rows(rows: Iterable[Sequence[Any]], source: str) -> list[dict[str, Any]]:
    """Turn a header row and data rows into GOOD.json ``materials`` (a list of dicts).

    Row numbers count the header as row 1, as a spreadsheet shows them.
    """
    iterator = iter(rows)
    header = [str(cell).strip().lower() if cell is not None else "" for cell in next(iterator, [])]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise InputError(f"{source} row 1", f"missing column(s): {', '.join(missing)}")
    unknown = [c for c in header if c and c not in COLUMNS]
    if unknown:
        raise InputError(f"{source} row 1", f"unknown column(s): {', '.join(unknown)}")
    lines: list[tuple[int, dict[str, Any]]] = []
    for number, row in enumerate(iterator, start=2):
        cells = {name: _clean(row[i]) for i, name in enumerate(header) if name and i < len(row)}
        if all(value is None for value in cells.values()):
            continue
        lines.append((number, _material(cells, f"{source} row {number}")))
    return _nest(lines, source)


def _clean(cell: Any) -> Any:
    if cell is None:
        return None
    if isinstance(cell, str):
        cell = cell.strip()
        return cell or None
    return cell


def _material(cells: dict[str, Any], where: str) -> dict[str, Any]:
    data = {k: v for k, v in cells.items() if v is not None and k != "parent_id"}
    data["parent_id"] = cells.get("parent_id")
    for flag in ("self_produced", "high_wage"):
        if flag in data:
            data[flag] = _boolean(data[flag], f'{where}, column "{flag}"')
    if "originating" in data and isinstance(data["originating"], str):
        text = data["originating"].lower()
        data["originating"] = True if text in _TRUE else False if text in _FALSE else text
    for text_column in ("id", "hs_code", "supplier", "description", "parent_id"):
        if data.get(text_column) is not None:
            data[text_column] = str(data[text_column])
    body = {k: v for k, v in data.items() if k != "parent_id"}
    try:
        MaterialIn.model_validate(body)
    except ValidationError as error:
        first = error.errors()[0]
        column = first["loc"][0] if first["loc"] else "?"
        raise InputError(f'{where}, column "{column}"', first["msg"]) from error
    return data


def _boolean(value: Any, where: str) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise InputError(where, f"expected yes or no, got {value!r}")


def _nest(lines: list[tuple[int, dict[str, Any]]], source: str) -> list[dict[str, Any]]:
    by_id: dict[str, dict[str, Any]] = {}
    for number, line in lines:
        if line["id"] in by_id:
            raise InputError(f'{source} row {number}, column "id"', f"duplicate id {line['id']!r}")
        line["materials"] = []
        by_id[line["id"]] = line
    roots = []
    for number, line in lines:
        parent = line.pop("parent_id")
        if parent is None:
            roots.append(line)
        elif parent not in by_id or parent == line["id"]:
            raise InputError(
                f'{source} row {number}, column "parent_id"', f"no material {parent!r}"
            )
        else:
            by_id[parent]["materials"].append(line)
    if len(_reachable(roots)) != len(lines):
        raise InputError(f'{source}, column "parent_id"', "parent links form a cycle")
    return roots


def _reachable(roots: list[dict[str, Any]]) -> list[str]:
    out: list[str] = []
    stack = list(roots)
    while stack:
        node = stack.pop()
        out.append(node["id"])
        stack.extend(node["materials"])
    return out
