from django.db import migrations


def create_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name="council_member")


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="council_member").delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0001_role_groups")]
    operations = [migrations.RunPython(create_group, remove_group)]
