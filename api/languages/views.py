"""Staff: the languages Röstrum speaks and whether a native speaker has reviewed each."""

from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from api.errors import ERRORS
from api.languages import serializers as s
from api.throttles import ThrottledAPIView
from forum.core.roles import Role, require_role
from forum.core.selectors import language_reviews
from forum.core.services import language_review_mark

TAGS = ["staff"]


class LanguageListView(ThrottledAPIView):
    @extend_schema(responses={200: s.LanguageReviewOutput(many=True), **ERRORS}, tags=TAGS)
    def get(self, request: Request) -> Response:
        rows = language_reviews(viewer=request.user)
        return Response(s.LanguageReviewOutput(rows, many=True).data)


class LanguageReviewView(ThrottledAPIView):
    throttle_scope = "staff_write"

    @extend_schema(
        request=s.LanguageReviewInput,
        responses={200: s.LanguageReviewOutput, **ERRORS},
        tags=TAGS,
    )
    def patch(self, request: Request, language: str) -> Response:
        # Who first: a phone's empty body is a 401/403, not a list of missing fields.
        require_role(request.user, Role.ADMIN)
        data = s.LanguageReviewInput(data=request.data)
        data.is_valid(raise_exception=True)
        language_review_mark(language=language, actor=request.user, **data.validated_data)
        row = next(r for r in language_reviews(viewer=request.user) if r.code == language)
        return Response(s.LanguageReviewOutput(row).data)
