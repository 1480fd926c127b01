"""A phone's personal code, and the optional 'about you' questions of a forum (asked once
per device and forum)."""

from rest_framework import serializers

from forum.participation.models import AgeBand, Gender, Neighbourhood


class PersonalCodeStatusOutput(serializers.Serializer):
    """Whether this phone's participant has a usable personal code (never the code itself:
    only its hash is stored; the phone that made it keeps it)."""

    has_code = serializers.BooleanField()
    created_at = serializers.DateTimeField(allow_null=True)
    expires_at = serializers.DateTimeField(allow_null=True)


class PersonalCodeIssueInput(serializers.Serializer):
    replace = serializers.BooleanField(
        default=False, help_text="Retire the active code and make a new one (“Byt kod”)."
    )


class PersonalCodeInput(serializers.Serializer):
    code = serializers.CharField(
        max_length=32, help_text="ABCD-EFGH-JK; spaces and dashes are ignored."
    )


class PersonalCodeOutput(serializers.Serializer):
    code = serializers.CharField(help_text="Grouped as ABCD-EFGH-JK.")
    transfer_url = serializers.CharField(
        help_text="Link for the QR code: the code is in the #fragment, never sent to a server."
    )
    qr_svg_data_uri = serializers.CharField(
        help_text="The QR code of transfer_url as an SVG data URI."
    )
    created_at = serializers.DateTimeField()
    expires_at = serializers.DateTimeField()


class TransferOutput(serializers.Serializer):
    merged = serializers.BooleanField(
        help_text="This phone had its own history, which was merged into the moved one."
    )


class ErasureInput(serializers.Serializer):
    # No max_length: a code too long is a wrong code like any other (one answer for all).
    code = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="This phone's personal code, required when the phone has an active one.",
    )


class ErasureOutput(serializers.Serializer):
    erased = serializers.DictField(
        child=serializers.IntegerField(),
        help_text="How many rows of each kind were deleted, kept as a notice or cut loose "
        "from the phone (kinds: forum/participation/retention.py and the layers' parts).",
    )


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
