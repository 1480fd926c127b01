import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """Council holds where an idea's timeline step came from (the planning item, the council
    decision), pointing down at the step; 0008 copies the values, ideas 0005 drops the old
    upward columns (docs/decisions/0035)."""

    dependencies = [
        ("council", "0006_old_links_removed"),
        ("ideas", "0004_links_moved_to_council"),
    ]

    operations = [
        migrations.CreateModel(
            name="IdeaStepOrigin",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("decision", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="idea_steps", to="council.decision")),
                ("idea", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to="ideas.idea")),
                ("planning_item", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="council.planningitem")),
                ("step", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name="council_origin", to="ideas.feedbackentry")),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(("decision__isnull", False)),
                        fields=("idea", "decision"),
                        name="one_step_per_idea_and_council_decision",
                    )
                ],
            },
        ),
    ]
