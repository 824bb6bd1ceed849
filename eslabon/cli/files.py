"""Reading the JSON files that the engine commands take, with errors that name the file."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from eslabon.domain.errors import InputError


def read_json(path: str | Path, *, decimals: bool = False) -> Any:
    """Parse a UTF-8 JSON file; a syntax error names the file, line and column.

    With ``decimals`` every JSON number with a fraction becomes an exact Decimal (money).
    """
    source = Path(path)
    try:
        text = source.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise InputError(str(source), f"not UTF-8 text ({error.reason})") from error
    try:
        return json.loads(text, parse_float=Decimal if decimals else None)
    except json.JSONDecodeError as error:
        raise InputError(
            f"{source}:{error.lineno}:{error.colno}", f"invalid JSON: {error.msg}"
        ) from error


def in_file(path: str | Path, error: InputError) -> InputError:
    """Prefix a JSON-path error with the file it came from."""
    return InputError(f"{path} {error.where}", error.message)
