import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """The free text is copied (0011): the managed department takes its name."""

    dependencies = [("council", "0011_department_free_text_copied")]

    operations = [
        migrations.RemoveField(model_name="planningitem", name="department"),
        migrations.RenameField(
            model_name="planningitem", old_name="department_link", new_name="department"
        ),
        migrations.AlterField(
            model_name="planningitem",
            name="department",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="planning_items",
                to="core.department",
                verbose_name="responsible department",
            ),
        ),
    ]
