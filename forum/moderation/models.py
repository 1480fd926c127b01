from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class WordAction(models.TextChoices):
    BLOCK = "block", _("Block")
    HOLD = "hold", _("Hold for review")


class WordList(models.Model):
    """A staff-replaceable word list for one language and action (one word or phrase a line)."""

    language = models.CharField(max_length=8)
    action = models.CharField(max_length=8, choices=WordAction.choices)
    words = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["language", "action"], name="one_word_list_per_language_action"
            )
        ]

    def __str__(self) -> str:
        return f"{self.language} {self.action}"

    def entries(self) -> list[str]:
        return [line.strip() for line in self.words.splitlines() if line.strip()]
