from django.db import migrations


class Migration(migrations.Migration):
    """Activity links now live in council.PlanningLink (copied by council 0005)."""

    dependencies = [
        ("council", "0005_planning_links_copied"),
        ("live", "0005_livesession_ask_about_you"),
    ]

    operations = [migrations.DeleteModel(name="ActivityLink")]
