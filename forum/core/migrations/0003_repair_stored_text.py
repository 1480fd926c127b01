"""Repair text stored before the text boundary: see forum/core/repair.py."""

from django.db import migrations

from forum.core.repair import domain_models, stored_text_repair


def repair(apps, schema_editor):
    stored_text_repair(model_classes=domain_models(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_council_member_group"),
        ("council", "0003_decision_feedback_for_activities_and_ideas"),
        ("ideas", "0003_step_from_council_decision"),
        ("live", "0004_activity_shown_at_and_collected_ideas"),
        ("moderation", "0002_forummoderation_contentreport_moderationaction"),
        ("participation", "0002_forum_pre_moderation_participantprofile"),
        ("polls", "0003_poll_image"),
    ]
    # Nothing to undo: the repaired text was unshowable, and the rest is unchanged.
    operations = [migrations.RunPython(repair, migrations.RunPython.noop, elidable=True)]
