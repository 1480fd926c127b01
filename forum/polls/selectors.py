from dataclasses import dataclass

from django.db.models import Count

from forum.participation.models import Participant
from forum.polls.models import Poll, Question, Response


@dataclass(frozen=True)
class OptionResult:
    option_id: int
    label: str
    count: int
    percent: float


@dataclass(frozen=True)
class QuestionResult:
    question_id: int
    text: str
    total: int
    options: list[OptionResult]


@dataclass(frozen=True)
class PollResults:
    poll_id: int
    participants: int
    questions: list[QuestionResult]


def poll_with_questions(*, poll_id: int) -> Poll | None:
    return (
        Poll.objects.select_related("forum")
        .prefetch_related("questions__options")
        .filter(pk=poll_id)
        .first()
    )


def question_for_answer(*, question_id: int) -> Question | None:
    return Question.objects.select_related("poll").filter(pk=question_id).first()


def poll_results(*, poll: Poll) -> PollResults:
    """Counts and percentages per option: two aggregate queries whatever the turnout."""
    counts: dict[int, int] = {
        row["option_id"]: row["n"]
        for row in Response.objects.filter(question__poll=poll)
        .values("option_id")
        .annotate(n=Count("id"))
    }
    participants = (
        Response.objects.filter(question__poll=poll).values("participant_id").distinct().count()
    )
    questions = []
    for question in poll.questions.all():
        options = list(question.options.all())
        total = sum(counts.get(o.pk, 0) for o in options)
        questions.append(
            QuestionResult(
                question_id=question.pk,
                text=question.text,
                total=total,
                options=[
                    OptionResult(
                        option_id=o.pk,
                        label=o.label,
                        count=counts.get(o.pk, 0),
                        percent=round(100 * counts.get(o.pk, 0) / total, 1) if total else 0.0,
                    )
                    for o in options
                ],
            )
        )
    return PollResults(poll_id=poll.pk, participants=participants, questions=questions)


def participant_answers(*, poll: Poll, participant: Participant | None) -> dict[int, int]:
    """The participant's own current answers: question id -> option id."""
    if participant is None:
        return {}
    return dict(
        Response.objects.filter(question__poll=poll, participant=participant).values_list(
            "question_id", "option_id"
        )
    )
