import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

ONE_TARGET = (
    models.Q(poll__isnull=False, idea__isnull=True, board__isnull=True, activity__isnull=True)
    | models.Q(poll__isnull=True, idea__isnull=False, board__isnull=True, activity__isnull=True)
    | models.Q(poll__isnull=True, idea__isnull=True, board__isnull=False, activity__isnull=True)
    | models.Q(poll__isnull=True, idea__isnull=True, board__isnull=True, activity__isnull=False)
) & (models.Q(question__isnull=True) | models.Q(poll__isnull=False))


class Migration(migrations.Migration):
    """One link model for every input kind (docs/decisions/0022). Step 1 of 3: the new
    table and the per-link fields of the feedback; 0005 copies, 0006 drops the old ones."""

    dependencies = [
        ("council", "0003_decision_feedback_for_activities_and_ideas"),
        ("ideas", "0003_step_from_council_decision"),
        ("live", "0004_activity_shown_at_and_collected_ideas"),
        ("polls", "0003_poll_image"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="PlanningLink",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("note", models.TextField(blank=True, max_length=2000, verbose_name="what young people said")),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("activity", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name="planning_links", to="live.liveactivity")),
                ("board", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name="planning_links", to="ideas.ideaboard")),
                ("created_by", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, to=settings.AUTH_USER_MODEL)),
                ("idea", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name="planning_links", to="ideas.idea")),
                ("planning_item", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="links", to="council.planningitem")),
                ("poll", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name="planning_links", to="polls.poll")),
                ("question", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name="planning_links", to="polls.question")),
            ],
            options={
                "ordering": ["created_at", "id"],
                "constraints": [
                    models.CheckConstraint(condition=ONE_TARGET, name="planning_link_one_target"),
                    models.UniqueConstraint(condition=models.Q(poll__isnull=False, question__isnull=True), fields=("planning_item", "poll"), name="planning_link_poll_once"),
                    models.UniqueConstraint(condition=models.Q(question__isnull=False), fields=("planning_item", "question"), name="planning_link_question_once"),
                    models.UniqueConstraint(condition=models.Q(idea__isnull=False), fields=("planning_item", "idea"), name="planning_link_idea_once"),
                    models.UniqueConstraint(condition=models.Q(board__isnull=False), fields=("planning_item", "board"), name="planning_link_board_once"),
                    models.UniqueConstraint(condition=models.Q(activity__isnull=False), fields=("planning_item", "activity"), name="planning_link_activity_once"),
                ],
            },
        ),
        migrations.AddField(
            model_name="feedbackentry",
            name="link",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, related_name="feedback", to="council.planninglink"),
        ),
        migrations.AddField(
            model_name="feedbackentry",
            name="usage",
            field=models.CharField(blank=True, choices=[("taken", "Taken into account"), ("partly", "Partly taken into account"), ("not_taken", "Not taken into account"), ("not_relevant", "Not relevant to the decision")], max_length=16),
        ),
        migrations.AddField(
            model_name="feedbackentry",
            name="reason",
            field=models.TextField(blank=True, max_length=500, verbose_name="reason"),
        ),
    ]
