"""The optional 'about you' questions of a forum, asked once per device and forum."""

from rest_framework import serializers

from forum.participation.models import AgeBand, Gender, Neighbourhood


class AboutYouInput(serializers.Serializer):
    age_band = serializers.ChoiceField(choices=AgeBand.values, allow_blank=True, default="")
    gender = serializers.ChoiceField(choices=Gender.values, allow_blank=True, default="")
    neighbourhood = serializers.ChoiceField(
        choices=Neighbourhood.values, allow_blank=True, default=""
    )


class AboutYouOutput(serializers.Serializer):
    """This device's answers in the forum ("" = not answered, "prefer_not" = would rather
    not say). ``asked``: it already answered or skipped, so nothing offers it again."""

    age_band = serializers.CharField(allow_blank=True)
    gender = serializers.CharField(allow_blank=True)
    neighbourhood = serializers.CharField(allow_blank=True)
    asked = serializers.BooleanField()
    skipped = serializers.BooleanField()
