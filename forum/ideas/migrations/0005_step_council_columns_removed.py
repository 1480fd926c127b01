from django.db import migrations


class Migration(migrations.Migration):
    """A step's planning item and council decision now live in council.IdeaStepOrigin
    (copied by council 0008, which runs before this one)."""

    dependencies = [("ideas", "0004_links_moved_to_council")]

    operations = [
        migrations.RemoveConstraint(
            model_name="feedbackentry", name="one_idea_step_per_council_decision"
        ),
        migrations.RemoveField(model_name="feedbackentry", name="council_decision"),
        migrations.RemoveField(model_name="feedbackentry", name="planning_item"),
    ]
