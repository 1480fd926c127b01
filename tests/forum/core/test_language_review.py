"""The review status of each translation: admins mark it, staff read it."""

import pytest
from django.db import IntegrityError, transaction

from forum.core.errors import InvalidInput, NotAuthenticated, PermissionDenied
from forum.core.models import LanguageReview, ReviewStatus
from forum.core.roles import Role
from forum.core.selectors import language_reviews
from forum.core.services import language_review_mark
from tests.factories import LanguageReviewFactory, UserFactory

pytestmark = pytest.mark.django_db


def statuses(viewer) -> dict[str, str]:
    return {row.code: row.status for row in language_reviews(viewer=viewer)}


def test_every_translation_needs_review_until_an_admin_says_otherwise(youth_worker) -> None:
    assert statuses(youth_worker) == {
        "sv": "source",
        "en": "needs_review",
        "ar": "needs_review",
        "so": "needs_review",
        "ti": "needs_review",
        "fa": "needs_review",
        "tr": "needs_review",
    }


def test_an_admin_marks_a_language_reviewed_with_who_and_when(admin_staff, official) -> None:
    language_review_mark(
        language="so", reviewed=True, note="Read by Hodan, 2026-12", actor=admin_staff
    )

    row = next(r for r in language_reviews(viewer=official) if r.code == "so")
    assert (row.status, row.reviewed_by, row.note) == (
        "reviewed",
        admin_staff.username,
        "Read by Hodan, 2026-12",
    )
    assert row.reviewed_at is not None
    assert row.native_name == "Soomaali"


def test_marking_it_back_forgets_the_review(admin_staff) -> None:
    LanguageReviewFactory(language="fa")

    language_review_mark(language="fa", reviewed=False, note="New texts", actor=admin_staff)

    stored = LanguageReview.objects.get(language="fa")
    assert (stored.status, stored.reviewed_by, stored.reviewed_at, stored.note) == (
        ReviewStatus.NEEDS_REVIEW,
        None,
        None,
        "New texts",
    )
    assert LanguageReview.objects.count() == 1


@pytest.mark.parametrize("role", [Role.YOUTH_WORKER, Role.OFFICIAL, Role.COUNCIL_MEMBER])
def test_only_admins_mark_a_language(role) -> None:
    with pytest.raises(PermissionDenied):
        language_review_mark(language="ar", reviewed=True, note="", actor=UserFactory(roles=[role]))
    with pytest.raises(NotAuthenticated):
        language_review_mark(language="ar", reviewed=True, note="", actor=None)
    assert not LanguageReview.objects.exists()


@pytest.mark.parametrize("language", ["sv", "xx", "ar-SA", "", "sv-x-lattlast"])
def test_swedish_and_unknown_codes_cannot_be_marked(admin_staff, language) -> None:
    with pytest.raises(InvalidInput) as raised:
        language_review_mark(language=language, reviewed=True, note="", actor=admin_staff)

    assert "language" in raised.value.fields
    assert not LanguageReview.objects.exists()


def test_a_too_long_note_changes_nothing(admin_staff) -> None:
    with pytest.raises(InvalidInput) as raised:
        language_review_mark(language="tr", reviewed=True, note="x" * 1001, actor=admin_staff)

    assert "note" in raised.value.fields
    assert not LanguageReview.objects.exists()


def test_council_members_and_anonymous_do_not_read_the_list() -> None:
    with pytest.raises(PermissionDenied):
        language_reviews(viewer=UserFactory(roles=[Role.COUNCIL_MEMBER]))
    with pytest.raises(NotAuthenticated):
        language_reviews(viewer=None)


@pytest.mark.parametrize(
    "values",
    [
        {"language": "sv", "status": ReviewStatus.NEEDS_REVIEW},
        {"language": "de", "status": ReviewStatus.NEEDS_REVIEW},
        {"language": "ar", "status": "maybe"},
        {"language": "ar", "status": ReviewStatus.REVIEWED, "reviewed_at": None},
    ],
)
def test_the_database_refuses_what_the_service_refuses(values) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        LanguageReview.objects.create(**values)
