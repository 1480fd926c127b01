"""Serializers for idea boards. Participant outputs never carry staff-only fields
(screen reasons, reports, internal remarks, who moderated): those live in Staff* outputs."""

from django.utils.translation import gettext as _
from rest_framework import serializers

from api.budgets.serializers import MyBudgetOutput
from api.fields import IdField, TextField
from api.localized import (
    LocalizedLanguageField,
    LocalizedTextField,
    TranslationsField,
    board_forum_languages,
)
from forum.core.images import MAX_UPLOAD_BYTES
from forum.core.languages import LANGUAGE_CODES
from forum.ideas.models import Decision, FeedbackStatus
from forum.ideas.selectors import SORTS
from forum.moderation.models import ModerationActionKind, WordAction
from forum.participation.models import Neighbourhood

# --- inputs ---------------------------------------------------------------------------------


class BoardQueryInput(serializers.Serializer):
    sort = serializers.ChoiceField(choices=SORTS, required=False, default="random")


class IdeaInput(serializers.Serializer):
    title = TextField(max_length=120)
    text = TextField(multiline=True, max_length=2000)
    category = TextField(max_length=80, required=False, allow_blank=True, default="")
    neighbourhood = serializers.ChoiceField(
        choices=Neighbourhood.choices, required=False, allow_blank=True, default=""
    )
    idempotency_key = serializers.UUIDField()
    photo = serializers.FileField(
        required=False, allow_null=True, max_length=200, allow_empty_file=False
    )

    def validate_photo(self, value: object) -> object:
        size = getattr(value, "size", 0) or 0
        if size > MAX_UPLOAD_BYTES:
            raise serializers.ValidationError(
                _("The picture is too large. The largest size is %(mb)d MB.")
                % {"mb": MAX_UPLOAD_BYTES // (1024 * 1024)}
            )
        return value


class CommentInput(serializers.Serializer):
    text = TextField(multiline=True, max_length=1000)
    parent_id = IdField(required=False, allow_null=True)
    idempotency_key = serializers.UUIDField()


class BoardCreateInput(serializers.Serializer):
    forum_id = IdField()
    question = TextField(max_length=200)
    description = TextField(
        multiline=True, max_length=2000, required=False, allow_blank=True, default=""
    )
    categories = serializers.ListField(
        child=TextField(max_length=80), required=False, default=list, max_length=12
    )
    opens_at = serializers.DateTimeField(required=False, allow_null=True, default=None)
    closes_at = serializers.DateTimeField(required=False, allow_null=True, default=None)


class ModerateInput(serializers.Serializer):
    action = serializers.ChoiceField(
        choices=[
            ModerationActionKind.APPROVE,
            ModerationActionKind.HIDE,
            ModerationActionKind.REJECT,
            ModerationActionKind.REMARK,
        ]
    )
    reason = TextField(
        multiline=True, max_length=1000, required=False, allow_blank=True, default=""
    )
    remark = TextField(
        multiline=True, max_length=2000, required=False, allow_blank=True, default=""
    )


class ReportsAbuseInput(serializers.Serializer):
    remark = TextField(
        multiline=True, max_length=2000, required=False, allow_blank=True, default=""
    )


class FeedbackInput(serializers.Serializer):
    status = serializers.ChoiceField(choices=FeedbackStatus.choices)
    text = TextField(multiline=True, max_length=2000)
    decision = serializers.ChoiceField(
        choices=Decision.choices, required=False, allow_blank=True, default=""
    )
    planning_item_id = IdField(required=False, allow_null=True)


class WaitingQueryInput(serializers.Serializer):
    days = serializers.IntegerField(min_value=1, max_value=365, required=False, default=30)


class WordListInput(serializers.Serializer):
    words = serializers.ListField(
        child=TextField(max_length=100, allow_blank=True), max_length=5000
    )


class WordListPath(serializers.Serializer):
    language = serializers.ChoiceField(choices=LANGUAGE_CODES)
    action = serializers.ChoiceField(choices=WordAction.choices)


class ForumModerationInput(serializers.Serializer):
    pre_moderation = serializers.BooleanField()
    report_threshold = serializers.IntegerField(min_value=1, max_value=100)


# --- outputs --------------------------------------------------------------------------------


class BoardOutput(serializers.Serializer):
    id = serializers.IntegerField()
    forum_id = serializers.IntegerField()
    forum_name = serializers.CharField(source="forum.name")
    question = serializers.CharField()
    description = serializers.CharField()
    categories = serializers.ListField(child=serializers.CharField())
    opens_at = serializers.DateTimeField(allow_null=True)
    closes_at = serializers.DateTimeField(allow_null=True)
    pre_moderation = serializers.BooleanField(source="forum.pre_moderation")
    translations = TranslationsField()


class ParticipantBoardOutput(BoardOutput):
    """A board in the reader's language; ``*_lang`` "sv" when a text fell back."""

    question = LocalizedTextField(field="question", offered=board_forum_languages)  # type: ignore[assignment]
    question_lang = LocalizedLanguageField(field="question", offered=board_forum_languages)
    description = LocalizedTextField(field="description", offered=board_forum_languages)  # type: ignore[assignment]
    description_lang = LocalizedLanguageField(field="description", offered=board_forum_languages)


class TimelineStepOutput(serializers.Serializer):
    status = serializers.CharField()
    decision = serializers.CharField()
    text = serializers.CharField()
    created_at = serializers.DateTimeField()
    planning_item = serializers.CharField()


class IdeaCardOutput(serializers.Serializer):
    id = serializers.IntegerField()
    board_id = serializers.IntegerField()
    title = serializers.CharField()
    text = serializers.CharField()
    category = serializers.CharField()
    neighbourhood = serializers.CharField()
    has_photo = serializers.BooleanField()
    photo_width = serializers.IntegerField(allow_null=True)
    photo_height = serializers.IntegerField(allow_null=True)
    supports = serializers.IntegerField()
    supported_by_me = serializers.BooleanField()
    comments = serializers.IntegerField()
    feedback_status = serializers.CharField()
    decision = serializers.CharField()
    is_mine = serializers.BooleanField()
    moderation_state = serializers.CharField()
    rejection_reason = serializers.CharField()
    created_at = serializers.DateTimeField()


class BoardWithIdeasOutput(serializers.Serializer):
    board = ParticipantBoardOutput()
    is_open = serializers.BooleanField()
    ideas = IdeaCardOutput(many=True)


class ReplyOutput(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()
    created_at = serializers.DateTimeField()
    is_mine = serializers.BooleanField()
    moderation_state = serializers.CharField()
    rejection_reason = serializers.CharField()


class CommentOutput(ReplyOutput):
    replies = ReplyOutput(many=True)


class IdeaDetailOutput(serializers.Serializer):
    idea = IdeaCardOutput()
    board = ParticipantBoardOutput()
    timeline = TimelineStepOutput(many=True)
    comments = CommentOutput(many=True, source="comment_list")


class SupportOutput(serializers.Serializer):
    idea_id = serializers.IntegerField()
    supported = serializers.BooleanField()
    supports = serializers.IntegerField()


class CommentCreatedOutput(serializers.Serializer):
    id = serializers.IntegerField()
    moderation_state = serializers.CharField()


class ReportOutput(serializers.Serializer):
    reported = serializers.BooleanField()


class VoteOutput(serializers.Serializer):
    poll_id = serializers.IntegerField()
    poll_title = serializers.CharField()
    question = serializers.CharField()
    answer = serializers.CharField()
    poll_status = serializers.CharField()
    answered_at = serializers.DateTimeField()
    planning_items = serializers.ListField(child=serializers.CharField())
    notes = serializers.ListField(child=serializers.CharField())


class MyIdeaOutput(IdeaCardOutput):
    timeline = TimelineStepOutput(many=True)


class MyParticipationOutput(serializers.Serializer):
    ideas = MyIdeaOutput(many=True)
    supported = MyIdeaOutput(many=True)
    votes = VoteOutput(many=True)
    # "You said, we did": every budget this phone proposed to, supported or voted in.
    budgets = MyBudgetOutput(many=True)


# --- staff outputs --------------------------------------------------------------------------


class ModerationActionOutput(serializers.Serializer):
    kind = serializers.CharField()
    from_state = serializers.CharField()
    to_state = serializers.CharField()
    reason = serializers.CharField()
    remark = serializers.CharField()
    actor = serializers.CharField(source="actor.username", allow_null=True, default=None)
    created_at = serializers.DateTimeField()


class QueueItemOutput(serializers.Serializer):
    kind = serializers.CharField()
    id = serializers.IntegerField()
    board_id = serializers.IntegerField()
    board_question = serializers.CharField()
    idea_id = serializers.IntegerField()
    title = serializers.CharField()
    text = serializers.CharField()
    has_photo = serializers.BooleanField()
    moderation_state = serializers.CharField()
    screen_reasons = serializers.ListField(child=serializers.CharField())
    reports = serializers.IntegerField()
    hidden_by_reports = serializers.BooleanField()
    created_at = serializers.DateTimeField()
    history = ModerationActionOutput(many=True)


class StaffIdeaOutput(serializers.Serializer):
    id = serializers.IntegerField()
    board_id = serializers.IntegerField()
    title = serializers.CharField()
    text = serializers.CharField()
    category = serializers.CharField()
    moderation_state = serializers.CharField()
    feedback_status = serializers.CharField()
    decision = serializers.CharField()
    supports = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    first_feedback_at = serializers.DateTimeField(allow_null=True)
    next_steps = serializers.ListField(child=serializers.CharField())
    timeline = TimelineStepOutput(many=True)


class BoardStatsOutput(serializers.Serializer):
    board = BoardOutput()
    ideas = serializers.IntegerField()
    published = serializers.IntegerField()
    pending = serializers.IntegerField()
    with_feedback = serializers.IntegerField()
    median_days_to_first_feedback = serializers.FloatField(allow_null=True)


class StaffBoardOutput(serializers.Serializer):
    board = BoardOutput()
    ideas = StaffIdeaOutput(many=True)


class ModerationResultOutput(serializers.Serializer):
    kind = serializers.CharField()
    to_state = serializers.CharField()


class WordListOutput(serializers.Serializer):
    language = serializers.CharField()
    action = serializers.CharField()
    words = serializers.ListField(child=serializers.CharField())


class ForumModerationOutput(serializers.Serializer):
    forum_id = serializers.IntegerField()
    pre_moderation = serializers.BooleanField()
    report_threshold = serializers.IntegerField()
