import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("council", "0005_planning_links_copied")]

    operations = [
        migrations.RemoveConstraint(model_name="feedbackentry", name="one_feedback_per_poll"),
        migrations.RemoveConstraint(model_name="feedbackentry", name="one_feedback_per_activity"),
        migrations.RemoveConstraint(model_name="feedbackentry", name="feedback_on_poll_or_activity"),
        migrations.RemoveField(model_name="feedbackentry", name="poll"),
        migrations.RemoveField(model_name="feedbackentry", name="activity"),
        migrations.AlterField(
            model_name="feedbackentry",
            name="link",
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="feedback", to="council.planninglink"),
        ),
        migrations.AddConstraint(
            model_name="feedbackentry",
            constraint=models.UniqueConstraint(fields=("decision", "link"), name="one_feedback_per_link"),
        ),
        migrations.DeleteModel(name="PollLink"),
    ]
