"""Operations tooling without models: backups and restores of the database and the uploads.

Kept apart from the web apps so the CLI can call it after `django_setup.setup()`.
"""
