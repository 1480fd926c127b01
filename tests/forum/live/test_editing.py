"""The session editor's services: every activity kind inline on a draft or running
session, edit, duplicate, remove, one move, poll import, templates, the edit version and
its conflicts, and bad input refused with its own code, nothing changed."""

import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forum.core.errors import (
    ActivityAlreadyShown,
    ActivityIsLive,
    BudgetInvalid,
    CostsInvalid,
    CountdownOutOfRange,
    EditConflict,
    InvalidInput,
    OptionsDuplicate,
    OptionsTooMany,
    PermissionDenied,
    QuestionEmpty,
    UnknownTemplate,
)
from forum.core.roles import Role
from forum.live.editing import (
    ActivityDraft,
    live_activity_create,
    live_activity_duplicate,
    live_activity_edit,
    live_session_poll_import,
)
from forum.live.models import ActivityKind, LiveActivity, LiveSession, LiveSessionState
from forum.live.selectors import live_session_snapshot
from forum.live.services import (
    activity_order_moved,
    live_activity_move,
    live_activity_remove,
    live_session_begin,
    live_session_goto,
    live_session_prepare,
)
from forum.live.session_templates import SESSION_TEMPLATES, live_session_from_template
from forum.polls.models import Poll, PollStatus, Question, QuestionKind, ResultsVisibility
from forum.polls.services import MAX_OPTIONS
from tests.factories import (
    ForumFactory,
    UserFactory,
    all_kinds_poll,
    all_kinds_specs,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("youth_workers_in_every_forum")]


@pytest.fixture
def worker():
    return UserFactory(roles=[Role.YOUTH_WORKER], first_name="Sara", last_name="Lind")


@pytest.fixture
def draft(worker) -> LiveSession:
    return live_session_prepare(forum=ForumFactory(), actor=worker, title="Fredagsträff")


def question(activity: LiveActivity) -> Question:
    assert activity.question is not None
    return activity.question


def question_draft(text: str = "Vilken dag?", **kw) -> ActivityDraft:
    kw.setdefault("options", ["Fredag", "Lördag"])
    return ActivityDraft(kind=ActivityKind.POLL_QUESTION, question_text=text, **kw)


def every_kind_drafts() -> list[ActivityDraft]:
    """One draft of each activity kind, and one poll question of each question kind."""
    questions = [
        ActivityDraft(
            kind=ActivityKind.POLL_QUESTION,
            question_text=spec.text,
            question_kind=spec.kind,
            options=list(spec.options),
            config=dict(spec.config),
            costs=list(spec.costs),
        )
        for spec in all_kinds_specs()
    ]
    return [
        *questions,
        ActivityDraft(kind=ActivityKind.WORD_CLOUD, question_text="Ett ord om i dag?"),
        ActivityDraft(kind=ActivityKind.OPEN_WALL, question_text="Vad vill du ändra?"),
        ActivityDraft(kind=ActivityKind.QA, title="Frågor"),
        ActivityDraft(kind=ActivityKind.IDEA_COLLECTION, board_question="Vad ska vi göra?"),
        ActivityDraft(kind=ActivityKind.INFO_SLIDE, title="Välkomna", body="Gå med med koden"),
        ActivityDraft(kind=ActivityKind.COUNTDOWN, title="Prata i par", seconds=120),
    ]


def test_every_kind_is_created_inline_on_a_draft_without_a_poll_first(worker, draft):
    for d in every_kind_drafts():
        live_activity_create(session=draft, actor=worker, draft=d)
    kinds = list(draft.activities.values_list("kind", flat=True))
    assert kinds == [d.kind for d in every_kind_drafts()]
    question_kinds = {
        question(a).kind for a in draft.activities.filter(kind=ActivityKind.POLL_QUESTION)
    }
    assert question_kinds == set(QuestionKind.values)
    # Each inline question has its own draft poll, which opens only when shown.
    cloud = draft.activities.get(kind=ActivityKind.WORD_CLOUD)
    assert question(cloud).kind == QuestionKind.OPEN_TEXT
    assert question(cloud).poll.status == PollStatus.DRAFT
    assert question(cloud).poll.questions.count() == 1
    # Results before answering are each activity's choice: no poll mode overrides it.
    assert {
        question(a).poll.results_visibility for a in draft.activities.exclude(question=None)
    } == {ResultsVisibility.LIVE}


def test_a_word_cloud_with_a_new_question_on_a_draft_no_longer_fails(worker, draft):
    activity = live_activity_create(
        session=draft,
        actor=worker,
        draft=ActivityDraft(kind=ActivityKind.WORD_CLOUD, question_text="Hur mår du?"),
    )
    assert question(activity).text == "Hur mår du?"


def test_on_a_running_session_an_inline_question_is_open_at_once(worker, draft):
    live_activity_create(session=draft, actor=worker, draft=ActivityDraft(kind="qa"))
    live_session_begin(session=draft, actor=worker)
    activity = live_activity_create(session=draft, actor=worker, draft=question_draft())
    assert question(activity).poll.status == PollStatus.OPEN


@pytest.mark.parametrize(
    ("d", "error", "field"),
    [
        (question_draft("   "), QuestionEmpty, "question_text"),
        (ActivityDraft(kind="word_cloud", question_text=""), QuestionEmpty, "question_text"),
        (question_draft(options=["Ja", " ja "]), OptionsDuplicate, "options"),
        (
            question_draft(options=[f"Val {i}" for i in range(MAX_OPTIONS + 1)]),
            OptionsTooMany,
            "options",
        ),
        (ActivityDraft(kind="countdown", seconds=0), CountdownOutOfRange, "seconds"),
        (ActivityDraft(kind="countdown", seconds=-5), CountdownOutOfRange, "seconds"),
        (ActivityDraft(kind="countdown", seconds=86_400), CountdownOutOfRange, "seconds"),
        (ActivityDraft(kind="countdown"), CountdownOutOfRange, "seconds"),
        (ActivityDraft(kind="qa", seconds=30), InvalidInput, "seconds"),
        (question_draft(question_kind="essay"), InvalidInput, "question_kind"),
    ],
)
def test_bad_input_gets_its_code_and_changes_nothing(worker, draft, d, error, field):
    polls_before = Poll.objects.count()
    with pytest.raises(error) as caught:
        live_activity_create(session=draft, actor=worker, draft=d)
    assert field in caught.value.fields
    assert draft.activities.count() == 0
    assert Poll.objects.count() == polls_before
    draft.refresh_from_db()
    assert draft.edit_version == 0


def test_a_countdown_of_exactly_an_hour_is_allowed_and_starts_when_shown(worker, draft):
    live_activity_create(
        session=draft, actor=worker, draft=ActivityDraft(kind="countdown", seconds=3600)
    )
    live_session_begin(session=draft, actor=worker)
    snapshot = live_session_snapshot(code=draft.join_code)
    assert snapshot.session.countdown_ends_at is not None


def test_an_edit_changes_the_question_in_place_and_bumps_the_version(worker, draft):
    activity = live_activity_create(session=draft, actor=worker, draft=question_draft())
    draft.refresh_from_db()
    version = draft.edit_version
    live_activity_edit(
        session=draft,
        activity_id=activity.pk,
        actor=worker,
        title="",
        body="",
        question_text="Vilken kväll?",
        options=["Fredag", "Lördag", "Söndag"],
        expected_version=version,
    )
    activity.refresh_from_db()
    assert question(activity).text == "Vilken kväll?"
    assert [o.label for o in question(activity).options.all()] == ["Fredag", "Lördag", "Söndag"]
    draft.refresh_from_db()
    assert draft.edit_version == version + 1


def budget_draft(**kw) -> ActivityDraft:
    kw.setdefault("config", {"budget": 100, "unit": "points"})
    kw.setdefault("costs", [60, 30])
    return question_draft(
        "Vad ska vi satsa på?",
        question_kind=QuestionKind.BUDGET,
        options=["Skatepark", "Konsert"],
        **kw,
    )


def test_an_edit_keeps_the_config_and_each_options_cost(worker, draft):
    scale = live_activity_create(
        session=draft,
        actor=worker,
        draft=question_draft(
            "Hur trygg känner du dig?",
            question_kind=QuestionKind.SCALE,
            options=[],
            config={"scale_min": 1, "scale_max": 10, "label_min": "Otrygg", "label_max": "Trygg"},
        ),
    )
    budget = live_activity_create(session=draft, actor=worker, draft=budget_draft())
    assert [o.cost for o in question(budget).options.all()] == [60, 30]

    live_activity_edit(
        session=draft,
        activity_id=scale.pk,
        actor=worker,
        title="",
        body="",
        question_text="Hur trygg känner du dig här?",
        question_kind=QuestionKind.SCALE,
        config={"scale_min": 1, "scale_max": 10, "label_min": "Otrygg", "label_max": "Trygg"},
    )
    live_activity_edit(
        session=draft,
        activity_id=budget.pk,
        actor=worker,
        title="",
        body="",
        question_text="Vad ska vi satsa på i år?",
        question_kind=QuestionKind.BUDGET,
        options=["Skatepark", "Konsert", ""],
        config={"budget": 150, "unit": "kr"},
        costs=[70, 40, 5],
    )

    scale_q = question(LiveActivity.objects.get(pk=scale.pk))
    assert scale_q.config["scale_max"] == 10
    assert (scale_q.config["label_min"], scale_q.config["label_max"]) == ("Otrygg", "Trygg")
    budget_q = question(LiveActivity.objects.get(pk=budget.pk))
    assert budget_q.config["budget"] == 150
    assert budget_q.config["unit"] == "kr"
    # The empty last row is no option, and its cost goes with it.
    assert [(o.label, o.cost) for o in budget_q.options.order_by("position")] == [
        ("Skatepark", 70),
        ("Konsert", 40),
    ]


@pytest.mark.parametrize(
    ("d", "error", "field"),
    [
        (budget_draft(config={"budget": 0}), BudgetInvalid, "budget"),
        (budget_draft(config={"budget": "100"}), BudgetInvalid, "budget"),
        (budget_draft(config={}), BudgetInvalid, "budget"),
        (budget_draft(costs=[60]), CostsInvalid, "costs"),
        (budget_draft(costs=[60, -1]), CostsInvalid, "costs"),
        (budget_draft(costs=[60, 2.5]), CostsInvalid, "costs"),
    ],
)
def test_a_bad_budget_or_cost_gets_its_code_and_changes_nothing(worker, draft, d, error, field):
    polls_before = Poll.objects.count()
    with pytest.raises(error) as caught:
        live_activity_create(session=draft, actor=worker, draft=d)
    assert field in caught.value.fields
    assert draft.activities.count() == 0
    assert Poll.objects.count() == polls_before


def test_an_edit_with_duplicate_options_changes_nothing(worker, draft):
    activity = live_activity_create(session=draft, actor=worker, draft=question_draft())
    with pytest.raises(OptionsDuplicate):
        live_activity_edit(
            session=draft,
            activity_id=activity.pk,
            actor=worker,
            title="",
            body="",
            question_text="Vilken kväll?",
            options=["A", "a"],
        )
    activity.refresh_from_db()
    assert question(activity).text == "Vilken dag?"


def test_a_stale_write_is_an_edit_conflict_saying_who_what_and_the_current_values(worker, draft):
    other = UserFactory(roles=[Role.YOUTH_WORKER], first_name="Omar", last_name="Ali")
    activity = live_activity_create(session=draft, actor=worker, draft=question_draft())
    draft.refresh_from_db()
    loaded = draft.edit_version
    live_activity_edit(
        session=draft,
        activity_id=activity.pk,
        actor=other,
        title="Omars rubrik",
        body="",
        expected_version=loaded,
    )
    with pytest.raises(EditConflict) as caught:
        live_activity_edit(
            session=draft,
            activity_id=activity.pk,
            actor=worker,
            title="Saras rubrik",
            body="",
            expected_version=loaded,
        )
    details = caught.value.details
    assert details["edited_by"] == "Omar Ali"
    assert details["action"] == "edit"
    assert details["activity_id"] == activity.pk
    assert details["activity"]["title"] == "Omars rubrik"
    assert details["current_version"] == loaded + 1
    activity.refresh_from_db()
    assert activity.title == "Omars rubrik"  # never silently overwritten


@pytest.mark.parametrize("write", ["create", "remove", "move", "duplicate", "import"])
def test_every_editor_write_checks_the_version(worker, draft, write):
    a = live_activity_create(session=draft, actor=worker, draft=ActivityDraft(kind="qa"))
    live_activity_create(session=draft, actor=worker, draft=ActivityDraft(kind="qa"))
    draft.refresh_from_db()
    stale = draft.edit_version - 1
    before = list(draft.activities.values_list("pk", "position"))
    calls = {
        "create": lambda: live_activity_create(
            session=draft, actor=worker, draft=ActivityDraft(kind="qa"), expected_version=stale
        ),
        "remove": lambda: live_activity_remove(
            session=draft, activity_id=a.pk, actor=worker, expected_version=stale
        ),
        "move": lambda: live_activity_move(
            session=draft, activity_id=a.pk, actor=worker, to_index=1, expected_version=stale
        ),
        "duplicate": lambda: live_activity_duplicate(
            session=draft, activity_id=a.pk, actor=worker, expected_version=stale
        ),
        "import": lambda: live_session_poll_import(
            session=draft,
            poll=all_kinds_poll(forum=draft.forum),
            actor=worker,
            expected_version=stale,
        ),
    }
    with pytest.raises(EditConflict):
        calls[write]()
    assert list(draft.activities.values_list("pk", "position")) == before


def test_a_retried_create_returns_the_first_activity(worker, draft):
    key = uuid.uuid4()
    first = live_activity_create(
        session=draft, actor=worker, draft=question_draft(), idempotency_key=key
    )
    again = live_activity_create(
        session=draft, actor=worker, draft=question_draft(), idempotency_key=key
    )
    assert again.pk == first.pk
    assert draft.activities.count() == 1


def test_duplicate_copies_right_after_with_its_own_question(worker, draft):
    first = live_activity_create(session=draft, actor=worker, draft=question_draft())
    last = live_activity_create(session=draft, actor=worker, draft=ActivityDraft(kind="qa"))
    key = uuid.uuid4()
    copy = live_activity_duplicate(
        session=draft, activity_id=first.pk, actor=worker, idempotency_key=key
    )
    again = live_activity_duplicate(
        session=draft, activity_id=first.pk, actor=worker, idempotency_key=key
    )
    assert again.pk == copy.pk
    assert list(draft.activities.values_list("pk", flat=True)) == [first.pk, copy.pk, last.pk]
    assert copy.question_id != first.question_id
    assert question(copy).text == question(first).text
    assert [o.label for o in question(copy).options.all()] == ["Fredag", "Lördag"]


def test_moving_the_live_activity_is_refused_with_its_own_code(worker, draft):
    a = live_activity_create(session=draft, actor=worker, draft=ActivityDraft(kind="qa"))
    b = live_activity_create(session=draft, actor=worker, draft=ActivityDraft(kind="qa"))
    c = live_activity_create(session=draft, actor=worker, draft=ActivityDraft(kind="qa"))
    live_session_begin(session=draft, actor=worker)
    with pytest.raises(ActivityIsLive):
        live_activity_move(session=draft, activity_id=a.pk, actor=worker, to_index=2)
    with pytest.raises(ActivityAlreadyShown):  # nothing slips in front of what was shown
        live_activity_move(session=draft, activity_id=c.pk, actor=worker, to_index=0)
    live_activity_move(session=draft, activity_id=c.pk, actor=worker, to_index=1)
    assert list(draft.activities.values_list("pk", flat=True)) == [a.pk, c.pk, b.pk]
    live_session_goto(session=draft, actor=worker, step=1)
    live_session_goto(session=draft, actor=worker, step=1)
    with pytest.raises(ActivityAlreadyShown):
        live_activity_move(session=draft, activity_id=c.pk, actor=worker, to_index=2)


def test_a_move_outside_the_list_is_invalid(worker, draft):
    a = live_activity_create(session=draft, actor=worker, draft=ActivityDraft(kind="qa"))
    with pytest.raises(InvalidInput):
        live_activity_move(session=draft, activity_id=a.pk, actor=worker, to_index=1)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    order=st.lists(st.integers(min_value=1, max_value=10_000), unique=True, min_size=1),
    data=st.data(),
)
def test_moving_keeps_a_permutation_with_the_item_where_asked(order, data):
    item = data.draw(st.sampled_from(order))
    to_index = data.draw(st.integers(min_value=0, max_value=len(order) - 1))
    moved = activity_order_moved(order, item, to_index)
    assert sorted(moved) == sorted(order)
    assert moved.index(item) == to_index
    assert [pk for pk in moved if pk != item] == [pk for pk in order if pk != item]


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(moves=st.lists(st.tuples(st.integers(0, 3), st.integers(0, 3)), max_size=6))
def test_any_sequence_of_moves_keeps_every_activity_once(worker, moves):
    session = live_session_prepare(forum=ForumFactory(), actor=worker, title="Flytt")
    ids = [
        live_activity_create(session=session, actor=worker, draft=ActivityDraft(kind="qa")).pk
        for _ in range(4)
    ]
    for which, to_index in moves:
        live_activity_move(session=session, activity_id=ids[which], actor=worker, to_index=to_index)
    positions = list(session.activities.values_list("position", flat=True))
    assert sorted(session.activities.values_list("pk", flat=True)) == sorted(ids)
    assert positions == list(range(4))


def test_import_copies_the_polls_questions_leaving_the_poll_alone(worker, draft):
    poll = all_kinds_poll(forum=draft.forum)
    key = uuid.uuid4()
    created = live_session_poll_import(session=draft, poll=poll, actor=worker, idempotency_key=key)
    again = live_session_poll_import(session=draft, poll=poll, actor=worker, idempotency_key=key)
    assert [a.pk for a in again] == [a.pk for a in created]
    assert len(created) == poll.questions.count()
    assert all(question(a).poll_id != poll.pk for a in created)
    assert created[-2].kind == ActivityKind.OPEN_WALL  # open text shows as a wall
    assert [question(a).text for a in created] == list(
        poll.questions.values_list("text", flat=True)
    )


def test_import_from_another_forum_is_refused(worker, draft):
    with pytest.raises(InvalidInput):
        live_session_poll_import(session=draft, poll=all_kinds_poll(), actor=worker)


@pytest.mark.parametrize("template", [t.key for t in SESSION_TEMPLATES])
def test_each_template_makes_a_ready_draft_in_one_step(worker, template):
    key = uuid.uuid4()
    forum = ForumFactory()
    session = live_session_from_template(
        forum=forum, actor=worker, template=template, idempotency_key=key
    )
    again = live_session_from_template(
        forum=forum, actor=worker, template=template, idempotency_key=key
    )
    assert again.pk == session.pk
    assert session.state == LiveSessionState.DRAFT
    assert session.title
    expected = [
        d.kind for d in next(t for t in SESSION_TEMPLATES if t.key == template).activities()
    ]
    assert list(session.activities.values_list("kind", flat=True)) == expected
    live_session_begin(session=session, actor=worker)


def test_a_blank_session_gets_a_default_name_and_no_activities(worker):
    session = live_session_from_template(forum=ForumFactory(), actor=worker, template="blank")
    assert session.title
    assert session.activities.count() == 0


def test_an_unknown_template_is_refused(worker):
    with pytest.raises(UnknownTemplate):
        live_session_from_template(forum=ForumFactory(), actor=worker, template="nope")
    assert not LiveSession.objects.exists()


def test_only_youth_workers_edit(draft):
    official = UserFactory(roles=[Role.OFFICIAL])
    with pytest.raises(PermissionDenied):
        live_activity_create(session=draft, actor=official, draft=ActivityDraft(kind="qa"))
    with pytest.raises(PermissionDenied):
        live_session_from_template(forum=draft.forum, actor=official, template="blank")
    assert not LiveActivity.objects.exists()
