import datetime as dt
import io
import uuid

import pytest
from django.utils import timezone
from PIL import Image

from forum.core.errors import (
    BoardClosed,
    BoardNotOpen,
    ContentBlocked,
    FeedbackStepNotAllowed,
    InvalidInput,
    NotAuthenticated,
    NotFound,
    PermissionDenied,
)
from forum.core.roles import Role
from forum.council.models import PlanningLink
from forum.ideas.models import Comment, FeedbackStatus, Idea, Support
from forum.ideas.selectors import (
    idea_board_stats,
    idea_detail_for_participant,
    idea_list_for_participant,
    ideas_waiting_for_feedback,
    moderation_queue,
    public_idea_list,
)
from forum.ideas.services import (
    comment_submit,
    idea_board_create,
    idea_feedback_add,
    idea_moderate,
    idea_report,
    idea_submit,
    idea_support_add,
    idea_support_withdraw,
)
from forum.moderation.models import ModerationAction, ModerationState
from forum.moderation.services import forum_moderation_save
from tests.factories import (
    ForumMembershipFactory,
    IdeaBoardFactory,
    IdeaCommentFactory,
    IdeaFactory,
    ParticipantFactory,
    PlanningItemFactory,
    UserFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("youth_workers_in_every_forum")]


def post(board, participant=None, title="Fler bänkar", text="Vid torget behövs bänkar.", **kw):
    return idea_submit(
        board=board,
        participant=participant or ParticipantFactory(),
        title=title,
        text=text,
        idempotency_key=kw.pop("key", uuid.uuid4()),
        **kw,
    )


def worker():
    return UserFactory(roles=[Role.YOUTH_WORKER])


# --- posting and screening ------------------------------------------------------------------


def test_clean_idea_in_a_post_moderated_forum_is_published() -> None:
    idea = post(IdeaBoardFactory())
    assert idea.moderation_state == ModerationState.PUBLISHED
    assert idea.feedback_status == FeedbackStatus.RECEIVED
    audit = ModerationAction.objects.get(object_id=idea.pk)
    assert (audit.kind, audit.to_state, audit.actor) == ("screened", "published", None)


def test_every_idea_in_a_pre_moderated_forum_is_held() -> None:
    idea = post(IdeaBoardFactory(forum__pre_moderation=True))
    assert idea.moderation_state == ModerationState.HELD
    assert idea.screen_reasons == ["pre_moderation"]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Ring mig på 070-123 45 67", "phone_number"),
        ("sms +46 70 123 45 67", "phone_number"),
        ("mitt nummer är 0701234567", "phone_number"),
        ("jag är 20080512-1234", "personal_number"),
        ("maila anna@example.se", "email"),
        ("Jag bor på Tensta allé 12", "street_address"),
        ("Det är skit dåligt", "held_word"),
    ],
)
def test_personal_details_and_held_words_hold_an_idea_in_a_post_moderated_forum(
    text: str, reason: str
) -> None:
    idea = post(IdeaBoardFactory(), text=text)
    assert idea.moderation_state == ModerationState.HELD
    assert reason in idea.screen_reasons


def test_blocked_words_refuse_the_idea_and_store_nothing() -> None:
    with pytest.raises(ContentBlocked):
        post(IdeaBoardFactory(), text="du är en hora")
    assert Idea.objects.count() == 0


def test_staff_replaced_word_list_is_used() -> None:
    from forum.moderation.models import WordAction
    from forum.moderation.services import word_list_replace

    word_list_replace(language="sv", action=WordAction.HOLD, words=["glass"], actor=worker())
    assert post(IdeaBoardFactory(), text="Gratis glass").moderation_state == "held"
    assert post(IdeaBoardFactory(), text="Det är skit").moderation_state == "published"


def test_a_retry_with_the_same_key_returns_the_first_idea() -> None:
    board, participant, key = IdeaBoardFactory(), ParticipantFactory(), uuid.uuid4()
    first = post(board, participant, key=key)
    again = post(board, participant, key=key, title="Annat")
    assert again.pk == first.pk
    assert Idea.objects.count() == 1


def test_unknown_category_is_invalid() -> None:
    with pytest.raises(InvalidInput) as exc:
        post(IdeaBoardFactory(), category="Rymden")
    assert "category" in exc.value.fields


def test_board_dates_are_respected() -> None:
    now = timezone.now()
    with pytest.raises(BoardNotOpen):
        post(IdeaBoardFactory(opens_at=now + dt.timedelta(hours=1)))
    with pytest.raises(BoardClosed):
        post(IdeaBoardFactory(closes_at=now - dt.timedelta(minutes=1)))


def test_photo_in_a_pre_moderated_forum_is_held_with_the_idea() -> None:
    buf = io.BytesIO()
    Image.new("RGB", (640, 480), (1, 2, 3)).save(buf, format="PNG")
    idea = post(IdeaBoardFactory(forum__pre_moderation=True), photo=buf.getvalue())
    assert idea.moderation_state == ModerationState.HELD
    assert idea.photo_type == "image/jpeg"
    assert (idea.photo_width, idea.photo_height) == (640, 480)


# --- visibility ----------------------------------------------------------------------------


def test_participants_never_see_held_hidden_or_rejected_ideas_of_others() -> None:
    board = IdeaBoardFactory()
    author, other = ParticipantFactory(), ParticipantFactory()
    shown = IdeaFactory(board=board)
    for state in ("held", "hidden", "rejected"):
        IdeaFactory(board=board, participant=author, moderation_state=state)

    seen_by_other = {c.id for c in idea_list_for_participant(board=board, participant=other)}
    seen_by_author = {c.id for c in idea_list_for_participant(board=board, participant=author)}

    assert seen_by_other == {shown.pk}
    assert {c.id for c in public_idea_list(board=board)} == {shown.pk}
    assert len(seen_by_author) == 4
    hidden = Idea.objects.get(moderation_state="hidden")
    with pytest.raises(NotFound):
        idea_detail_for_participant(idea_id=hidden.pk, participant=other)


def test_rejected_idea_shows_its_reason_to_the_author_only() -> None:
    board = IdeaBoardFactory(forum__pre_moderation=True)
    author = ParticipantFactory()
    idea = post(board, author)
    idea_moderate(idea=idea, action="reject", reason="Skriv utan namn på andra.", actor=worker())

    mine = idea_detail_for_participant(idea_id=idea.pk, participant=author).idea
    assert (mine.moderation_state, mine.rejection_reason) == (
        "rejected",
        "Skriv utan namn på andra.",
    )
    with pytest.raises(NotFound):
        idea_detail_for_participant(idea_id=idea.pk, participant=ParticipantFactory())


def test_comments_of_others_are_shown_only_when_published() -> None:
    idea = IdeaFactory()
    me = ParticipantFactory()
    IdeaCommentFactory(idea=idea, text="synlig")
    IdeaCommentFactory(idea=idea, text="väntar", moderation_state="held")
    IdeaCommentFactory(idea=idea, text="min", participant=me, moderation_state="held")

    other_view = idea_detail_for_participant(idea_id=idea.pk, participant=ParticipantFactory())
    my_view = idea_detail_for_participant(idea_id=idea.pk, participant=me)

    assert [c.text for c in other_view.comment_list] == ["synlig"]
    assert [c.text for c in my_view.comment_list] == ["synlig", "min"]


def test_replies_are_one_level_deep() -> None:
    idea, p = IdeaFactory(), ParticipantFactory()
    top = comment_submit(idea=idea, participant=p, text="Ja!", idempotency_key=uuid.uuid4())
    reply = comment_submit(
        idea=idea, participant=p, text="Håller med", parent_id=top.pk, idempotency_key=uuid.uuid4()
    )
    deeper = comment_submit(
        idea=idea, participant=p, text="Jag med", parent_id=reply.pk, idempotency_key=uuid.uuid4()
    )
    assert reply.parent_id == top.pk
    assert deeper.parent_id == top.pk


def test_fair_random_order_is_stable_per_participant_and_differs_between_them() -> None:
    board = IdeaBoardFactory()
    IdeaFactory.create_batch(12, board=board)
    a, b = ParticipantFactory(), ParticipantFactory()

    def order(p):
        return [c.id for c in idea_list_for_participant(board=board, participant=p, sort="random")]

    assert order(a) == order(a)
    assert order(a) != order(b)
    newest = [c.id for c in idea_list_for_participant(board=board, participant=a, sort="newest")]
    assert newest == sorted(newest, reverse=True)


def test_most_supported_sort() -> None:
    board = IdeaBoardFactory()
    low, high = IdeaFactory(board=board), IdeaFactory(board=board)
    for _ in range(2):
        idea_support_add(idea=high, participant=ParticipantFactory())
    idea_support_add(idea=low, participant=ParticipantFactory())
    cards = idea_list_for_participant(board=board, participant=None, sort="supported")
    assert [(c.id, c.supports) for c in cards] == [(high.pk, 2), (low.pk, 1)]


# --- supports and reports --------------------------------------------------------------------


def test_support_is_once_per_participant_idempotent_and_withdrawable() -> None:
    idea, p = IdeaFactory(), ParticipantFactory()
    first = idea_support_add(idea=idea, participant=p)
    assert idea_support_add(idea=idea, participant=p).pk == first.pk
    assert Support.objects.filter(idea=idea).count() == 1
    idea_support_withdraw(idea=idea, participant=p)
    idea_support_withdraw(idea=idea, participant=p)
    assert Support.objects.filter(idea=idea).count() == 0


def test_held_ideas_cannot_be_supported() -> None:
    with pytest.raises(NotFound):
        idea_support_add(
            idea=IdeaFactory(moderation_state="held"), participant=ParticipantFactory()
        )


def member(forum):
    """A device that joined ``forum`` a day ago: its reports count."""
    return ForumMembershipFactory(forum=forum).participant


def test_reports_from_n_different_members_hide_the_idea() -> None:
    idea = IdeaFactory()
    forum = idea.board.forum
    reporter = member(forum)
    idea_report(idea=idea, participant=reporter)
    idea_report(idea=idea, participant=reporter)  # the same phone twice counts once
    idea_report(idea=idea, participant=member(forum))
    idea.refresh_from_db()
    assert idea.moderation_state == ModerationState.PUBLISHED

    idea_report(idea=idea, participant=member(forum))

    idea.refresh_from_db()
    assert idea.moderation_state == ModerationState.HIDDEN
    assert public_idea_list(board=idea.board) == []
    queued = moderation_queue(viewer=worker())
    assert [(q.kind, q.id, q.reports, q.hidden_by_reports) for q in queued] == [
        ("idea", idea.pk, 3, True)
    ]
    assert ModerationAction.objects.filter(kind="reported_hidden", object_id=idea.pk).exists()


def test_report_threshold_is_configurable_per_forum() -> None:
    idea = IdeaFactory()
    forum_moderation_save(
        forum=idea.board.forum, pre_moderation=False, report_threshold=1, actor=worker()
    )
    idea_report(idea=idea, participant=member(idea.board.forum))
    idea.refresh_from_db()
    assert idea.moderation_state == ModerationState.HIDDEN


# --- moderation ----------------------------------------------------------------------------


def test_moderation_actions_are_audited_with_who_what_and_why() -> None:
    idea = post(IdeaBoardFactory(forum__pre_moderation=True))
    user = worker()
    idea_moderate(idea=idea, action="remark", remark="Kolla med Sara först.", actor=user)
    idea_moderate(idea=idea, action="approve", actor=user)
    idea_moderate(idea=idea, action="hide", reason="Namn på en person", actor=user)

    trail = list(ModerationAction.objects.filter(object_id=idea.pk).order_by("id"))
    assert [(a.kind, a.from_state, a.to_state) for a in trail] == [
        ("screened", "", "held"),
        ("remark", "held", "held"),
        ("approve", "held", "published"),
        ("hide", "published", "hidden"),
    ]
    assert all(a.actor == user for a in trail[1:])
    assert trail[1].remark == "Kolla med Sara först."
    assert trail[3].reason == "Namn på en person"


def test_reject_needs_a_reason_and_officials_cannot_moderate() -> None:
    idea = IdeaFactory(moderation_state="held")
    with pytest.raises(InvalidInput):
        idea_moderate(idea=idea, action="reject", actor=worker())
    with pytest.raises(PermissionDenied):
        idea_moderate(idea=idea, action="approve", actor=UserFactory(roles=[Role.OFFICIAL]))
    with pytest.raises(NotAuthenticated):
        idea_moderate(idea=idea, action="approve", actor=None)
    idea.refresh_from_db()
    assert idea.moderation_state == "held"


# --- feedback lifecycle ----------------------------------------------------------------------


def test_feedback_walks_every_step_to_done_and_links_the_planning_item() -> None:
    idea = IdeaFactory()
    user, item = UserFactory(roles=[Role.OFFICIAL]), PlanningItemFactory()
    idea_feedback_add(idea=idea, status="under_review", text="Vi läser idén.", actor=user)
    idea_feedback_add(
        idea=idea, status="forwarded", text="Till nämnden.", planning_item=item, actor=user
    )
    idea_feedback_add(
        idea=idea, status="decided", decision="partly", text="Två bänkar.", actor=user
    )
    idea_feedback_add(idea=idea, status="done", text="Bänkarna står där nu.", actor=user)

    idea.refresh_from_db()
    assert (idea.feedback_status, idea.decision) == ("done", "partly")
    assert PlanningLink.objects.filter(idea=idea, planning_item=item).exists()
    timeline = idea_detail_for_participant(idea_id=idea.pk, participant=None).timeline
    assert [t.status for t in timeline] == ["under_review", "forwarded", "decided", "done"]
    assert timeline[1].planning_item.startswith(item.reference)


@pytest.mark.parametrize(
    ("path", "bad"),
    [
        ([], "done"),
        ([], "decided"),
        ([], "forwarded"),
        ([], "not_taken_further"),
        (["under_review"], "done"),
        (["under_review"], "decided"),
        (["under_review", "not_taken_further"], "under_review"),
    ],
)
def test_feedback_cannot_skip_steps(path: list[str], bad: str) -> None:
    idea, user = IdeaFactory(), UserFactory(roles=[Role.OFFICIAL])
    for step in path:
        idea_feedback_add(idea=idea, status=step, text="Steg.", actor=user)
    extra = {"planning_item": PlanningItemFactory()} if bad == "forwarded" else {}
    with pytest.raises(FeedbackStepNotAllowed):
        idea_feedback_add(
            idea=idea,
            status=bad,
            text="Hoppa.",
            actor=user,
            decision="yes" if bad == "decided" else "",
            **extra,
        )
    idea.refresh_from_db()
    assert idea.feedback_status == (path[-1] if path else "received")


def test_every_step_needs_a_public_text_and_its_own_details() -> None:
    idea, user = IdeaFactory(), UserFactory(roles=[Role.OFFICIAL])
    with pytest.raises(InvalidInput) as exc:
        idea_feedback_add(idea=idea, status="under_review", text="  ", actor=user)
    assert "text" in exc.value.fields
    idea_feedback_add(idea=idea, status="under_review", text="Ok", actor=user)
    with pytest.raises(InvalidInput) as exc:
        idea_feedback_add(idea=idea, status="forwarded", text="Vidare", actor=user)
    assert "planning_item_id" in exc.value.fields


def test_held_ideas_get_no_feedback() -> None:
    with pytest.raises(FeedbackStepNotAllowed):
        idea_feedback_add(
            idea=IdeaFactory(moderation_state="held"),
            status="under_review",
            text="Hej",
            actor=UserFactory(roles=[Role.OFFICIAL]),
        )


def test_waiting_list_and_median_time_to_first_feedback() -> None:
    board = IdeaBoardFactory()
    now = timezone.now()
    old = IdeaFactory(board=board)
    fresh = IdeaFactory(board=board)
    answered = IdeaFactory(board=board)
    answered2 = IdeaFactory(board=board)
    Idea.objects.filter(pk=old.pk).update(created_at=now - dt.timedelta(days=40))
    Idea.objects.filter(pk=answered.pk).update(
        created_at=now - dt.timedelta(days=50), first_feedback_at=now - dt.timedelta(days=40)
    )
    Idea.objects.filter(pk=answered2.pk).update(
        created_at=now - dt.timedelta(days=10), first_feedback_at=now - dt.timedelta(days=6)
    )
    user = UserFactory(roles=[Role.OFFICIAL])

    waiting = ideas_waiting_for_feedback(viewer=user, now=now)
    stats = idea_board_stats(viewer=user)

    assert [w.id for w in waiting] == [old.pk]
    assert fresh.pk not in [w.id for w in ideas_waiting_for_feedback(viewer=user, days=1)]
    assert stats[0].median_days_to_first_feedback == 7.0
    assert stats[0].with_feedback == 2


def test_only_youth_workers_create_boards_with_valid_dates() -> None:
    forum = IdeaBoardFactory().forum
    with pytest.raises(PermissionDenied):
        idea_board_create(forum=forum, question="Q?", actor=UserFactory(roles=[Role.OFFICIAL]))
    now = timezone.now()
    with pytest.raises(InvalidInput):
        idea_board_create(forum=forum, question="Q?", actor=worker(), opens_at=now, closes_at=now)
    board = idea_board_create(
        forum=forum, question=" Q? ", categories=["A", "A", " B "], actor=worker()
    )
    assert (board.question, board.categories) == ("Q?", ["A", "B"])


def test_a_reported_comment_is_hidden_at_the_threshold() -> None:
    from forum.ideas.services import comment_report

    comment = IdeaCommentFactory()
    for _ in range(3):
        comment_report(comment=comment, participant=member(comment.idea.board.forum))
    comment.refresh_from_db()
    assert comment.moderation_state == "hidden"
    assert Comment.objects.get(pk=comment.pk).moderation_state == "hidden"
