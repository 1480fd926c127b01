"""The one-option answer a phone sends to a poll question outside the live room
(``POST /api/questions/{id}/responses``; every other kind goes to .../answers)."""

from typing import Any

from django.db import transaction
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from api.errors import ERRORS
from api.fields import IdField
from api.participant_cookie import participant_ensure, set_participant_cookie
from api.throttles import ThrottledAPIView
from forum.core.errors import NotFound
from forum.polls.selectors import question_for_answer
from forum.polls.services import poll_response_submit


class ResponseInput(serializers.Serializer):
    option_id = IdField()
    idempotency_key = serializers.UUIDField()


class ResponseOutput(serializers.Serializer):
    question_id = serializers.IntegerField()
    option_id = serializers.IntegerField()
    idempotency_key = serializers.UUIDField()
    counted = serializers.SerializerMethodField()

    def get_counted(self, response: Any) -> bool:
        # Only ever serialised after the transaction committed.
        return True


class ResponseSubmitView(ThrottledAPIView):
    throttle_scope = "vote"

    @extend_schema(
        request=ResponseInput,
        responses={200: ResponseOutput, 201: ResponseOutput, **ERRORS},
        tags=["polls"],
    )
    def post(self, request: Request, question_id: int) -> Response:
        data = ResponseInput(data=request.data)
        data.is_valid(raise_exception=True)
        question = question_for_answer(question_id=question_id)
        if question is None:
            raise NotFound()
        # One transaction: a refused answer (closed poll, unknown option...) must not leave
        # a participant row behind; the answer is serialised only once it has committed.
        with transaction.atomic():
            participant, new_token = participant_ensure(request, forum=question.poll.forum)
            answer = poll_response_submit(
                question=question,
                participant=participant,
                option_id=data.validated_data["option_id"],
                idempotency_key=data.validated_data["idempotency_key"],
            )
        response = Response(ResponseOutput(answer).data, status=status.HTTP_200_OK)
        set_participant_cookie(response, new_token)
        return response
