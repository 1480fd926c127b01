"""The four old link models become council.PlanningLink with their history, and feedback
entries move onto the links (migrations council 0004–0006, ideas 0004, live 0006)."""

import datetime as dt

import pytest

from tests.support.migrations import migrate_to

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("back_to_newest")]

BEFORE = [
    ("council", "0003_decision_feedback_for_activities_and_ideas"),
    ("ideas", "0003_step_from_council_decision"),
    ("live", "0004_activity_shown_at_and_collected_ideas"),
]
AFTER = [
    ("council", "0006_old_links_removed"),
    ("ideas", "0004_links_moved_to_council"),
    ("live", "0006_links_moved_to_council"),
]
WHEN = dt.datetime(2025, 3, 4, 17, 30, tzinfo=dt.UTC)


def _migrate(targets):
    return migrate_to(targets)


def test_every_old_link_is_kept_with_its_history_and_frozen_briefs_stay_as_they_were() -> None:
    old = _migrate(BEFORE)
    get = old.get_model
    user = get("auth", "User").objects.create(username="tjansteperson")
    forum = get("participation", "Forum").objects.create(name="Järva", slug="jarva")
    item = get("council", "PlanningItem").objects.create(
        title="Fritidsgårdar", reference="1.2.4-182-2025", area="mandate"
    )
    poll = get("polls", "Poll").objects.create(forum=forum, title="Öppettider")
    question = get("polls", "Question").objects.create(poll=poll, text="Hur länge?", position=1)
    participant = get("participation", "Participant").objects.create(token_hash="a" * 64)
    board = get("ideas", "IdeaBoard").objects.create(forum=forum, question="Vad saknas?")
    idea = get("ideas", "Idea").objects.create(
        board=board,
        participant=participant,
        title="Bänkar",
        text="Fler",
        moderation_state="published",
    )
    session = get("live", "LiveSession").objects.create(
        forum=forum, title="Fredag", join_code="ABCDEF"
    )
    activity = get("live", "LiveActivity").objects.create(session=session, kind="qa", position=1)
    meeting = get("council", "Meeting").objects.create(title="Nämnden", starts_at=WHEN)
    agenda = get("council", "AgendaItem").objects.create(
        meeting=meeting, planning_item=item, position=1
    )
    decision = get("council", "Decision").objects.create(
        agenda_item=agenda, text="Beslut", outcome="approved", decided_at=WHEN, feedback_text="Ja"
    )
    snapshot = {"version": 1, "items": [{"polls": [{"poll": {"id": poll.pk}, "note": "Öppet"}]}]}
    get("council", "BriefVersion").objects.create(meeting=meeting, number=1, snapshot=snapshot)

    def made(model, **kwargs):
        row = model.objects.create(planning_item=item, created_by=user, **kwargs)
        model.objects.filter(pk=row.pk).update(created_at=WHEN)
        return row

    made(get("council", "PollLink"), poll=poll, note="Hela enkäten")
    made(get("council", "PollLink"), poll=poll, question=question, note="En fråga")
    made(get("ideas", "IdeaLink"), idea=idea, note="En idé")
    made(get("ideas", "IdeaBoardLink"), board=board, note="Hela tavlan")
    made(get("live", "ActivityLink"), activity=activity, note="Frågestund")
    feedback = get("council", "FeedbackEntry")
    feedback.objects.create(decision=decision, poll=poll, text="Ja", published_at=WHEN)
    feedback.objects.create(decision=decision, activity=activity, text="Ja")
    unlinked_poll = get("polls", "Poll").objects.create(forum=forum, title="Bortkopplad")
    feedback.objects.create(decision=decision, poll=unlinked_poll, text="Ja")

    new = _migrate(AFTER)

    links = new.get_model("council", "PlanningLink").objects.order_by("id")
    assert [
        (
            link.note,
            link.poll_id,
            link.question_id,
            link.idea_id,
            link.board_id,
            link.activity_id,
            link.planning_item_id,
            link.created_by_id,
            link.created_at,
        )
        for link in links
    ] == [
        ("Hela enkäten", poll.pk, None, None, None, None, item.pk, user.pk, WHEN),
        ("En fråga", poll.pk, question.pk, None, None, None, item.pk, user.pk, WHEN),
        ("En idé", None, None, idea.pk, None, None, item.pk, user.pk, WHEN),
        ("Hela tavlan", None, None, None, board.pk, None, item.pk, user.pk, WHEN),
        ("Frågestund", None, None, None, None, activity.pk, item.pk, user.pk, WHEN),
    ]
    entries = new.get_model("council", "FeedbackEntry").objects.order_by("id")
    # Onto the whole-poll link and the activity's link; the entry of a poll no longer linked
    # goes (the next recording of the decision removed it before, too).
    assert [(e.link.note, e.usage, e.published_at) for e in entries] == [
        ("Hela enkäten", "", WHEN),
        ("Frågestund", "", None),
    ]
    [version] = new.get_model("council", "BriefVersion").objects.all()
    assert version.snapshot == snapshot
