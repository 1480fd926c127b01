from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from forum.participation.models import Forum
from forum.polls.models import Poll

# No 0/O, 1/I/L: codes are read off a big screen and typed on a phone.
JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 6


class LiveSessionState(models.TextChoices):
    RUNNING = "running", _("Running")
    ENDED = "ended", _("Ended")


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
    started_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("live session")
        verbose_name_plural = _("live sessions")

    def __str__(self) -> str:
        return f"{self.title} ({self.join_code})"
