from rest_framework import serializers


class HealthOutput(serializers.Serializer):
    status = serializers.ChoiceField(choices=["ok", "degraded"])
    database = serializers.CharField()
    channel_layer = serializers.CharField()
    channel_layer_backend = serializers.CharField()
