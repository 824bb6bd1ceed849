"""Check that the Spanish and English message catalogues are complete and compiled.

Run as ``python -m eslabon.i18n_check`` (CI does). It re-extracts the messages with
Django's makemessages into a scratch copy, fails if the committed catalogues miss a
message, hold an untranslated or fuzzy entry, or if a compiled .mo file is stale.
``python -m eslabon.i18n_check --update`` refreshes the catalogues in place (English
entries are filled with their source text) and compiles them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("es_MX", "en")
MAKEMESSAGES = [
    sys.executable, "-P", "-m", "django", "makemessages", "--no-location", "--no-obsolete",
    "--ignore=.venv/*", "--ignore=bench/*", "--ignore=tests/*", "--ignore=*/tests/*",
] + [f"--locale={language}" for language in LANGUAGES]  # fmt: skip


def _extract(into: Path) -> None:
    """Run makemessages on a scratch copy of the package so the tree is never touched."""
    shutil.copytree(
        ROOT / "eslabon", into / "eslabon", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy(ROOT / "manage.py", into / "manage.py")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "eslabon.settings", "PYTHONPATH": str(into)}
    subprocess.run(MAKEMESSAGES, cwd=into / "eslabon", env=env, check=True, capture_output=True)  # noqa: S603


def _key(entry: polib.POEntry) -> tuple[str, str]:
    return (entry.msgctxt or "", entry.msgid)


def _catalogues(package: Path) -> list[Path]:
    """Every django.po of the package: the project's and those of apps with their own."""
    return sorted(package.glob("**/locale/*/LC_MESSAGES/django.po"))


def check() -> list[str]:
    problems: list[str] = []
    with tempfile.TemporaryDirectory() as scratch:
        _extract(Path(scratch))
        scratch_package = Path(scratch) / "eslabon"
        for fresh_path in _catalogues(scratch_package):
            po_path = ROOT / "eslabon" / fresh_path.relative_to(scratch_package)
            if not po_path.exists():
                problems.append(f"{po_path}: missing")
                continue
            fresh = polib.pofile(str(fresh_path))
            committed = polib.pofile(str(po_path))
            known = {_key(entry) for entry in committed}
            for entry in fresh:
                if _key(entry) not in known:
                    problems.append(f"{po_path}: message not in the catalogue: {entry.msgid!r}")
            for entry in committed:
                if entry.fuzzy or not entry.translated():
                    problems.append(f"{po_path}: untranslated or fuzzy: {entry.msgid!r}")
            problems.extend(_stale_mo(po_path, committed))
            problems.extend(_format_errors(po_path))
    return problems


def _format_errors(po_path: Path) -> list[str]:
    """msgfmt's own check: placeholders of each translation match its source."""
    result = subprocess.run(  # noqa: S603
        ["msgfmt", "--check-format", "-o", os.devnull, str(po_path)],  # noqa: S607
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    return [line for line in result.stderr.splitlines() if "fatal" not in line]


def _stale_mo(po_path: Path, catalogue: polib.POFile) -> list[str]:
    mo_path = po_path.with_suffix(".mo")
    if not mo_path.exists():
        return [f"{mo_path}: not compiled"]
    compiled = {_key(entry): entry.msgstr for entry in polib.mofile(str(mo_path))}
    expected = {_key(entry): entry.msgstr for entry in catalogue.translated_entries()}
    plural = {_key(e) for e in catalogue.translated_entries() if e.msgid_plural}
    stale = [
        key for key, text in expected.items() if key not in plural and compiled.get(key) != text
    ]
    return [f"{mo_path}: stale for {key[1]!r}" for key in stale[:5]]


def update() -> None:
    """Refresh the catalogues from the sources, fill English, and compile."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "eslabon.settings", "PYTHONPATH": str(ROOT)}
    subprocess.run(MAKEMESSAGES, cwd=ROOT / "eslabon", env=env, check=True)  # noqa: S603
    for path in _catalogues(ROOT / "eslabon"):
        if path.parent.parent.name != "en":
            continue
        english = polib.pofile(str(path))
        for entry in english:  # the source text is English: each entry is its own translation
            if entry.msgid_plural:
                entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
            else:
                entry.msgstr = entry.msgid
            if entry.fuzzy:
                entry.flags.remove("fuzzy")
        english.save()
    subprocess.run(
        [sys.executable, "-P", "-m", "django", "compilemessages"],
        cwd=ROOT / "eslabon",
        env=env,
        check=True,
    )


def main() -> int:
    if "--update" in sys.argv:
        update()
        return 0
    problems = check()
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(
            f"{len(problems)} catalogue problem(s); run python -m eslabon.i18n_check --update "
            "and translate the new Spanish entries.",
            file=sys.stderr,
        )
        return 1
    print("message catalogues complete")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
