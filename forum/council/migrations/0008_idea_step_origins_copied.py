from django.db import migrations


def copy_to_council(apps, schema_editor):
    """Every idea step with a planning item or a council decision gets its council row with
    the same values, before ideas 0005 drops the two columns."""
    IdeaStep = apps.get_model("ideas", "FeedbackEntry")
    IdeaStepOrigin = apps.get_model("council", "IdeaStepOrigin")
    steps = IdeaStep.objects.exclude(planning_item__isnull=True, council_decision__isnull=True)
    IdeaStepOrigin.objects.bulk_create(
        IdeaStepOrigin(
            step_id=step.pk,
            idea_id=step.idea_id,
            planning_item_id=step.planning_item_id,
            decision_id=step.council_decision_id,
        )
        for step in steps.order_by("id")
    )


def copy_back(apps, schema_editor):
    IdeaStep = apps.get_model("ideas", "FeedbackEntry")
    IdeaStepOrigin = apps.get_model("council", "IdeaStepOrigin")
    for origin in IdeaStepOrigin.objects.order_by("id"):
        IdeaStep.objects.filter(pk=origin.step_id).update(
            planning_item_id=origin.planning_item_id, council_decision_id=origin.decision_id
        )


class Migration(migrations.Migration):
    dependencies = [("council", "0007_idea_step_origin")]
    # The ideas app drops the columns only after they are copied; ideas itself never
    # depends on council (a layer above), so the order is said from here.
    run_before = [("ideas", "0005_step_council_columns_removed")]

    operations = [migrations.RunPython(copy_to_council, copy_back)]
