"""A finished live session with one activity of every kind, built through the real services:
the data behind the summary, export and PDF tests (and the committed screenshot)."""

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from forum.core.roles import Role
from forum.ideas.models import Idea, IdeaBoard
from forum.ideas.services import idea_support_add
from forum.live.models import ActivityIdea, ActivityKind, LiveActivity, LiveSession, QaQuestion
from forum.live.services import (
    live_activity_add,
    live_session_end,
    live_session_goto,
    live_session_start,
    qa_question_moderate,
    qa_question_post,
    qa_upvote_add,
)
from forum.moderation.models import ModerationState
from forum.participation.models import Participant
from forum.polls.models import Poll, Question
from forum.polls.services import (
    PollSettings,
    QuestionSpec,
    poll_answer_submit,
    poll_create,
    poll_open,
)
from tests.factories import (
    ForumFactory,
    IdeaBoardFactory,
    IdeaFactory,
    ParticipantFactory,
    UserFactory,
    all_kinds_specs,
)

PHONES = 12
LONG_QUESTION = (
    "Varför stänger fritidsgården redan klockan nio på fredagar när det är då vi behöver "
    "den som mest, och vem bestämmer det egentligen?"
)


@dataclass
class FullSession:
    session: LiveSession
    worker: Any
    phones: list[Participant]
    board: IdeaBoard


def _answer(question: Question, participant: Participant, answer: dict[str, Any]) -> None:
    poll_answer_submit(
        question=question, participant=participant, answer=answer, idempotency_key=uuid.uuid4()
    )


def _options(question: Question) -> list[int]:
    return list(question.options.order_by("position", "id").values_list("pk", flat=True))


def _answer_every_kind(poll: Poll, phones: list[Participant]) -> None:
    questions = {q.kind: q for q in poll.questions.all()}
    fredag, lordag = _options(questions["single_choice"])
    fotboll, musik, gaming, _film = _options(questions["multiple_choice"])
    ja, nej, _vet_inte = _options(questions["yes_no"])
    skate, bibliotek, gym = _options(questions["ranking"])
    utegym, konsert, laxhjalp = _options(questions["budget"])
    texts = [
        "Mer musik och fika",
        "Fler kvällar med musik",
        "Ring mig på 070-1234567",  # personal details: held, never shown
        "Bättre wifi",
        "Musik och en ateljé",
        "Fika!",
    ]
    for n, phone in enumerate(phones):
        _answer(questions["single_choice"], phone, {"option_id": fredag if n < 7 else lordag})
        picks = [gaming] + ([fotboll] if n < 6 else [musik] if n < 11 else [])
        _answer(questions["multiple_choice"], phone, {"option_ids": picks})
        _answer(questions["yes_no"], phone, {"option_id": ja if n < 7 else nej})
        _answer(questions["scale"], phone, {"value": 3 if n < 5 else 4})
        order = [skate, gym, bibliotek] if n < 7 else [bibliotek, skate, gym]
        _answer(questions["ranking"], phone, {"order": order})
        allocation = {str(utegym): 60, str(laxhjalp): 40} if n < 7 else {str(konsert): 100}
        _answer(questions["budget"], phone, {"allocation": allocation})
        if n < len(texts):
            _answer(questions["open_text"], phone, {"text": texts[n]})


def live_session_with_every_kind() -> FullSession:
    """12 phones through 7 poll questions (one of each kind), an info slide, a word cloud,
    an open wall, a Q&A round and an idea collection; then the session ends."""
    worker = UserFactory(roles=[Role.YOUTH_WORKER])
    forum = ForumFactory(name="Tensta ungdomsråd", pre_moderation=False, staff=[worker])
    poll = poll_create(
        forum=forum,
        title="Fritid i Tensta",
        questions=all_kinds_specs(),
        actor=worker,
        poll_settings=PollSettings(),
    )
    words = poll_create(
        forum=forum,
        title="Ord",
        questions=[
            QuestionSpec(text="Beskriv gården med ett ord", kind="open_text"),
            QuestionSpec(text="Vad vill du säga till politikerna?", kind="open_text"),
        ],
        actor=worker,
        poll_settings=PollSettings(),
    )
    poll_open(poll=words, actor=worker)
    session = live_session_start(
        forum=forum, poll=poll, actor=worker, title="Fredagsmöte på gården"
    )
    cloud_q, wall_q = Question.objects.filter(poll_id=words.pk).order_by("position")
    live_activity_add(session=session, actor=worker, kind=ActivityKind.INFO_SLIDE, title="Paus")
    live_activity_add(
        session=session, actor=worker, kind=ActivityKind.COUNTDOWN, title="Prata", seconds=60
    )
    live_activity_add(session=session, actor=worker, kind=ActivityKind.WORD_CLOUD, question=cloud_q)
    live_activity_add(session=session, actor=worker, kind=ActivityKind.OPEN_WALL, question=wall_q)
    qa = live_activity_add(
        session=session, actor=worker, kind=ActivityKind.QA, title="Fråga politikerna"
    )
    board = IdeaBoardFactory(forum=forum, question="Hur blir gården bättre?")
    ideas_activity = LiveActivity.objects.create(
        session=session,
        position=qa.position + 1,
        kind=ActivityKind.IDEA_COLLECTION,
        title="Idéer för gården",
        board=board,
    )
    phones = [ParticipantFactory() for _ in range(PHONES)]
    poll.refresh_from_db()
    _answer_every_kind(poll, phones)

    for n, word in enumerate(["mys", "trygg", "Mys och fika", "hemma", "mys", "trygg", "kul"]):
        _answer(cloud_q, phones[n], {"text": word})
    for n, text in enumerate(["Lyssna på oss", "Öppna längre", "Mer pengar till gården"]):
        _answer(wall_q, phones[n], {"text": text})

    live_session_goto(session=session, actor=worker, activity_id=qa.pk)
    asked = {}
    for n, text in enumerate(["Kan vi få en skatepark?", LONG_QUESTION, "När öppnar gymmet?"]):
        asked[text] = qa_question_post(
            session=session,
            participant=phones[n],
            activity_id=qa.pk,
            text=text,
            idempotency_key=uuid.uuid4(),
        )
    held = qa_question_post(
        session=session,
        participant=phones[3],
        activity_id=qa.pk,
        text="Ring mig på 070-7654321",
        idempotency_key=uuid.uuid4(),
    )
    assert held.status == "held"
    for phone in phones[:6]:
        qa_upvote_add(session=session, participant=phone, question_id=asked[LONG_QUESTION].pk)
    for phone in phones[6:8]:
        qa_upvote_add(
            session=session, participant=phone, question_id=asked["Kan vi få en skatepark?"].pk
        )
    for question, action in (
        (asked["Kan vi få en skatepark?"], "answered"),
        (asked["När öppnar gymmet?"], "pin"),
    ):
        qa_question_moderate(session=session, question_id=question.pk, action=action, actor=worker)

    live_session_goto(session=session, actor=worker, activity_id=ideas_activity.pk)
    old = IdeaFactory(board=board, title="En idé från förra månaden")
    Idea.objects.filter(pk=old.pk).update(created_at=session.started_at - dt.timedelta(days=30))
    lampor = IdeaFactory(board=board, participant=phones[0], title="Fler lampor vid entrén")
    soffor = IdeaFactory(board=board, participant=phones[1], title="Nya soffor")
    held_idea = IdeaFactory(
        board=board,
        participant=phones[2],
        title="Ring 070-1112223",
        moderation_state=ModerationState.HELD,
    )
    # Posted through the activity (live_idea_submit records which one collected them);
    # the old idea and one posted on the board's own page meanwhile are not its outcome.
    for idea in (lampor, soffor, held_idea):
        ActivityIdea.objects.create(activity=ideas_activity, idea=idea)
    IdeaFactory(board=board, title="Från tavlans egen sida")
    for phone in phones[2:9]:
        idea_support_add(idea=lampor, participant=phone)
    for phone in phones[9:11]:
        idea_support_add(idea=soffor, participant=phone)

    session = live_session_end(session=session, actor=worker)
    assert session.ended_at is not None  # a session of an hour and a quarter
    LiveSession.objects.filter(pk=session.pk).update(
        started_at=session.ended_at - dt.timedelta(minutes=75)
    )
    session.refresh_from_db()
    assert QaQuestion.objects.filter(activity=qa).count() == 4
    return FullSession(session=session, worker=worker, phones=phones, board=board)
