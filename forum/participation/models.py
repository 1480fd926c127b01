from django.db import models
from django.utils.translation import gettext_lazy as _


class Forum(models.Model):
    """A youth forum: the place polls, idea boards and live sessions belong to."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("forum")
        verbose_name_plural = _("forums")

    def __str__(self) -> str:
        return self.name


class Participant(models.Model):
    """A pseudonymous young person: nothing but the hash of a random token in a cookie.

    The raw token never reaches the database, so a leaked table cannot be replayed as
    cookies. The token carries 256 bits of randomness, so a plain SHA-256 is enough:
    there is nothing to brute-force that a slow password hash would protect.
    """

    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_seen_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")

    def __str__(self) -> str:
        return f"participant {self.pk}"
