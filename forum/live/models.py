from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from forum.ideas.models import Idea, IdeaBoard
from forum.participation.models import Forum, Participant
from forum.polls.models import Poll, Question

# No 0/O, 1/I/L: codes are read off a big screen and typed on a phone.
JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 6


class LiveSessionState(models.TextChoices):
    # Prepared beforehand: staff build the activity list, phones cannot join yet.
    DRAFT = "draft", _("Being prepared")
    RUNNING = "running", _("Running")
    ENDED = "ended", _("Ended")


class Pacing(models.TextChoices):
    PRESENTER = "presenter", _("Presenter-paced")
    SELF = "self", _("Self-paced")


class LiveSession(models.Model):
    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="live_sessions")
    title = models.CharField(_("title"), max_length=200)
    join_code = models.CharField(max_length=JOIN_CODE_LENGTH, unique=True)
    state = models.CharField(
        max_length=16, choices=LiveSessionState.choices, default=LiveSessionState.RUNNING
    )
    current_poll = models.ForeignKey(
        Poll, on_delete=models.SET_NULL, null=True, blank=True, related_name="live_sessions"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    # Presenter state: what every screen shows now (see services.live_session_* transitions).
    current_activity = models.ForeignKey(
        "LiveActivity", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answering_open = models.BooleanField(default=True)
    results_visible = models.BooleanField(default=True)
    countdown_ends_at = models.DateTimeField(null=True, blank=True)
    pacing = models.CharField(max_length=16, choices=Pacing.choices, default=Pacing.PRESENTER)
    # Phones offer the optional "about you" questions after their first answer; a youth
    # worker may switch that off for a session (a short one, or a group already asked).
    ask_about_you = models.BooleanField(_("ask 'about you'"), default=True)
    version = models.PositiveIntegerField(default=0)
    # The activity list's own version, apart from ``version`` (which every presenter step
    # bumps): an editor sends the one it loaded, a stale write is an edit conflict
    # (docs/decisions/0038). Who made the last edit and what it was, to tell the other.
    edit_version = models.PositiveIntegerField(default=0)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    edited_at = models.DateTimeField(null=True, blank=True)
    last_edit = models.JSONField(default=dict, blank=True)
    # A retried "create session" (template or blank) returns the first one.
    idempotency_key = models.UUIDField(null=True, blank=True)
    started_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["created_by", "idempotency_key"],
                condition=models.Q(idempotency_key__isnull=False),
                name="one_live_session_per_key",
            )
        ]
        verbose_name = _("live session")
        verbose_name_plural = _("live sessions")

    def __str__(self) -> str:
        return f"{self.title} ({self.join_code})"


class ActivityKind(models.TextChoices):
    """What a slot in a session shows. New kinds plug in here and in selectors.ACTIVITY_VIEWS."""

    POLL_QUESTION = "poll_question", _("Poll question")
    # Both read an open-text poll question: the cloud counts its words, the wall shows the
    # answers the forum's moderation rules let through as cards.
    WORD_CLOUD = "word_cloud", _("Word cloud")
    OPEN_WALL = "open_wall", _("Open question wall")
    QA = "qa", _("Questions and answers")
    # Ideas posted here land on an idea board of the forum, under its rules.
    IDEA_COLLECTION = "idea_collection", _("Idea collection")
    INFO_SLIDE = "info_slide", _("Info slide")
    # A timer on the screens (e.g. "5 minutes to talk in groups"): entering it starts it.
    COUNTDOWN = "countdown", _("Countdown")


# Activity kinds that show (and take answers to) a polls.Question.
QUESTION_KINDS = frozenset(
    {ActivityKind.POLL_QUESTION, ActivityKind.WORD_CLOUD, ActivityKind.OPEN_WALL}
)


class LiveActivity(models.Model):
    """One step of a live session, in order: a poll question, a Q&A round or an info slide.

    A poll question activity points at a polls.Question of any kind: the live layer asks the
    polls app for that question's results, so new question types need no change here.
    """

    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="activities")
    position = models.PositiveIntegerField(default=0)
    kind = models.CharField(max_length=32, choices=ActivityKind.choices)
    title = models.CharField(_("title"), max_length=200, blank=True)
    body = models.TextField(_("text"), blank=True)
    # Other languages than Swedish, {"ar": {field: text}} (forum.core.translations).
    translations = models.JSONField(
        _("translations"), default=dict, blank=True, db_default=models.Value({}, models.JSONField())
    )
    TRANSLATABLE_FIELDS = {"title": 200, "body": 4000}  # name -> max length
    question = models.ForeignKey(
        Question, on_delete=models.PROTECT, null=True, blank=True, related_name="live_activities"
    )
    board = models.ForeignKey(
        IdeaBoard, on_delete=models.PROTECT, null=True, blank=True, related_name="live_activities"
    )
    # Optional picture on an info slide: re-encoded, resized and metadata-free
    # (forum/core/images.py), kept in the database like a poll's image.
    image = models.BinaryField(null=True, blank=True, editable=False)
    image_type = models.CharField(max_length=32, blank=True)
    image_width = models.PositiveIntegerField(null=True, blank=True)
    image_height = models.PositiveIntegerField(null=True, blank=True)
    image_alt = models.CharField(_("image description"), max_length=300, blank=True)
    image_updated_at = models.DateTimeField(null=True, blank=True)
    # First time the activity was on the screens: from then on it is part of the record
    # and can no longer be edited, removed or moved (docs/decisions/0016).
    shown_at = models.DateTimeField(null=True, blank=True)
    # A countdown's length (1 s to 1 h, see services.MAX_COUNTDOWN_SECONDS).
    seconds = models.PositiveIntegerField(null=True, blank=True)
    # A retried create or duplicate returns the activity the first try made.
    idempotency_key = models.UUIDField(null=True, blank=True)
    # A question's results reach a phone only once that phone has answered, unless the
    # youth worker lets everyone see them first (seeing the tally before voting sways it).
    results_before_answer = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "idempotency_key"],
                condition=models.Q(idempotency_key__isnull=False),
                name="one_live_activity_per_key",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="countdown") | models.Q(seconds__gte=1, seconds__lte=3600),
                name="countdown_activity_has_seconds",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind__in=["poll_question", "word_cloud", "open_wall"])
                | models.Q(question__isnull=False),
                name="question_activity_has_question",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="idea_collection") | models.Q(board__isnull=False),
                name="idea_collection_activity_has_board",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.position} in session {self.session_id}"


class QaStatus(models.TextChoices):
    PUBLISHED = "published", _("Published")
    HELD = "held", _("Waiting for approval")
    HIDDEN = "hidden", _("Hidden")


class QaQuestion(models.Model):
    """A question a participant asks during a Q&A activity."""

    activity = models.ForeignKey(
        LiveActivity, on_delete=models.CASCADE, related_name="qa_questions"
    )
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="qa_questions"
    )
    text = models.CharField(_("question"), max_length=280)
    # The language it was written in: the writer's language when sending (docs/decisions/0045).
    language = models.CharField(max_length=8, default="sv", db_default="sv")
    status = models.CharField(max_length=16, choices=QaStatus.choices)
    hold_reasons = models.CharField(max_length=200, blank=True)
    answered = models.BooleanField(default=False)
    pinned = models.BooleanField(default=False)
    idempotency_key = models.UUIDField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "idempotency_key"], name="one_qa_question_per_key"
            )
        ]

    def __str__(self) -> str:
        return self.text[:40]


class QaUpvote(models.Model):
    question = models.ForeignKey(QaQuestion, on_delete=models.CASCADE, related_name="upvotes")
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="qa_upvotes"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["question", "participant"], name="one_upvote_per_participant"
            )
        ]

    def __str__(self) -> str:
        return f"upvote on {self.question_id}"


class ActivityIdea(models.Model):
    """An idea posted through an idea-collection activity. The idea itself lives on the
    board (ideas app); this row says which activity collected it, so the session's summary
    and the council's "sessions" channel count exactly what the session produced."""

    activity = models.ForeignKey(
        LiveActivity, on_delete=models.CASCADE, related_name="collected_ideas"
    )
    idea = models.OneToOneField(Idea, on_delete=models.CASCADE, related_name="live_activity_link")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"idea {self.idea_id} from activity {self.activity_id}"


class WorkshopMethod(models.TextChoices):
    """How an in-person workshop collected its answers (on paper, on the wall, out loud)."""

    PAPER_BALLOT = "paper_ballot", _("Paper ballot")
    STICKY_NOTES = "sticky_notes", _("Sticky notes")
    DOT_VOTING = "dot_voting", _("Dot voting")
    WALK = "walk", _("Walk")
    CONVERSATION = "conversation", _("Conversation")
    OTHER = "other", _("Other method")


class WorkshopChoice(models.TextChoices):
    # Single: each participant chose one option, so the counts add up to at most everyone.
    SINGLE = "single", _("One choice each")
    MULTIPLE = "multiple", _("Several choices each")


class OfflineWorkshop(models.Model):
    """The results of a paper or sticky-note workshop, entered by hand by staff afterwards.

    Counted apart from digital input everywhere: nobody in it is a participant row, so
    its counts can never be added to a poll's (docs/decisions/0052).
    """

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="offline_workshops")
    title = models.CharField(_("question asked"), max_length=300)
    method = models.CharField(_("method"), max_length=16, choices=WorkshopMethod.choices)
    held_on = models.DateField(_("held on"))
    place = models.CharField(_("place"), max_length=200)
    participants = models.PositiveIntegerField(_("participants"))
    choice = models.CharField(
        max_length=8, choices=WorkshopChoice.choices, default=WorkshopChoice.SINGLE
    )
    note = models.TextField(_("note"), blank=True, max_length=2000)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    entered_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # A retried "enter results" from a flaky connection returns the first workshop.
    idempotency_key = models.UUIDField(null=True, blank=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(participants__gt=0), name="offline_workshop_participants"
            ),
            models.UniqueConstraint(
                fields=["entered_by", "idempotency_key"],
                condition=models.Q(idempotency_key__isnull=False),
                name="one_offline_workshop_per_key",
            ),
        ]
        verbose_name = _("workshop entered by hand")
        verbose_name_plural = _("workshops entered by hand")

    def __str__(self) -> str:
        return f"{self.title} ({self.held_on})"


class OfflineOption(models.Model):
    workshop = models.ForeignKey(OfflineWorkshop, on_delete=models.CASCADE, related_name="options")
    text = models.CharField(_("option"), max_length=300)
    count = models.IntegerField(_("count"))
    position = models.PositiveIntegerField()

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(count__gte=0), name="offline_option_count_not_negative"
            ),
            models.UniqueConstraint(
                fields=["workshop", "position"], name="offline_option_position_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.text}: {self.count}"


class OfflineQuote(models.Model):
    """Young people's words at the workshop, written down by staff (screened like posts)."""

    workshop = models.ForeignKey(OfflineWorkshop, on_delete=models.CASCADE, related_name="quotes")
    text = models.TextField(_("quote"), max_length=1000)
    position = models.PositiveIntegerField()

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["workshop", "position"], name="offline_quote_position_once"
            ),
        ]

    def __str__(self) -> str:
        return self.text[:40]
