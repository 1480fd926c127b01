"""factory_boy factories for the domain models.

Polls come with questions and options (``PollFactory(questions=[("Q?", ["A", "B"])])``,
one three-option question by default); staff users get their roles as the auth groups the
``core`` data migration creates (``UserFactory(roles=[Role.OFFICIAL])``).
"""

import datetime as dt
import secrets
import uuid
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import factory
from django.contrib.auth.models import Group, User
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from factory.django import DjangoModelFactory

from forum.core.models import Department, DepartmentLevel, LanguageReview, ReviewStatus
from forum.core.roles import Role
from forum.council.models import AgendaItem, DevelopmentArea, Meeting, PlanningItem, PlanningLink
from forum.council.services import LinkUsage
from forum.live.models import (
    LiveSession,
    LiveSessionState,
    OfflineOption,
    OfflineWorkshop,
    WorkshopChoice,
    WorkshopMethod,
)
from forum.live.services import join_code_generate
from forum.participation.models import (
    Forum,
    ForumMembership,
    ForumStaff,
    Participant,
    ParticipantProfile,
)
from forum.participation.services import participant_token_hash
from forum.polls.models import Option, Poll, PollStatus, Question, Response, ResultsVisibility
from forum.polls.services import poll_from_template

T = TypeVar("T")


class ModelFactory(DjangoModelFactory[T]):
    """DjangoModelFactory whose call is typed as returning the model instance."""

    class Meta:
        abstract = True

    if TYPE_CHECKING:

        def __new__(cls, *args: Any, **kwargs: Any) -> T:  # type: ignore[misc]
            ...

        @classmethod
        def create_batch(cls, size: int, **kwargs: Any) -> list[T]: ...


STAFF_PASSWORD = "a-long-test-password-42"
DEFAULT_QUESTIONS: Sequence[tuple[str, Sequence[str]]] = (
    ("Vad ska fritidsgården satsa på?", ("Längre öppettider", "Fler aktiviteter", "Vet inte")),
)


class UserFactory(ModelFactory[User]):
    """A staff user; ``roles`` are Role values, ``password`` is optional (unusable otherwise)."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"staff{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.se")

    @factory.post_generation
    def password(obj: User, create: bool, extracted: str | None, **kwargs: object) -> None:
        if extracted:
            obj.set_password(extracted)
        else:
            obj.set_unusable_password()
        if create:
            obj.save(update_fields=["password"])

    @factory.post_generation
    def roles(obj: User, create: bool, extracted: Sequence[Role] | None, **kwargs: object) -> None:
        if not create or not extracted:
            return
        # get_or_create: transactional tests flush the groups the data migration made.
        obj.groups.add(
            *(Group.objects.get_or_create(name=Role(role).value)[0] for role in extracted)
        )


class TOTPDeviceFactory(ModelFactory[TOTPDevice]):
    """A confirmed authenticator app; ``totp_now(device)`` (tests/support/mfa.py) is its code."""

    class Meta:
        model = TOTPDevice

    user = factory.SubFactory(UserFactory)
    name = "Authenticator app"
    confirmed = True


class LanguageReviewFactory(ModelFactory[LanguageReview]):
    """A language a native speaker has reviewed (the default: no row, needs review)."""

    class Meta:
        model = LanguageReview
        django_get_or_create = ("language",)

    language = "ar"
    status = ReviewStatus.REVIEWED
    reviewed_by = factory.SubFactory(UserFactory, roles=[Role.ADMIN])
    reviewed_at = factory.LazyFunction(timezone.now)


class ForumFactory(ModelFactory[Forum]):
    class Meta:
        model = Forum
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Ungdomsforum {n}")
    slug = factory.Sequence(lambda n: f"forum-{n}")

    @factory.post_generation
    def staff(obj: Forum, create: bool, extracted: Sequence[User] | None, **kwargs: object) -> None:
        """``ForumFactory(staff=[user, ...])``: those users work in the forum (ForumStaff)."""
        if create and extracted:
            for user in extracted:
                ForumStaff.objects.get_or_create(forum=obj, user=user)


class PollFactory(ModelFactory[Poll]):
    """An open poll; ``questions`` takes ``[(text, [labels...]), ...]``."""

    class Meta:
        model = Poll
        skip_postgeneration_save = True

    forum = factory.SubFactory(ForumFactory)
    title = factory.Sequence(lambda n: f"Omröstning {n}")
    status = PollStatus.OPEN
    allow_answer_change = True
    # Explicit, not the model's default (after answering): most tests read results as staff
    # or a big screen would, and live sessions' polls are made with LIVE (the activity
    # decides). Tests of the default itself use the services or the API.
    results_visibility = ResultsVisibility.LIVE
    opened_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def questions(
        obj: Poll,
        create: bool,
        extracted: Sequence[tuple[str, Sequence[str]]] | None,
        **kwargs: object,
    ) -> None:
        if not create:
            return
        specs = DEFAULT_QUESTIONS if extracted is None else extracted
        for q_pos, (text, labels) in enumerate(specs):
            question = Question.objects.create(poll=obj, text=text, position=q_pos)
            Option.objects.bulk_create(
                Option(question=question, label=label, position=o_pos)
                for o_pos, label in enumerate(labels)
            )


class ParticipantFactory(ModelFactory[Participant]):
    """A participant; pass ``token=...`` to know its raw token (see ``participant_with_token``)."""

    class Meta:
        model = Participant

    class Params:
        token = factory.LazyFunction(lambda: secrets.token_urlsafe(32))

    token_hash = factory.LazyAttribute(lambda o: participant_token_hash(o.token))


class ForumMembershipFactory(ModelFactory[ForumMembership]):
    """A device that took part in a forum; by default for a day, so its reports count."""

    class Meta:
        model = ForumMembership

    forum = factory.SubFactory(ForumFactory)
    participant = factory.SubFactory(ParticipantFactory)
    joined_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1))


def participant_with_token() -> tuple[Participant, str]:
    token = secrets.token_urlsafe(32)
    return ParticipantFactory(token=token), token


class ResponseFactory(ModelFactory[Response]):
    class Meta:
        model = Response

    question = factory.LazyAttribute(lambda o: o.option.question)
    participant = factory.SubFactory(ParticipantFactory)
    option = factory.LazyFunction(lambda: PollFactory().questions.get().options.first())
    answer = factory.LazyAttribute(lambda o: {"option_id": o.option.pk} if o.option else {})


class LiveSessionFactory(ModelFactory[LiveSession]):
    """A running session showing an open poll of the same forum, with a random join code."""

    class Meta:
        model = LiveSession

    forum = factory.SubFactory(ForumFactory)
    title = factory.Sequence(lambda n: f"Fredagsfika {n}")
    join_code = factory.LazyFunction(join_code_generate)
    state = LiveSessionState.RUNNING
    current_poll = factory.SubFactory(PollFactory, forum=factory.SelfAttribute("..forum"))


class AdministrationFactory(ModelFactory[Department]):
    """A förvaltning: the top of the department tree."""

    class Meta:
        model = Department

    name = factory.Sequence(lambda n: f"Stadsdelsförvaltning {n}")
    level = DepartmentLevel.ADMINISTRATION
    parent = None


class DepartmentFactory(ModelFactory[Department]):
    """An avdelning under its own förvaltning (pass ``parent`` and ``level`` for others)."""

    class Meta:
        model = Department

    name = factory.Sequence(lambda n: f"Avdelningen för område {n}")
    level = DepartmentLevel.DIVISION
    parent = factory.SubFactory(AdministrationFactory)


class PlanningItemFactory(ModelFactory[PlanningItem]):
    class Meta:
        model = PlanningItem

    title = factory.Sequence(lambda n: f"Planeringsärende {n}")
    reference = factory.Sequence(lambda n: f"1.2.4-{n + 1}-2025")
    area = DevelopmentArea.STRUCTURES
    department = None


class MeetingFactory(ModelFactory[Meeting]):
    class Meta:
        model = Meeting

    title = factory.Sequence(lambda n: f"Nämndsammanträde {n}")
    # Started an hour ago, so tests can mark it held (it cannot be held before it starts);
    # the brief may still be published, as on the morning of a meeting.
    starts_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(hours=1))


class AgendaItemFactory(ModelFactory[AgendaItem]):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    planning_item = factory.SubFactory(PlanningItemFactory)
    position = factory.Sequence(lambda n: n + 1)


class PlanningLinkFactory(ModelFactory[PlanningLink]):
    """A link to whatever target is passed (poll=, idea=, board= or activity=)."""

    class Meta:
        model = PlanningLink

    planning_item = factory.SubFactory(PlanningItemFactory)
    note = "Unga vill ha längre öppettider."


class PollLinkFactory(PlanningLinkFactory):
    poll = factory.SubFactory(PollFactory)


class OfflineWorkshopFactory(ModelFactory[OfflineWorkshop]):
    """A workshop entered by hand; ``counts`` (a list) makes one option per count."""

    class Meta:
        model = OfflineWorkshop
        skip_postgeneration_save = True

    forum = factory.SubFactory(ForumFactory)
    title = "Vad saknar du på fritidsgården?"
    method = WorkshopMethod.STICKY_NOTES
    held_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=3))
    place = "Husby träff"
    participants = 20
    choice = WorkshopChoice.SINGLE

    @factory.post_generation
    def counts(
        obj: OfflineWorkshop, create: bool, extracted: Sequence[int] | None, **kwargs: object
    ) -> None:
        for position, count in enumerate(extracted or ()):
            OfflineOption.objects.create(
                workshop=obj, text=f"Alternativ {position + 1}", count=count, position=position
            )


class WorkshopLinkFactory(PlanningLinkFactory):
    workshop = factory.SubFactory(OfflineWorkshopFactory)


def poll_of(session: LiveSession) -> Poll:
    """The poll a live session shows (factories always give it one)."""
    assert session.current_poll is not None
    return session.current_poll


# --- polls with every question kind -------------------------------------------------------


def all_kinds_specs() -> list[Any]:
    """One question of each kind, as the poll builder would send them."""
    from forum.polls.services import QuestionSpec

    return [
        QuestionSpec(text="Vilken dag?", kind="single_choice", options=["Fredag", "Lördag"]),
        QuestionSpec(
            text="Vilka aktiviteter?",
            kind="multiple_choice",
            options=["Fotboll", "Musik", "Gaming", "Film"],
            config={"min_picks": 1, "max_picks": 2},
        ),
        QuestionSpec(text="Ska gården ha öppet på söndagar?", kind="yes_no"),
        QuestionSpec(
            text="Hur trygg känner du dig?",
            kind="scale",
            config={"scale_min": 1, "scale_max": 5, "label_min": "Otrygg", "label_max": "Trygg"},
        ),
        QuestionSpec(
            text="Rangordna förslagen", kind="ranking", options=["Skatepark", "Bibliotek", "Gym"]
        ),
        QuestionSpec(text="Vad saknar du?", kind="open_text", config={"max_length": 100}),
        QuestionSpec(
            text="Fördela 100 poäng",
            kind="budget",
            options=["Utegym", "Konsert", "Läxhjälp"],
            costs=[60, 50, 30],
            config={"budget": 100, "unit": "points"},
        ),
    ]


def all_kinds_poll(**settings: Any) -> Poll:
    """An open poll in a forum without pre-moderation, with one question of each kind."""
    from forum.polls.services import PollSettings, poll_create

    forum = settings.pop("forum", None) or ForumFactory(pre_moderation=False)
    # Its author works in the forum (youth workers act only in their forums).
    author = UserFactory(roles=[Role.YOUTH_WORKER])
    ForumStaff.objects.get_or_create(forum=forum, user=author)
    poll = poll_create(
        forum=forum,
        title="Allt om fritid",
        questions=all_kinds_specs(),
        actor=author,
        poll_settings=PollSettings(**settings),
    )
    poll.status = PollStatus.OPEN
    poll.opened_at = timezone.now()
    poll.save()
    return poll


def question_of(poll: Poll, kind: str) -> Question:
    return poll.questions.select_related("poll", "poll__forum").get(kind=kind)


# --- idea boards ----------------------------------------------------------------------------

from forum.ideas.models import Comment as IdeaComment  # noqa: E402
from forum.ideas.models import Idea, IdeaBoard  # noqa: E402
from forum.moderation.models import ModerationState  # noqa: E402


class IdeaBoardFactory(ModelFactory[IdeaBoard]):
    """An open board in a post-moderated forum (pass ``forum__pre_moderation=True``)."""

    class Meta:
        model = IdeaBoard

    forum = factory.SubFactory(ForumFactory, pre_moderation=False)
    question = factory.Sequence(lambda n: f"Vad ska förändras i Tensta centrum? {n}")
    categories = factory.LazyFunction(lambda: ["Fritid", "Trygghet", "Miljö"])


class IdeaFactory(ModelFactory[Idea]):
    """A published idea."""

    class Meta:
        model = Idea

    board = factory.SubFactory(IdeaBoardFactory)
    participant = factory.SubFactory(ParticipantFactory)
    title = factory.Sequence(lambda n: f"Idé {n}")
    text = "Fler bänkar och bättre belysning."
    moderation_state = ModerationState.PUBLISHED


class IdeaCommentFactory(ModelFactory[IdeaComment]):
    class Meta:
        model = IdeaComment

    idea = factory.SubFactory(IdeaFactory)
    participant = factory.SubFactory(ParticipantFactory)
    text = "Bra idé!"
    moderation_state = ModerationState.PUBLISHED


# --- council routing ------------------------------------------------------------------------


class ParticipantProfileFactory(ModelFactory[ParticipantProfile]):
    class Meta:
        model = ParticipantProfile

    forum = factory.SubFactory(ForumFactory)
    participant = factory.SubFactory(ParticipantFactory)
    age_band = ""
    gender = ""
    neighbourhood = ""


def answer_poll(
    poll: Poll,
    *,
    option_index: int = 0,
    age_band: str = "",
    gender: str = "",
    neighbourhood: str = "",
    participant: Participant | None = None,
) -> Participant:
    """A participant (new unless given) answers every question of ``poll``, with a profile."""
    participant = participant or ParticipantFactory()
    if age_band or gender or neighbourhood:
        ParticipantProfileFactory(
            forum=poll.forum,
            participant=participant,
            age_band=age_band,
            gender=gender,
            neighbourhood=neighbourhood,
        )
    for question in poll.questions.all():
        ResponseFactory(option=list(question.options.all())[option_index], participant=participant)
    return participant


# --- measurement points (forum/polls/measures.py) ---------------------------------------


def measurement_poll(template: str = "measures") -> Poll:
    return poll_from_template(
        forum=ForumFactory(),
        template=template,
        actor=UserFactory(roles=[Role.OFFICIAL]),
        idempotency_key=uuid.uuid4(),
    )


def answer_measures(
    poll: Poll, *, year: int, position: int, neighbourhood: str = "", times: int = 1
) -> None:
    """``times`` new participants answer every measure with the option at ``position``."""
    when = dt.datetime(year, 6, 1, 12, tzinfo=timezone.get_current_timezone())
    for _ in range(times):
        participant = ParticipantFactory()
        if neighbourhood:
            ParticipantProfileFactory(
                forum=poll.forum, participant=participant, neighbourhood=neighbourhood
            )
        for question in poll.questions.all():
            option = question.options.get(position=position)
            response = Response.objects.create(
                question=question,
                participant=participant,
                option=option,
                answer={"option_id": option.pk},
            )
            Response.objects.filter(pk=response.pk).update(created_at=when)


# --- live activities ------------------------------------------------------------------------


def live_session_with_activities(
    *, pre_moderated: bool = False, pacing: str = "presenter"
) -> tuple[LiveSession, User]:
    """A running session through the real services: two poll questions, a Q&A round and an
    info slide (in that order, the first current), and the youth worker who runs it."""
    from forum.live.models import ActivityKind
    from forum.live.services import live_activity_add, live_pacing_set, live_session_start

    worker = UserFactory(roles=[Role.YOUTH_WORKER])
    forum = ForumFactory(pre_moderation=pre_moderated, staff=[worker])
    poll = PollFactory(
        forum=forum,
        status=PollStatus.DRAFT,
        opened_at=None,
        questions=[("Vilken dag?", ["Fredag", "Lördag"]), ("Vad?", ["Film", "Spel", "Mat"])],
    )
    session = live_session_start(forum=forum, poll=poll, actor=worker, title="Fredagsfika")
    live_activity_add(session=session, actor=worker, kind=ActivityKind.QA, title="Fråga oss")
    live_activity_add(
        session=session, actor=worker, kind=ActivityKind.INFO_SLIDE, title="Paus", body="Fika!"
    )
    if pacing != "presenter":
        live_pacing_set(session=session, actor=worker, pacing=pacing)
    session.refresh_from_db()
    return session, worker


def live_session_all_kinds(
    *, pre_moderated: bool = False, pacing: str = "self"
) -> tuple[LiveSession, User]:
    """A running session showing a poll with one question of every kind (one activity per
    question, the single-choice one current), self-paced unless told otherwise."""
    from forum.live.services import live_pacing_set, live_session_start
    from forum.polls.services import poll_create

    worker = UserFactory(roles=[Role.YOUTH_WORKER])
    forum = ForumFactory(pre_moderation=pre_moderated, staff=[worker])
    poll = poll_create(
        forum=forum, title="Allt om fritid", questions=all_kinds_specs(), actor=worker
    )
    session = live_session_start(forum=forum, poll=poll, actor=worker, title="Fritid")
    if pacing != "presenter":
        live_pacing_set(session=session, actor=worker, pacing=pacing)
    session.refresh_from_db()
    return session, worker


def an_answer_of_each_kind(session: LiveSession) -> dict[str, tuple[int, dict[str, Any]]]:
    """kind -> (question id, a valid answer in the polls shapes) for live_session_all_kinds."""
    answers: dict[str, tuple[int, dict[str, Any]]] = {}
    for activity in session.activities.select_related("question").prefetch_related(
        "question__options"
    ):
        question = activity.question
        assert question is not None
        ids = [o.pk for o in question.options.all()]
        answers[question.kind] = (question.pk, _an_answer(question.kind, ids))
    return answers


def _an_answer(kind: str, ids: list[int]) -> dict[str, Any]:
    if kind in ("single_choice", "yes_no"):
        return {"option_id": ids[0]}
    if kind == "multiple_choice":
        return {"option_ids": ids[:2]}
    if kind == "scale":
        return {"value": 4}
    if kind == "ranking":
        return {"order": list(reversed(ids))}
    if kind == "open_text":
        return {"text": "Ett café med brädspel"}
    return {"allocation": {str(ids[-1]): 30, str(ids[0]): 60}}  # budget: 90 of 100 points


def usages_for(agenda_item: AgendaItem, usage: str = "taken", reason: str = "") -> list[LinkUsage]:
    """The same usage for every input linked to the agenda item's planning item."""
    return [
        LinkUsage(link_id=link.pk, usage=usage, reason=reason or "Ungas röster vägde in.")
        for link in PlanningLink.objects.filter(planning_item_id=agenda_item.planning_item_id)
    ]


# --- participatory budgets ----------------------------------------------------------------

from forum.budgets.models import (  # noqa: E402
    BallotAccess,
    BallotMode,
    BudgetProcess,
    Phase,
    Proposal,
    ProposalStatus,
)


class BudgetProcessFactory(ModelFactory[BudgetProcess]):
    """A knapsack budget of 100 000 kr that phones vote in, in its proposals phase;
    the phases start a month apart from 1 March 2026."""

    class Meta:
        model = BudgetProcess

    forum = factory.SubFactory(ForumFactory)
    title = factory.Sequence(lambda n: f"Medborgarbudget {n}")
    description = "Vad ska 100 000 kr räcka till i Husby?"
    budget_total = 100_000
    ballot_mode = BallotMode.KNAPSACK
    access = BallotAccess.DEVICE
    phase = Phase.PROPOSALS
    proposals_on = dt.date(2026, 3, 1)
    review_on = dt.date(2026, 4, 1)
    ballot_on = dt.date(2026, 5, 1)
    results_on = dt.date(2026, 6, 1)
    implementation_on = dt.date(2026, 7, 1)
    closed_on = dt.date(2026, 12, 1)


class ProposalFactory(ModelFactory[Proposal]):
    """A proposal reviewed as feasible at 20 000 kr (pass ``status=...`` and cost for others)."""

    class Meta:
        model = Proposal

    process = factory.SubFactory(BudgetProcessFactory)
    title = factory.Sequence(lambda n: f"Förslag {n}")
    description = "Fler bänkar i parken."
    status = ProposalStatus.FEASIBLE
    cost = 20_000
    public_reason = "Det går att göra i år."
    reviewed_at = factory.LazyFunction(timezone.now)
