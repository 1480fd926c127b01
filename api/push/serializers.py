"""A phone's opt-in to 'you said, we did' notices (Web Push, docs/decisions/0058)."""

from rest_framework import serializers

from forum.participation.models import PUSH_LANGUAGES
from forum.participation.services import PUSH_ENDPOINT_MAX_LENGTH


class PushStatusOutput(serializers.Serializer):
    enabled = serializers.BooleanField(
        help_text="False: the server has no VAPID keys, phones cannot opt in (hide the switch)."
    )
    public_key = serializers.CharField(
        help_text="The VAPID public key (base64url) for PushManager.subscribe; empty when "
        "not enabled."
    )
    can_subscribe = serializers.BooleanField(
        help_text="This phone has taken part in something, so there is something to hear about."
    )
    subscribed = serializers.BooleanField(
        help_text="A browser of this phone's participant is subscribed."
    )


class PushKeysInput(serializers.Serializer):
    p256dh = serializers.CharField(max_length=128)
    auth = serializers.CharField(max_length=64)


class PushSubscribeInput(serializers.Serializer):
    """PushSubscription.toJSON() of the browser, and the phone's interface language."""

    endpoint = serializers.CharField(max_length=PUSH_ENDPOINT_MAX_LENGTH)
    keys = PushKeysInput()
    language = serializers.ChoiceField(choices=list(PUSH_LANGUAGES), default="sv")


class PushSubscribedOutput(serializers.Serializer):
    subscribed = serializers.BooleanField()
