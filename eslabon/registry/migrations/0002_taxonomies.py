"""Load the shipped taxonomies (processes, materials, certification standards)."""

from django.db import migrations


def load(apps, schema_editor):
    from eslabon.registry.taxonomy_sync import sync_taxonomies

    sync_taxonomies(
        apps.get_model("registry", "Process"),
        apps.get_model("registry", "Material"),
        apps.get_model("registry", "CertificationStandard"),
    )


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
