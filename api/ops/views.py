"""Operations: the health check a load balancer asks (/healthz, wired in config/urls.py)."""

import asyncio
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import connection
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api.ops.serializers import HealthOutput


@extend_schema(responses=HealthOutput, tags=["ops"])
class HealthView(APIView):
    authentication_classes: list[Any] = []

    def get(self, request: Request) -> Response:
        body = {"status": "ok", "database": "ok", "channel_layer": "ok"}
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
        except Exception as exc:
            body["database"] = f"error: {type(exc).__name__}"
        layer = get_channel_layer()
        body["channel_layer_backend"] = type(layer).__name__ if layer else "none"
        try:
            if layer is None:
                raise RuntimeError("no channel layer configured")
            # A round trip through the layer proves it accepts and delivers messages.
            async_to_sync(_layer_round_trip)(layer)
        except Exception as exc:
            body["channel_layer"] = f"error: {type(exc).__name__}"
        healthy = body["database"] == "ok" and body["channel_layer"] == "ok"
        body["status"] = "ok" if healthy else "degraded"
        return Response(body, status=200 if healthy else 503)


async def _layer_round_trip(layer: Any) -> None:
    channel = await layer.new_channel("health.")
    await layer.send(channel, {"type": "health.ping"})
    await asyncio.wait_for(layer.receive(channel), timeout=2)
