from django.db import migrations


class Migration(migrations.Migration):
    """Activity links now live in council.PlanningLink (copied by council 0005)."""

    dependencies = [
        ("council", "0005_planning_links_copied"),
        ("live", "0004_activity_shown_at_and_collected_ideas"),
    ]

    operations = [migrations.DeleteModel(name="ActivityLink")]
