"""Seed the editable SCIAN → process rules from the shipped table (eslabon/data)."""

from django.db import migrations


def seed(apps, schema_editor):
    from eslabon.data import scian_map

    rule_model = apps.get_model("discovery", "ScianProcessRule")
    rule_model.objects.bulk_create(
        [rule_model(**fields) for fields in scian_map.shipped_fields()], ignore_conflicts=True
    )


class Migration(migrations.Migration):
    dependencies = [("discovery", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
