from django.db import migrations
from django.db.models import F

# (old app, old model, target field) for the three link kinds outside council.
OTHER_LINKS = (("ideas", "IdeaLink", "idea"), ("ideas", "IdeaBoardLink", "board"), ("live", "ActivityLink", "activity"))


def copy_links(apps, schema_editor):
    """Every old link becomes a PlanningLink with its note, author and date; feedback
    entries move from (poll | activity) to the link they came from."""
    PlanningLink = apps.get_model("council", "PlanningLink")
    FeedbackEntry = apps.get_model("council", "FeedbackEntry")
    PollLink = apps.get_model("council", "PollLink")

    def copy(old, **target):
        new = PlanningLink.objects.create(
            planning_item_id=old.planning_item_id,
            note=old.note,
            created_by_id=old.created_by_id,
            **target,
        )
        # auto_now_add would stamp today: keep when the link was really made.
        PlanningLink.objects.filter(pk=new.pk).update(created_at=old.created_at)

    for old in PollLink.objects.order_by("id"):
        copy(old, poll_id=old.poll_id, question_id=old.question_id)
    for app, name, field in OTHER_LINKS:
        for old in apps.get_model(app, name).objects.order_by("id"):
            copy(old, **{f"{field}_id": getattr(old, f"{field}_id")})

    for entry in FeedbackEntry.objects.select_related("decision__agenda_item"):
        links = PlanningLink.objects.filter(planning_item_id=entry.decision.agenda_item.planning_item_id)
        if entry.poll_id is not None:
            # The whole-poll link first; otherwise the first linked question of that poll.
            # (nulls_first: PostgreSQL sorts NULL last, SQLite first.)
            link = (
                links.filter(poll_id=entry.poll_id)
                .order_by(F("question_id").asc(nulls_first=True), "id")
                .first()
            )
        else:
            link = links.filter(activity_id=entry.activity_id).first()
        if link is None:
            # Unlinked since: the next recording of the decision would have removed it too.
            entry.delete()
            continue
        entry.link = link
        entry.save(update_fields=["link"])


class Migration(migrations.Migration):
    dependencies = [("council", "0004_planning_link")]

    operations = [migrations.RunPython(copy_links, migrations.RunPython.noop)]
