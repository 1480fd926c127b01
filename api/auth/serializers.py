"""Staff login: the credentials in, who is logged in (and with which roles) out."""

from rest_framework import serializers


class LoginInput(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=256, trim_whitespace=False)


class MeOutput(serializers.Serializer):
    authenticated = serializers.BooleanField()
    username = serializers.CharField(allow_null=True)
    # The roles the account holds; while a second step is owed none of them may act yet.
    roles = serializers.ListField(child=serializers.CharField())
    # Enter a code (app or recovery code) before anything else.
    mfa_required = serializers.BooleanField()
    # Set up two-step verification before anything else (officials and admins).
    mfa_enrolment_required = serializers.BooleanField()
    # Where "Log in with the city's account" starts; null when city login is off.
    city_login_url = serializers.CharField(allow_null=True)


class CodeInput(serializers.Serializer):
    code = serializers.CharField(max_length=32)


class MfaStatusOutput(serializers.Serializer):
    enrolled = serializers.BooleanField()
    required = serializers.BooleanField()  # type: ignore[assignment]  # DRF pops declared fields
    recovery_codes_left = serializers.IntegerField()


class TotpEnrolmentOutput(serializers.Serializer):
    otpauth_url = serializers.CharField()
    secret = serializers.CharField()
    # The otpauth URL as a QR code: an SVG data URI for an <img>.
    qr_svg = serializers.CharField()


class RecoveryCodesOutput(serializers.Serializer):
    recovery_codes = serializers.ListField(child=serializers.CharField())
