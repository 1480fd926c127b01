"""Serializers for live activities, the presenter state, Q&A and the per-phone "mine" frame."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.fields import IdField, TextField
from api.forums.serializers import ForumRefOutput
from api.live.session_serializers import FullAnswerOutput, LiveSessionOutput, full_answers_body
from api.localized import TranslationsField
from api.polls.images import PollImageOutput, poll_image_ref
from api.polls.outputs import QuestionOutput, QuestionResultOutput
from forum.live.models import ActivityKind, Pacing
from forum.live.phases import Action, Phase
from forum.live.selectors import live_phase
from forum.live.services import LIVE_IDEA_ACTIONS, AnswerAction, QaAction
from forum.polls.models import QuestionKind

# --- inputs ---------------------------------------------------------------------------------


class LiveAnswerInput(serializers.Serializer):
    """An answer to a question of any kind: ``answer`` in the shapes of
    ``POST /api/questions/{id}/answers``, or ``option_id`` alone for a one-option question
    (single choice, yes/no), the shorthand phones have always sent."""

    question_id = IdField()
    answer = serializers.JSONField(required=False)
    option_id = IdField(required=False)
    idempotency_key = serializers.UUIDField()

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if ("answer" in attrs) == ("option_id" in attrs):
            raise serializers.ValidationError(
                {"answer": [_("Send either the answer or the option_id of a one-option question.")]}
            )
        return attrs


class QaPostInput(serializers.Serializer):
    activity_id = IdField()
    text = TextField(multiline=True, max_length=400, allow_blank=True, trim_whitespace=False)
    idempotency_key = serializers.UUIDField()


class QaUpvoteInput(serializers.Serializer):
    question_id = IdField()
    upvote = serializers.BooleanField(default=True)


# The steps of the activity state machine (forum/live/phases.py), in its order.
CONTROL_ACTIONS = [a.value for a in Action]


class LiveControlInput(serializers.Serializer):
    action = serializers.ChoiceField(choices=CONTROL_ACTIONS)
    activity_id = IdField(required=False)
    seconds = serializers.IntegerField(min_value=0, max_value=3600, required=False)
    pacing = serializers.ChoiceField(choices=Pacing.values, required=False)
    ask_about_you = serializers.BooleanField(required=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        needs = {
            "goto": "activity_id",
            "countdown": "seconds",
            "pacing": "pacing",
            "about_you": "ask_about_you",
        }
        wanted = needs.get(attrs["action"])
        if wanted and wanted not in attrs:
            raise serializers.ValidationError({wanted: ["This field is required."]})
        return attrs


class LiveActivityInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ActivityKind.values)
    question_id = IdField(required=False)
    # Idea collection: an existing board of the forum, or a question for a new board.
    board_id = IdField(required=False)
    board_question = TextField(max_length=200, required=False, allow_blank=True)
    title = TextField(max_length=200, required=False, allow_blank=True, default="")
    body = TextField(multiline=True, max_length=4000, required=False, allow_blank=True, default="")
    # Word cloud or wall only, instead of question_id: a new one-question open-text poll.
    question_text = TextField(max_length=300, required=False, allow_blank=False)
    # Question kinds: phones see the results before they answered (default: only after).
    results_before_answer = serializers.BooleanField(required=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if "question_text" in attrs and "question_id" in attrs:
            raise serializers.ValidationError(
                {"question_text": [_("Give a new question or choose one, not both.")]}
            )
        return attrs


class AnswerModerateInput(serializers.Serializer):
    action = serializers.ChoiceField(choices=[a.value for a in AnswerAction])


class QueueEntryInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["qa", "answer"])
    id = IdField()


class QueueModerateInput(serializers.Serializer):
    """Approve or hide the chosen queue entries, or with ``all`` every held one."""

    action = serializers.ChoiceField(choices=[a.value for a in AnswerAction])
    entries = serializers.ListField(
        child=QueueEntryInput(), required=False, max_length=500, allow_empty=False
    )
    all = serializers.BooleanField(default=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs["all"] == ("entries" in attrs):
            raise serializers.ValidationError(
                {"entries": [_("Choose entries, or all held ones, not both.")]}
            )
        return attrs


class QueueModeratedOutput(serializers.Serializer):
    changed = serializers.IntegerField()
    unchanged = serializers.IntegerField()


class EditVersionField(serializers.IntegerField):
    """The session's edit version the editor loaded (absent: not from an editor)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(min_value=0, max_value=2**31 - 1, required=False, **kwargs)


# Generous bounds at the edge; the services give the clear codes (options_too_many,
# countdown_out_of_range, question_empty) for everything inside them.
OPTIONS_INPUT_MAX = 200
SECONDS_INPUT_MAX = 10**7


class QuestionFieldsInput(serializers.Serializer):
    question_text = TextField(max_length=2000, required=False, allow_blank=True)
    question_kind = serializers.ChoiceField(
        choices=QuestionKind.values, default=QuestionKind.SINGLE_CHOICE
    )
    options = serializers.ListField(
        child=TextField(max_length=200, allow_blank=True),
        max_length=OPTIONS_INPUT_MAX,
        default=list,
    )
    config = serializers.DictField(required=False, default=dict)
    costs = serializers.ListField(
        child=serializers.IntegerField(min_value=0, max_value=10**9),
        max_length=OPTIONS_INPUT_MAX,
        default=list,
    )
    seconds = serializers.IntegerField(
        required=False, min_value=-SECONDS_INPUT_MAX, max_value=SECONDS_INPUT_MAX
    )
    # Phones see a question's results before answering it (absent: leave / default off).
    results_before_answer = serializers.BooleanField(required=False)
    expected_version = EditVersionField()


class EditorActivityInput(QuestionFieldsInput):
    """An activity of any kind, its question written inline (``question_text``) or an
    existing one (``question_id``)."""

    kind = serializers.ChoiceField(choices=ActivityKind.values)
    title = TextField(max_length=200, required=False, allow_blank=True, default="")
    body = TextField(multiline=True, max_length=4000, required=False, allow_blank=True, default="")
    question_id = IdField(required=False)
    board_id = IdField(required=False)
    board_question = TextField(max_length=200, required=False, allow_blank=True, default="")
    idempotency_key = serializers.UUIDField(required=False)


class LiveActivityEditInput(QuestionFieldsInput):
    title = TextField(max_length=200, allow_blank=True, default="")
    body = TextField(multiline=True, max_length=4000, allow_blank=True, default="")


class EditorWriteInput(serializers.Serializer):
    """A delete or duplicate from the editor."""

    expected_version = EditVersionField()
    idempotency_key = serializers.UUIDField(required=False)


class LiveActivityMoveInput(serializers.Serializer):
    to_index = serializers.IntegerField(min_value=0, max_value=10_000)
    expected_version = EditVersionField()


class LivePollImportInput(serializers.Serializer):
    poll_id = IdField()
    expected_version = EditVersionField()
    idempotency_key = serializers.UUIDField(required=False)


class LiveActivityOrderInput(serializers.Serializer):
    activity_ids = serializers.ListField(child=IdField(), max_length=200)
    expected_version = EditVersionField()


class LiveDraftInput(serializers.Serializer):
    title = TextField(max_length=200, allow_blank=True, trim_whitespace=True, default="")
    pacing = serializers.ChoiceField(choices=Pacing.values, default=Pacing.PRESENTER)
    ask_about_you = serializers.BooleanField(default=True)
    # "blank" or a template's key: the session is made in one step (title optional).
    template = serializers.CharField(max_length=64, required=False)
    idempotency_key = serializers.UUIDField(required=False)


class SessionTemplateOutput(serializers.Serializer):
    key = serializers.CharField()
    title = serializers.CharField()
    description = serializers.CharField()
    kinds = serializers.ListField(child=serializers.CharField())


class ActivityImageInput(serializers.Serializer):
    image = serializers.FileField()
    alt = TextField(max_length=300, allow_blank=True, trim_whitespace=True)


class LiveIdeaInput(serializers.Serializer):
    activity_id = IdField()
    title = TextField(max_length=200, allow_blank=True, trim_whitespace=False)
    text = TextField(
        multiline=True,
        max_length=2000,
        allow_blank=True,
        trim_whitespace=False,
        required=False,
        default="",
    )
    idempotency_key = serializers.UUIDField()


class LiveIdeaSupportInput(serializers.Serializer):
    idea_id = IdField()
    support = serializers.BooleanField(default=True)


class LiveIdeaModerateInput(serializers.Serializer):
    action = serializers.ChoiceField(choices=[str(a) for a in LIVE_IDEA_ACTIONS])


class QaModerateInput(serializers.Serializer):
    action = serializers.ChoiceField(choices=[a.value for a in QaAction])


# --- outputs --------------------------------------------------------------------------------


class ActivityImageOutput(serializers.Serializer):
    url = serializers.CharField()
    alt = serializers.CharField()
    width = serializers.IntegerField()
    height = serializers.IntegerField()


def activity_image_ref(activity: Any) -> dict[str, Any] | None:
    """Where an info slide's picture is served, with its alt text; None when it has none.
    The version in the URL changes with every upload, so browsers may cache each one."""
    if not activity.image_type:
        return None
    updated = activity.image_updated_at
    version = int(updated.timestamp() * 1000) if updated else 0
    return {
        "url": f"/api/live/{activity.session.join_code}/activities/{activity.pk}/image?v={version}",
        "alt": activity.image_alt,
        "width": activity.image_width or 0,
        "height": activity.image_height or 0,
    }


class BoardRefOutput(serializers.Serializer):
    id = serializers.IntegerField()
    question = serializers.CharField()
    translations = TranslationsField()


class ActivityOutput(serializers.Serializer):
    id = serializers.IntegerField()
    position = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=ActivityKind.values)
    title = serializers.CharField()
    body = serializers.CharField()
    # Title and body in the forum's other languages: phones and the big screen pick.
    translations = TranslationsField()
    question = QuestionOutput(allow_null=True)
    poll_image = serializers.SerializerMethodField()
    board = BoardRefOutput(allow_null=True)
    image = serializers.SerializerMethodField()
    # Once on the screens it is part of the record: no longer edited, moved or removed.
    shown = serializers.SerializerMethodField()
    seconds = serializers.IntegerField(allow_null=True)
    results_before_answer = serializers.BooleanField()

    def get_shown(self, activity: Any) -> bool:
        return activity.shown_at is not None

    @extend_schema_field(ActivityImageOutput(allow_null=True))
    def get_image(self, activity: Any) -> dict[str, Any] | None:
        """An info slide's own picture (if any)."""
        return activity_image_ref(activity)

    @extend_schema_field(PollImageOutput(allow_null=True))
    def get_poll_image(self, activity: Any) -> dict[str, Any] | None:
        """The picture of the poll this activity's question belongs to (if any)."""
        question = activity.question
        return poll_image_ref(question.poll) if question is not None else None


class QaEntryOutput(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()
    upvotes = serializers.IntegerField()
    answered = serializers.BooleanField()
    pinned = serializers.BooleanField()


class WallCardOutput(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()


class WallOutput(serializers.Serializer):
    """An open wall's published answers, newest first (at most 60), and how many there are."""

    cards = WallCardOutput(many=True)
    total = serializers.IntegerField()


class LiveIdeaCardOutput(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    text = serializers.CharField()
    supports = serializers.IntegerField()


class CurrentActivityOutput(serializers.Serializer):
    id = serializers.IntegerField(source="activity.pk")
    kind = serializers.ChoiceField(choices=ActivityKind.values, source="activity.kind")
    answer_count = serializers.IntegerField()
    results = QuestionResultOutput(allow_null=True)
    qa = QaEntryOutput(many=True)
    wall = WallOutput(allow_null=True)
    ideas = LiveIdeaCardOutput(many=True)
    ideas_newest = LiveIdeaCardOutput(many=True)
    # Answers or questions waiting for a youth worker: a count, never their text.
    held = serializers.IntegerField()


class PresenterStateOutput(serializers.Serializer):
    answering_open = serializers.BooleanField()
    results_visible = serializers.BooleanField()
    countdown_ends_at = serializers.DateTimeField(allow_null=True)
    pacing = serializers.ChoiceField(choices=Pacing.values)
    # Phones offer 'about you' after their first answer (unless already asked in the forum).
    ask_about_you = serializers.BooleanField()
    version = serializers.IntegerField()


class PhaseAfterOutput(serializers.Serializer):
    name = serializers.ChoiceField(choices=[p.value for p in Phase])
    actions = serializers.ListField(child=serializers.ChoiceField(choices=CONTROL_ACTIONS))


class PhaseOutput(PhaseAfterOutput):
    """The current activity's phase (one state machine for every screen) and the steps the
    console may offer in it. While counting down, ``after`` is the phase from ``ends_at``."""

    ends_at = serializers.DateTimeField(allow_null=True)
    after = PhaseAfterOutput(allow_null=True)


class LiveStateOutput(LiveSessionOutput):
    """LiveSessionOutput plus activities, the presenter state and the activity's phase."""

    activities = ActivityOutput(many=True)
    current = CurrentActivityOutput(allow_null=True)
    controls = PresenterStateOutput(source="session")
    phase = serializers.SerializerMethodField()

    @extend_schema_field(PhaseOutput)
    def get_phase(self, snapshot: Any) -> dict[str, Any]:
        return dict(PhaseOutput(live_phase(snapshot=snapshot)).data)


class LiveAnswerOutput(serializers.Serializer):
    """A committed answer (any kind): what the REST endpoint returns and a socket ``ack``
    carries. ``option_id`` is set for one-option kinds only."""

    question_id = serializers.IntegerField()
    option_id = serializers.IntegerField(allow_null=True)
    answer = serializers.JSONField()
    text_status = serializers.CharField(allow_blank=True)
    idempotency_key = serializers.UUIDField()
    counted = serializers.SerializerMethodField()

    def get_counted(self, response: Any) -> bool:
        return True  # only ever serialised after the transaction committed


class OwnQuestionOutput(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()
    status = serializers.CharField()


class OwnIdeaOutput(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    status = serializers.CharField()


class MineOutput(serializers.Serializer):
    answers = serializers.SerializerMethodField()
    full_answers = serializers.SerializerMethodField()
    upvoted = serializers.ListField(child=serializers.IntegerField())
    questions = OwnQuestionOutput(many=True)
    supported = serializers.ListField(child=serializers.IntegerField(), required=False)
    ideas = OwnIdeaOutput(many=True, required=False)
    # Already asked 'about you' in this forum (answered or skipped): do not offer it again.
    # Null while the session does not ask.
    about_you_asked = serializers.BooleanField(required=False, allow_null=True)

    def get_answers(self, state: Any) -> dict[str, int]:
        return {str(k): v for k, v in state.answers.items()}

    @extend_schema_field(serializers.DictField(child=FullAnswerOutput()))
    def get_full_answers(self, state: Any) -> dict[str, dict[str, Any]]:
        return full_answers_body(state.full_answers)


class HeldQuestionOutput(serializers.Serializer):
    """A queue entry: a Q&A question (``kind: qa``) or an open-text answer (``answer``)."""

    id = serializers.IntegerField()
    activity_id = serializers.IntegerField()
    text = serializers.CharField()
    status = serializers.CharField()
    reasons = serializers.ListField(child=serializers.CharField())
    # Always sent; optional in the schema so clients written before it still type-check.
    kind = serializers.ChoiceField(choices=["qa", "answer"], required=False)


class OpenTextQuestionOutput(serializers.Serializer):
    """An open-text question of the forum a word cloud or wall can show."""

    id = serializers.IntegerField()
    text = serializers.CharField()
    poll_id = serializers.IntegerField()
    poll_title = serializers.CharField()
    poll_status = serializers.CharField()
    max_length = serializers.IntegerField()


class HeldIdeaOutput(serializers.Serializer):
    id = serializers.IntegerField()
    board_id = serializers.IntegerField()
    title = serializers.CharField()
    text = serializers.CharField()
    status = serializers.CharField()
    reasons = serializers.ListField(child=serializers.CharField())


class ConsoleOutput(serializers.Serializer):
    queue = HeldQuestionOutput(many=True)
    ideas = HeldIdeaOutput(many=True, required=False)


class LiveIdeaOutput(serializers.Serializer):
    """The phone's own idea after posting: published, or held for a youth worker."""

    id = serializers.IntegerField()
    title = serializers.CharField()
    status = serializers.CharField(source="moderation_state")


class LiveIdeaSupportOutput(serializers.Serializer):
    idea_id = serializers.IntegerField()
    supported = serializers.BooleanField()


class PrepareQuestionOutput(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()
    kind = serializers.CharField()
    poll_id = serializers.IntegerField()
    poll_title = serializers.CharField(source="poll.title")


class LivePrepareOutput(serializers.Serializer):
    """A session as its youth worker prepares it: the activities, and what can be added."""

    code = serializers.CharField(source="session.join_code")
    title = serializers.CharField(source="session.title")
    state = serializers.ChoiceField(choices=["draft", "running", "ended"], source="session.state")
    pacing = serializers.ChoiceField(choices=Pacing.values, source="session.pacing")
    ask_about_you = serializers.BooleanField(source="session.ask_about_you")
    forum = ForumRefOutput(source="session.forum")
    current_activity_id = serializers.IntegerField(
        source="session.current_activity_id", allow_null=True
    )
    # Sent back with every editor write; a stale one is an edit_conflict (409).
    edit_version = serializers.IntegerField(source="session.edit_version")
    activities = ActivityOutput(many=True)
    questions = PrepareQuestionOutput(many=True)
    boards = BoardRefOutput(many=True)


class UpvoteOutput(serializers.Serializer):
    question_id = serializers.IntegerField()
    upvoted = serializers.BooleanField()
