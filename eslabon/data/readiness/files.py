"""Reading the shipped ``<id>@<version>.json`` readiness files, shared by the loaders."""

from __future__ import annotations

import json
import re
from importlib import resources
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from eslabon.domain.errors import InputError
from eslabon.domain.readiness.model import Text as DomainText

REF_PATTERN = re.compile(r"^(?P<id>[a-z0-9][a-z0-9-]*)@(?P<version>[1-9][0-9]*)$")
PACKAGE = "eslabon.data.readiness"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FileText(Strict):
    es: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def value(self) -> DomainText:
        return DomainText(es=self.es, en=self.en)


def split_ref(ref: str, where: str = "$.questionnaire") -> tuple[str, int]:
    """``automotive-readiness@1`` -> (``automotive-readiness``, 1)."""
    match = REF_PATTERN.match(ref)
    if match is None:
        raise InputError(where, f"{ref!r} is not of the form <id>@<version>")
    return match["id"], int(match["version"])


def read(ref: str) -> Any:
    split_ref(ref)
    resource = resources.files(PACKAGE).joinpath(f"{ref}.json")
    if not resource.is_file():
        raise InputError(ref, "no such readiness data file is shipped")
    return json.loads(resource.read_text(encoding="utf-8"))


def in_file(ref: str, error: InputError) -> InputError:
    return InputError(f"{ref}.json {error.where}", error.message)
