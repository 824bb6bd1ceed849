"""Errors raised by the domain core.

Every error names the place at fault (a JSON path, a file row and column) so that the
CLI and the web layer can show it to the person who can fix the input.
"""

from __future__ import annotations


class DomainError(Exception):
    """Base of every error the domain raises on purpose."""


class InputError(DomainError):
    """Input that does not follow its documented format.

    `where` is a JSON path such as ``$.materials[3].value`` or a location such as
    ``suppliers.csv row 12, column "rfc"``.
    """

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}")
        self.where = where
        self.message = message
