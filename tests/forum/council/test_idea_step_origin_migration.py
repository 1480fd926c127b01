"""An idea step's planning item and council decision move from the step (ideas) to the
council row that points down at it (council 0007–0008, ideas 0005), and back."""

import datetime as dt

import pytest

from tests.support.migrations import historical, migrate_to

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("back_to_newest")]

BEFORE = [("council", "0006_old_links_removed"), ("ideas", "0004_links_moved_to_council")]
AFTER = [
    ("council", "0008_idea_step_origins_copied"),
    ("ideas", "0005_step_council_columns_removed"),
]
WHEN = dt.datetime(2025, 3, 4, 17, 30, tzinfo=dt.UTC)


def _world(apps):
    get = apps.get_model
    forum = get("participation", "Forum").objects.create(name="Järva", slug="jarva")
    participant = get("participation", "Participant").objects.create(token_hash="a" * 64)
    board = get("ideas", "IdeaBoard").objects.create(forum=forum, question="Vad saknas?")

    def idea(title):
        return get("ideas", "Idea").objects.create(
            board=board,
            participant=participant,
            title=title,
            text="Mer",
            moderation_state="published",
        )

    item = get("council", "PlanningItem").objects.create(
        title="Fritidsgårdar", reference="1.2.4-182-2025", area="mandate"
    )
    meeting = get("council", "Meeting").objects.create(title="Nämnden", starts_at=WHEN)
    agenda = get("council", "AgendaItem").objects.create(
        meeting=meeting, planning_item=item, position=1
    )
    decision = get("council", "Decision").objects.create(
        agenda_item=agenda, text="Beslut", outcome="approved", decided_at=WHEN, feedback_text="Ja"
    )
    return idea("Bänkar"), idea("Längre öppet"), item, decision


def test_every_step_keeps_its_planning_item_and_council_decision() -> None:
    old = migrate_to(BEFORE)
    benches, hours, item, decision = _world(old)
    step = historical(old, "ideas", "FeedbackEntry").objects
    review = step.create(idea=benches, status="under_review", text="Vi läser.")
    forwarded = step.create(idea=benches, status="forwarded", text="Vidare.", planning_item=item)
    decided = step.create(
        idea=benches,
        status="decided",
        decision="yes",
        text="Ja.",
        planning_item=item,
        council_decision=decision,
        happened_at=WHEN,
    )
    decided_item_gone = step.create(
        idea=hours, status="decided", decision="no", text="Nej.", council_decision=decision
    )

    new = migrate_to(AFTER)

    origins = new.get_model("council", "IdeaStepOrigin").objects.order_by("step_id")
    assert [(o.step_id, o.idea_id, o.planning_item_id, o.decision_id) for o in origins] == [
        (forwarded.pk, benches.pk, item.pk, None),
        (decided.pk, benches.pk, item.pk, decision.pk),
        (decided_item_gone.pk, hours.pk, None, decision.pk),
    ]
    steps = historical(new, "ideas", "FeedbackEntry").objects.order_by("id")
    assert [(s.pk, s.status, s.text) for s in steps] == [
        (review.pk, "under_review", "Vi läser."),
        (forwarded.pk, "forwarded", "Vidare."),
        (decided.pk, "decided", "Ja."),
        (decided_item_gone.pk, "decided", "Nej."),
    ]
    field_names = {f.name for f in historical(new, "ideas", "FeedbackEntry")._meta.get_fields()}
    assert "planning_item" not in field_names
    assert "council_decision" not in field_names


def test_migrating_back_puts_the_values_on_the_steps_again() -> None:
    old = migrate_to(BEFORE)
    benches, _hours, item, decision = _world(old)
    decided = historical(old, "ideas", "FeedbackEntry").objects.create(
        idea=benches,
        status="decided",
        decision="partly",
        text="Delvis.",
        planning_item=item,
        council_decision=decision,
    )
    migrate_to(AFTER)

    again = migrate_to(BEFORE)

    step = historical(again, "ideas", "FeedbackEntry").objects.get(pk=decided.pk)
    assert step.planning_item_id == item.pk
    assert step.council_decision_id == decision.pk
