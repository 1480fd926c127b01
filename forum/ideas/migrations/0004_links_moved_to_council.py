from django.db import migrations, models


class Migration(migrations.Migration):
    """Idea and board links now live in council.PlanningLink (copied by council 0005)."""

    dependencies = [
        ("council", "0005_planning_links_copied"),
        ("ideas", "0003_step_from_council_decision"),
    ]

    operations = [
        migrations.DeleteModel(name="IdeaLink"),
        migrations.DeleteModel(name="IdeaBoardLink"),
        migrations.AddField(
            model_name="feedbackentry",
            name="happened_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
    ]
