"""How a poll's picture is referred to in every output that shows the poll (the poll page,
the builder, live sessions): its URL with a version, the alt text and its size."""

from typing import Any

from rest_framework import serializers


class PollImageOutput(serializers.Serializer):
    url = serializers.CharField()
    alt = serializers.CharField()
    width = serializers.IntegerField()
    height = serializers.IntegerField()


def poll_image_ref(poll: Any) -> dict[str, Any] | None:
    """Where a poll's picture is served, with its alt text; None when it has none.

    The version in the URL changes with every upload, so browsers may cache each one.
    """
    if not poll.image_type:
        return None
    version = int(poll.image_updated_at.timestamp()) if poll.image_updated_at else 0
    return {
        "url": f"/api/polls/{poll.pk}/image?v={version}",
        "alt": poll.image_alt,
        "width": poll.image_width or 0,
        "height": poll.image_height or 0,
    }
