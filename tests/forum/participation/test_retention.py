"""What remains after gallring and after a young person erases their own answers: counted
table by table, no free text, no link to the person, no 'about you' answer, and the figures
a published brief showed unchanged (docs/decisions/0056)."""

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from forum.budgets.models import Ballot, ProposalParticipant
from forum.core.errors import PersonalCodeWrong
from forum.council.models import BriefQuote, BriefVersion
from forum.council.services import meeting_brief_publish
from forum.ideas.models import Comment, Idea, Support
from forum.live.models import (
    ActivityKind,
    LiveActivity,
    OfflineQuote,
    OfflineWorkshop,
    QaQuestion,
    QaStatus,
    QaUpvote,
)
from forum.moderation.models import ContentReport, ModerationAction
from forum.participation.models import (
    Forum,
    ForumMembership,
    Participant,
    ParticipantProfile,
    PersonalCode,
    PushSubscription,
)
from forum.participation.retention import (
    ERASED_TEXT,
    EXPIRED_TEXT,
    _participant_foreign_keys,
    expired_purge,
    notice,
    participant_erase,
)
from forum.participation.services import personal_code_issue
from forum.polls.models import Question, QuestionKind, Response, TextStatus
from tests.factories import (
    AgendaItemFactory,
    BudgetProcessFactory,
    ForumFactory,
    ForumMembershipFactory,
    IdeaBoardFactory,
    IdeaCommentFactory,
    IdeaFactory,
    LiveSessionFactory,
    OfflineWorkshopFactory,
    ParticipantFactory,
    ParticipantProfileFactory,
    PollFactory,
    PollLinkFactory,
    ProposalFactory,
    ResponseFactory,
    WorkshopLinkFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("youth_workers_in_every_forum")]

SECRET = "Hemlig"  # every free text a young person writes here contains it


@dataclass
class World:
    forum: Forum
    choice: Question
    text_question: Question
    young: Participant  # the one who erases
    other: Participant
    lone_idea: Idea  # nobody else touched it
    liked_idea: Idea  # someone else supported it
    others_idea: Idea
    code: str


def _world() -> World:
    forum = ForumFactory(pre_moderation=False)
    poll = PollFactory(forum=forum, questions=[("Vad vill du?", ["Ja", "Nej"])])
    choice = poll.questions.get()
    text_question = Question.objects.create(
        poll=poll, text="Berätta", kind=QuestionKind.OPEN_TEXT, position=1
    )
    young, other = ParticipantFactory(), ParticipantFactory()
    for index, person in enumerate((young, other)):
        ResponseFactory(option=list(choice.options.all())[index], participant=person)
        Response.objects.create(
            question=text_question,
            participant=person,
            answer={"text": f"{SECRET} svar {index}"},
            text_status=TextStatus.PUBLISHED,
        )
        ParticipantProfileFactory(forum=forum, participant=person, gender="girl")
        ForumMembershipFactory(forum=forum, participant=person)
    board = IdeaBoardFactory(forum=forum)
    lone_idea = IdeaFactory(board=board, participant=young, text=f"{SECRET} idé")
    liked_idea = IdeaFactory(board=board, participant=young, title=f"{SECRET} titel")
    Support.objects.create(idea=liked_idea, participant=other)
    others_idea = IdeaFactory(board=board, participant=other)
    Support.objects.create(idea=others_idea, participant=young)
    comment = IdeaCommentFactory(idea=others_idea, participant=young, text=f"{SECRET} kommentar")
    ContentReport.objects.create(
        content_type_id=_content_type(Comment), object_id=comment.pk, participant=other, forum=forum
    )
    session = LiveSessionFactory(forum=forum, current_poll=poll)
    qa = LiveActivity.objects.create(session=session, kind=ActivityKind.QA, title="Fråga oss")
    asked = QaQuestion.objects.create(
        activity=qa,
        participant=young,
        text=f"{SECRET} fråga",
        status=QaStatus.PUBLISHED,
        idempotency_key=uuid.uuid4(),
    )
    QaUpvote.objects.create(question=asked, participant=other)
    process = BudgetProcessFactory(forum=forum)
    Ballot.objects.create(process=process, participant=young, channel="device")
    ProposalParticipant.objects.create(
        proposal=ProposalFactory(process=process), participant=young, role="proposer"
    )
    code = personal_code_issue(participant=young).code
    return World(
        forum=forum,
        choice=choice,
        text_question=text_question,
        young=young,
        other=other,
        lone_idea=lone_idea,
        liked_idea=liked_idea,
        others_idea=others_idea,
        code=code,
    )


def _content_type(model: Any) -> int:
    return ContentType.objects.get_for_model(model).pk


def _rows_per_table() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label
        in {"participation", "polls", "ideas", "live", "moderation", "budgets", "council"}
    }


def _rows_linking(participant_id: int) -> dict[str, int]:
    counts = {
        fk.model._meta.label: fk.model._default_manager.filter(**{fk.name: participant_id}).count()
        for fk in _participant_foreign_keys()
    }
    return {label: n for label, n in counts.items() if n}


def _free_texts() -> list[str]:
    texts = [str(a.get("text", "")) for a in Response.objects.values_list("answer", flat=True)]
    texts += [t for pair in Idea.objects.values_list("title", "text") for t in pair]
    texts += list(Comment.objects.values_list("text", flat=True))
    texts += list(QaQuestion.objects.values_list("text", flat=True))
    return [t for t in texts if SECRET in t]


def _tally(question: Question) -> dict[int | None, int]:
    return dict(
        Response.objects.filter(question=question)
        .values_list("option_id")
        .annotate(n=Count("pk"))
        .values_list("option_id", "n")
    )


def _published_brief(world: World, official: Any) -> dict[str, Any]:
    agenda = AgendaItemFactory()
    PollLinkFactory(planning_item=agenda.planning_item, poll=world.choice.poll, note="")
    version = meeting_brief_publish(meeting=agenda.meeting, changelog="", actor=official)
    return version.snapshot


def _after_period(world: World) -> dt.datetime:
    return timezone.now() + dt.timedelta(days=world.forum.retention_days + 1)


# --- gallring -------------------------------------------------------------------------------


def test_gallring_leaves_no_free_text_link_or_demographic_answer_and_keeps_the_totals(
    official: Any,
) -> None:
    world = _world()
    snapshot = _published_brief(world, official)
    tally = _tally(world.choice)
    before = _rows_per_table()

    report = expired_purge(now=_after_period(world))

    after = _rows_per_table()
    gone = {label: before[label] - after.get(label, 0) for label in before}
    # Free text: the two open answers deleted, ideas/comments/questions kept as a notice.
    assert gone["polls.Response"] == 2
    assert _free_texts() == []
    assert set(Idea.objects.values_list("text", flat=True)) == {notice(EXPIRED_TEXT)}
    assert set(Comment.objects.values_list("text", flat=True)) == {notice(EXPIRED_TEXT)}
    assert Idea.objects.filter(photo__isnull=False).count() == 0
    # Device data and demographic answers: none left.
    assert ParticipantProfile.objects.count() == 0
    assert ForumMembership.objects.count() == 0
    assert ContentReport.objects.count() == 0
    assert ProposalParticipant.objects.count() == 0
    assert Ballot.objects.get().participant_id is None
    # The people themselves are gone, their code with them; only stand-ins hold rows.
    for person in (world.young, world.other):
        assert not Participant.objects.filter(pk=person.pk).exists()
        assert _rows_linking(person.pk) == {}
    assert PersonalCode.objects.count() == 0
    assert set(Participant.objects.values_list("stand_in", flat=True)) == {True}
    # Totals: the same answers, ideas, supports and upvotes, counted the same way.
    assert _tally(world.choice) == tally
    assert Idea.objects.count() == before["ideas.Idea"]
    assert Support.objects.count() == before["ideas.Support"]
    assert QaUpvote.objects.count() == before["live.QaUpvote"]
    assert (
        Response.objects.filter(question=world.choice).values("participant").distinct().count() == 2
    )
    # The published brief is frozen: untouched.
    assert BriefVersion.objects.get().snapshot == snapshot
    assert report.totals["demographic_answers_deleted"] == 2
    assert report.totals["participants_deleted"] == 2


def test_gallring_twice_changes_nothing_the_second_time() -> None:
    world = _world()
    expired_purge(now=_after_period(world))
    rows = _rows_per_table()
    texts = sorted(Idea.objects.values_list("pk", "participant_id"))

    again = expired_purge(now=_after_period(world))

    assert {kind: n for kind, n in again.totals.items() if n} == {}
    assert _rows_per_table() == rows
    assert sorted(Idea.objects.values_list("pk", "participant_id")) == texts


def test_a_dry_run_counts_exactly_what_a_run_does_and_changes_nothing() -> None:
    world = _world()
    rows = _rows_per_table()

    dry = expired_purge(now=_after_period(world), dry_run=True)

    assert _rows_per_table() == rows
    assert _free_texts() != []
    real = expired_purge(now=_after_period(world))
    assert dry.totals == real.totals
    assert dry.totals["poll_free_text_deleted"] == 2


def test_nothing_is_purged_before_the_forum_s_period_is_over() -> None:
    world = _world()
    rows = _rows_per_table()

    expired_purge(now=timezone.now() + dt.timedelta(days=world.forum.retention_days - 1))

    assert _rows_per_table() == rows
    assert len(_free_texts()) == 6


def test_a_phone_that_still_holds_newer_rows_keeps_its_code_and_membership() -> None:
    old_forum = ForumFactory(retention_days=30)
    new_forum = ForumFactory(retention_days=3650)
    person = ParticipantFactory()
    old_idea = IdeaFactory(board=IdeaBoardFactory(forum=old_forum), participant=person)
    kept_idea = IdeaFactory(board=IdeaBoardFactory(forum=new_forum), participant=person)
    ForumMembershipFactory(forum=new_forum, participant=person)
    personal_code_issue(participant=person)

    expired_purge(now=timezone.now() + dt.timedelta(days=31))

    assert Idea.objects.get(pk=old_idea.pk).participant_id != person.pk
    assert Idea.objects.get(pk=kept_idea.pk).participant_id == person.pk
    assert ForumMembership.objects.filter(participant=person).count() == 1
    assert PersonalCode.objects.filter(participant=person).count() == 1


def test_a_person_s_answers_to_one_poll_expire_together_so_the_respondents_stay() -> None:
    forum = ForumFactory(retention_days=30)
    poll = PollFactory(forum=forum, questions=[("Först?", ["Ja", "Nej"]), ("Sen?", ["Ja", "Nej"])])
    first, then = poll.questions.order_by("position", "pk")
    person = ParticipantFactory()
    for question, days_ago in ((first, 40), (then, 10)):
        answer = ResponseFactory(option=question.options.first(), participant=person)
        written = timezone.now() - dt.timedelta(days=days_ago)
        Response.objects.filter(pk=answer.pk).update(updated_at=written)

    def respondents() -> set[int]:
        return set(
            Response.objects.filter(question__poll=poll).values_list("participant", flat=True)
        )

    expired_purge()
    assert respondents() == {person.pk}  # the newer answer keeps both with the person

    expired_purge(now=timezone.now() + dt.timedelta(days=25))
    moved = respondents()
    assert len(moved) == 1
    assert moved != {person.pk}


class TestPurgeNeverTouchesNewerRows(TestCase):
    """For every mix of ages around the cutoff, gallring touches exactly the older rows."""

    @settings(max_examples=20, deadline=None)
    @given(ages=st.lists(st.integers(min_value=0, max_value=60), min_size=1, max_size=6))
    def test_rows_newer_than_the_cutoff_keep_text_and_writer(self, ages: list[int]) -> None:
        now = timezone.now()
        forum = ForumFactory(pre_moderation=False)
        Forum.objects.filter(pk=forum.pk).update(retention_days=30)
        board = IdeaBoardFactory(forum=forum)
        question = Question.objects.create(
            poll=PollFactory(forum=forum, questions=[]), text="?", kind=QuestionKind.OPEN_TEXT
        )
        ideas, answers = [], []
        for age in ages:
            person = ParticipantFactory()
            idea = IdeaFactory(board=board, participant=person, text=f"{SECRET} {age}")
            answer = Response.objects.create(
                question=question, participant=person, answer={"text": f"{SECRET} {age}"}
            )
            written = now - dt.timedelta(days=age, hours=1)
            Idea.objects.filter(pk=idea.pk).update(created_at=written)
            Response.objects.filter(pk=answer.pk).update(updated_at=written)
            ideas.append((idea.pk, person.pk, age))
            answers.append((answer.pk, age))

        expired_purge(now=now)

        for pk, person_id, age in ideas:
            idea = Idea.objects.get(pk=pk)
            if age < 30:
                assert (idea.participant_id, idea.text) == (person_id, f"{SECRET} {age}")
            else:
                assert idea.participant_id != person_id
                assert idea.text == notice(EXPIRED_TEXT)
        for pk, age in answers:
            assert Response.objects.filter(pk=pk).exists() == (age < 30)


# --- self-erasure ---------------------------------------------------------------------------


def test_self_erasure_leaves_nothing_of_the_person_and_keeps_what_others_built_on(
    official: Any,
) -> None:
    world = _world()
    snapshot = _published_brief(world, official)
    others_rows = _rows_linking(world.other.pk)
    tally = _tally(world.choice)

    erased = participant_erase(participant=world.young, code=world.code)

    assert not Participant.objects.filter(pk=world.young.pk).exists()
    assert _rows_linking(world.young.pk) == {}
    assert _free_texts() == [f"{SECRET} svar 1"]  # the other person's answer stays
    assert ParticipantProfile.objects.filter(forum=world.forum).count() == 1
    assert PersonalCode.objects.count() == 0
    # The lone idea is gone; the supported one stays as a notice, with its support.
    assert not Idea.objects.filter(pk=world.lone_idea.pk).exists()
    liked = Idea.objects.get(pk=world.liked_idea.pk)
    assert (liked.title, liked.text) == (notice(ERASED_TEXT), notice(ERASED_TEXT))
    assert liked.participant.stand_in
    assert liked.supports.count() == 1
    # Own comment, support, question and votes gone; the ballot stays without the phone.
    assert world.others_idea.comments.count() == 0
    assert world.others_idea.supports.count() == 0
    assert QaQuestion.objects.count() == 0
    assert Ballot.objects.get().participant_id is None
    # The other person keeps everything except what pointed at the erased person's rows.
    # (their upvote of the erased question and report of the erased comment went with them)
    gone_with_the_posts = {"live.QaUpvote", "moderation.ContentReport"}
    assert _rows_linking(world.other.pk) == {
        label: n for label, n in others_rows.items() if label not in gone_with_the_posts
    }
    assert Response.objects.filter(participant=world.other).count() == 2
    # Results update: one answer fewer; the published brief stays as it was.
    expected = dict(tally)
    first_option = world.choice.options.all()[0].pk
    expected.pop(first_option)
    assert _tally(world.choice) == expected
    assert BriefVersion.objects.get().snapshot == snapshot
    assert erased.counts["ideas_deleted"] == 1
    assert erased.counts["ideas_kept_as_notice"] == 1
    assert erased.counts["poll_answers_deleted"] == 2


def test_erasure_audit_records_of_deleted_posts_go_too() -> None:
    world = _world()
    ModerationAction.objects.create(
        content_type_id=_content_type(Idea),
        object_id=world.lone_idea.pk,
        kind="approve",
        reason=f"{SECRET} citat",
    )
    ModerationAction.objects.create(
        content_type_id=_content_type(Idea),
        object_id=world.liked_idea.pk,
        kind="approve",
        remark=f"{SECRET} citat",
    )

    participant_erase(participant=world.young, code=world.code)

    assert not ModerationAction.objects.filter(object_id=world.lone_idea.pk).exists()
    kept = ModerationAction.objects.get(object_id=world.liked_idea.pk)
    assert (kept.reason, kept.remark) == ("", "")


@pytest.mark.parametrize("kind", ["unknown", "retired", "malformed", "missing", "others"])
def test_a_code_that_is_not_the_phone_s_active_code_is_refused_alike(kind: str) -> None:
    world = _world()
    if kind == "retired":
        code: str | None = world.code
        personal_code_issue(participant=world.young, replace=True)
    else:
        others = personal_code_issue(participant=world.other).code
        code = {
            "unknown": "ABCD-EFGH-JK",
            "malformed": "nej",
            "missing": None,
            "others": others,
        }[kind]
    rows = _rows_per_table()

    with pytest.raises(PersonalCodeWrong) as refused:
        participant_erase(participant=world.young, code=code)

    assert refused.value.code == "personal_code_wrong"
    assert str(refused.value.fields) == str({"code": [PersonalCodeWrong.default_message]})
    assert _rows_per_table() == rows


def test_a_phone_without_a_code_erases_without_one_and_twice_is_harmless() -> None:
    person = ParticipantFactory()
    IdeaFactory(participant=person)

    first = participant_erase(participant=person, code=None)
    second = participant_erase(participant=person, code=None)

    assert first.counts["ideas_deleted"] == 1
    assert second.counts == {}
    assert not Participant.objects.filter(pk=person.pk).exists()


def test_a_phone_that_took_a_history_over_erases_the_whole_history() -> None:
    owner = ParticipantFactory()
    phone = ParticipantFactory(alias_of=owner)
    IdeaFactory(participant=owner)

    participant_erase(participant=phone, code=None)

    assert not Participant.objects.filter(pk__in=[owner.pk, phone.pk]).exists()
    assert Idea.objects.count() == 0


def test_erasure_tells_results_boards_and_live_screens_after_commit(
    published: list[tuple[str, Any]], django_capture_on_commit_callbacks: Any
) -> None:
    world = _world()

    with django_capture_on_commit_callbacks(execute=True):
        participant_erase(participant=world.young, code=world.code)

    groups = {group for group, _event in published}
    assert f"poll-{world.choice.poll_id}" in groups
    assert f"ideas-{world.lone_idea.board_id}" in groups
    assert any(group.startswith("live-") for group in groups)


def test_a_refused_erasure_tells_nobody(
    published: list[tuple[str, Any]], django_capture_on_commit_callbacks: Any
) -> None:
    world = _world()

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(PersonalCodeWrong):
        participant_erase(participant=world.young, code="ABCD-EFGH-JK")

    assert published == []


def _brief_quoting(world: World, official: Any) -> BriefVersion:
    agenda = AgendaItemFactory()
    PollLinkFactory(planning_item=agenda.planning_item, poll=world.choice.poll, note="")
    for position, idea in enumerate((world.liked_idea, world.others_idea)):
        BriefQuote.objects.create(
            agenda_item=agenda,
            text=idea.text,
            source_kind="idea",
            source_id=idea.pk,
            position=position,
        )
    meeting_brief_publish(meeting=agenda.meeting, changelog="", actor=official)
    return BriefVersion.objects.get()


def _snapshot_quotes(version: BriefVersion) -> list[str]:
    version.refresh_from_db()
    return [quote["text"] for item in version.snapshot["items"] for quote in item["quotes"]]


def _without_quotes(snapshot: dict[str, Any]) -> dict[str, Any]:
    items = [{**item, "quotes": len(item["quotes"])} for item in snapshot["items"]]
    return {**snapshot, "items": items}


def test_erasure_replaces_the_person_s_quotes_in_a_published_brief_and_nothing_else(
    official: Any,
) -> None:
    world = _world()
    world.liked_idea.text = f"{SECRET} citat"
    world.liked_idea.save()
    version = _brief_quoting(world, official)
    frozen = _without_quotes(version.snapshot)
    others_text = world.others_idea.text

    erased = participant_erase(participant=world.young, code=world.code)

    assert _snapshot_quotes(version) == [notice(ERASED_TEXT), others_text]
    assert _without_quotes(version.snapshot) == frozen
    assert erased.counts["published_brief_quotes_replaced"] == 1


def test_gallring_replaces_expired_quotes_in_a_published_brief(official: Any) -> None:
    world = _world()
    version = _brief_quoting(world, official)
    frozen = _without_quotes(version.snapshot)

    report = expired_purge(now=_after_period(world))

    assert _snapshot_quotes(version) == [notice(EXPIRED_TEXT)] * 2
    assert _without_quotes(version.snapshot) == frozen
    assert report.totals["published_brief_quotes_replaced"] == 2


def test_gallring_removes_a_workshop_s_quotes_and_note_and_keeps_its_counts(
    official: Any,
) -> None:
    forum = ForumFactory(retention_days=30)
    old = OfflineWorkshopFactory(forum=forum, note=f"{SECRET} anteckning", counts=[5, 3])
    new = OfflineWorkshopFactory(forum=forum, note=f"{SECRET} ny", counts=[1])
    OfflineWorkshop.objects.filter(pk=old.pk).update(
        entered_at=timezone.now() - dt.timedelta(days=31)
    )
    for workshop in (old, new):
        OfflineQuote.objects.create(workshop=workshop, text=f"{SECRET} citat", position=0)
    agenda = AgendaItemFactory()
    for workshop in (old, new):
        WorkshopLinkFactory(planning_item=agenda.planning_item, workshop=workshop, note="")
    version = meeting_brief_publish(meeting=agenda.meeting, changelog="", actor=official)
    items_before = version.snapshot["items"]

    report = expired_purge()

    old.refresh_from_db()
    assert old.note == notice(EXPIRED_TEXT)
    assert not OfflineQuote.objects.filter(workshop=old).exists()
    assert sorted(old.options.values_list("count", flat=True)) == [3, 5]
    assert OfflineWorkshop.objects.get(pk=new.pk).note == f"{SECRET} ny"
    assert OfflineQuote.objects.filter(workshop=new).count() == 1
    version.refresh_from_db()
    published = {w["id"]: w for item in version.snapshot["items"] for w in item["workshops"]}
    assert published[old.pk]["quotes"] == [notice(EXPIRED_TEXT)]
    assert published[new.pk]["quotes"] == [f"{SECRET} citat"]
    for before, after in zip(items_before, version.snapshot["items"], strict=True):
        assert [w["options"] for w in before["workshops"]] == [
            w["options"] for w in after["workshops"]
        ]
    assert report.totals["workshop_quotes_deleted"] == 1
    assert report.totals["workshop_notes_replaced"] == 1
    assert report.totals["published_workshop_quotes_replaced"] == 1


# --- devices --------------------------------------------------------------------------------


def _push_subscription(participant: Participant, *, age_days: int) -> PushSubscription:
    subscription = PushSubscription.objects.create(
        participant=participant,
        endpoint=f"https://fcm.googleapis.com/fcm/send/{uuid.uuid4()}",
        p256dh="B" * 87,
        auth="a" * 22,
    )
    created = timezone.now() - dt.timedelta(days=age_days)
    PushSubscription.objects.filter(pk=subscription.pk).update(created_at=created)
    return subscription


def _last_seen(participant: Participant, *, days_ago: int) -> None:
    seen = timezone.now() - dt.timedelta(days=days_ago)
    Participant.objects.filter(pk=participant.pk).update(last_seen_at=seen)


def test_a_push_subscription_does_not_keep_a_phone_that_holds_nothing_else() -> None:
    forum = ForumFactory(retention_days=30)
    phone = ParticipantFactory()
    ForumMembershipFactory(forum=forum, participant=phone)
    _push_subscription(phone, age_days=1)
    _last_seen(phone, days_ago=31)

    report = expired_purge()

    assert not Participant.objects.filter(pk=phone.pk).exists()
    assert not PushSubscription.objects.exists()
    assert report.participants_deleted == 1


def test_a_push_subscription_unused_for_the_longest_period_goes() -> None:
    ForumFactory(retention_days=30)
    forum = ForumFactory(retention_days=60)
    writer = ParticipantFactory()
    IdeaFactory(board=IdeaBoardFactory(forum=forum), participant=writer)  # keeps the phone
    stale = _push_subscription(writer, age_days=61)
    delivered = _push_subscription(writer, age_days=61)
    PushSubscription.objects.filter(pk=delivered.pk).update(
        last_success_at=timezone.now() - dt.timedelta(days=59)
    )
    young = _push_subscription(writer, age_days=59)

    report = expired_purge()

    assert set(PushSubscription.objects.values_list("pk", flat=True)) == {delivered.pk, young.pk}
    assert not PushSubscription.objects.filter(pk=stale.pk).exists()
    assert report.totals["push_subscriptions_deleted"] == 1
    assert Participant.objects.filter(pk=writer.pk).exists()


def test_an_empty_phone_is_kept_for_the_longest_period_of_its_forums() -> None:
    short, long_kept = ForumFactory(retention_days=30), ForumFactory(retention_days=3650)
    in_both, in_short = ParticipantFactory(), ParticipantFactory()
    for forum in (short, long_kept):
        ForumMembershipFactory(forum=forum, participant=in_both)
    ForumMembershipFactory(forum=short, participant=in_short)
    for phone in (in_both, in_short):
        _last_seen(phone, days_ago=40)

    report = expired_purge()

    assert Participant.objects.filter(pk=in_both.pk).exists()
    assert not Participant.objects.filter(pk=in_short.pk).exists()
    assert report.participants_deleted == 1
