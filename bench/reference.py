"""The yardstick of the HTTP bench: a plain DRF view doing one indexed read and one write.

POST with a participant cookie: the participant is read by its token hash (a unique
index) and its ``last_seen_at`` updated (one UPDATE, committed). Same middleware, same
authentication and the same JSON renderer as the hot requests, none of their work; what
join, live state and answer cost beyond this is what they do themselves.
"""

from django.conf import settings
from django.utils import timezone
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from forum.participation.models import Participant
from forum.participation.services import participant_token_hash


class ReferenceView(APIView):
    def post(self, request: Request) -> Response:
        token = request.COOKIES.get(settings.PARTICIPANT_COOKIE_NAME, "")
        participant = (
            Participant.objects.only("pk").filter(token_hash=participant_token_hash(token)).first()
        )
        if participant is None:
            return Response({"code": "not_found", "message": "", "fields": {}}, status=404)
        Participant.objects.filter(pk=participant.pk).update(last_seen_at=timezone.now())
        return Response({"id": participant.pk, "ok": True})
