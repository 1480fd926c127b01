"""Staff login: the credentials in, who is logged in (and with which roles) out."""

from rest_framework import serializers


class LoginInput(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=256, trim_whitespace=False)


class MeOutput(serializers.Serializer):
    authenticated = serializers.BooleanField()
    username = serializers.CharField(allow_null=True)
    roles = serializers.ListField(child=serializers.CharField())
