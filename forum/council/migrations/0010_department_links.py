import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """Room for the managed department next to the free text it replaces (0011 copies it,
    0012 drops the free text), and who carries a decision out."""

    dependencies = [
        ("core", "0005_department"),
        ("council", "0009_translations_and_written_language"),
    ]

    operations = [
        migrations.AddField(
            model_name="planningitem",
            name="department_link",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="core.department",
            ),
        ),
        migrations.AddField(
            model_name="decision",
            name="department",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="decisions",
                to="core.department",
                verbose_name="responsible for carrying it out",
            ),
        ),
    ]
