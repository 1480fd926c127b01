"""GET /api/staff/languages for staff, PATCH /api/staff/languages/<code> for admins."""

import pytest

from api.throttles import DeviceScopedRateThrottle
from forum.core.models import LanguageReview
from forum.core.roles import Role
from tests.api.assertions import assert_error
from tests.factories import LanguageReviewFactory, UserFactory

pytestmark = pytest.mark.django_db

LIST = "/api/staff/languages"


def test_staff_see_every_language_with_its_status(client_for, youth_worker) -> None:
    LanguageReviewFactory(language="ar", note="Läst av Amal")

    body = client_for(youth_worker).get(LIST).json()

    assert [row["code"] for row in body] == ["sv", "en", "ar", "so", "ti", "fa", "tr"]
    arabic = body[2]
    assert (arabic["status"], arabic["direction"], arabic["native_name"], arabic["note"]) == (
        "reviewed",
        "rtl",
        "العربية",
        "Läst av Amal",
    )
    assert arabic["reviewed_at"]
    assert arabic["reviewed_by"]
    assert body[0]["status"] == "source"
    assert body[3] | {"reviewed_at": None} == {
        "code": "so",
        "native_name": "Soomaali",
        "english_name": "Somali",
        "direction": "ltr",
        "status": "needs_review",
        "reviewed_by": None,
        "reviewed_at": None,
        "note": "",
    }


def test_an_admin_marks_a_language_reviewed(client_for, admin_staff) -> None:
    response = client_for(admin_staff).patch(
        f"{LIST}/ti", {"reviewed": True, "note": "Läst av Senait"}, format="json"
    )

    assert response.status_code == 200
    body = response.json()
    assert (body["code"], body["status"], body["reviewed_by"], body["note"]) == (
        "ti",
        "reviewed",
        admin_staff.username,
        "Läst av Senait",
    )
    assert LanguageReview.objects.get(language="ti").reviewed_by == admin_staff


def test_an_admin_marks_it_back_to_needs_review(client_for, admin_staff) -> None:
    LanguageReviewFactory(language="tr")

    body = client_for(admin_staff).patch(f"{LIST}/tr", {"reviewed": False}, format="json").json()

    assert (body["status"], body["reviewed_by"], body["reviewed_at"]) == (
        "needs_review",
        None,
        None,
    )


@pytest.mark.parametrize("role", [None, Role.YOUTH_WORKER, Role.OFFICIAL, Role.COUNCIL_MEMBER])
def test_only_admins_may_mark(client_for, role) -> None:
    user = UserFactory(roles=[role]) if role else None

    response = client_for(user).patch(f"{LIST}/ar", {"reviewed": True}, format="json")

    if role is None:
        assert_error(response, 401, "not_authenticated")
    else:
        assert_error(response, 403, "permission_denied")
    assert not LanguageReview.objects.exists()


def test_council_members_do_not_read_the_list(client_for) -> None:
    response = client_for(UserFactory(roles=[Role.COUNCIL_MEMBER])).get(LIST)

    assert_error(response, 403, "permission_denied")


@pytest.mark.parametrize(
    ("code", "body", "field", "error"),
    [
        ("sv", {"reviewed": True}, "language", "invalid"),
        ("xx", {"reviewed": True}, "language", "invalid"),
        ("%3Cscript%3E", {"reviewed": True}, "language", "invalid"),
        ("ar", {}, "reviewed", "invalid"),
        ("ar", {"reviewed": "ja"}, "reviewed", "invalid"),
        ("ar", {"reviewed": True, "note": "x" * 1001}, "note", "invalid"),
        ("ar", {"reviewed": True, "note": "\x00"}, "note", "text_invalid_characters"),
        ("ar", {"reviewed": True, "note": None}, "note", "invalid"),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(
    client_for, admin_staff, code, body, field, error
) -> None:
    response = client_for(admin_staff).patch(f"{LIST}/{code}", body, format="json")

    body = assert_error(response, 400, error)
    assert field in body["fields"]
    assert not LanguageReview.objects.exists()


def test_the_error_is_in_the_admins_language(client_for, admin_staff) -> None:
    response = client_for(admin_staff).patch(
        f"{LIST}/sv", {"reviewed": True}, format="json", HTTP_ACCEPT_LANGUAGE="ar"
    )

    body = assert_error(response, 400, "invalid")
    assert body["fields"]["language"] != ["Choose one of the translated languages (not Swedish)."]


def test_marking_is_rate_limited_as_a_staff_write(client_for, admin_staff, monkeypatch) -> None:
    rates = {**DeviceScopedRateThrottle.THROTTLE_RATES, "staff_write": "2/min"}
    monkeypatch.setattr(DeviceScopedRateThrottle, "THROTTLE_RATES", rates)
    client = client_for(admin_staff)

    for reviewed in (True, False):
        assert client.patch(f"{LIST}/so", {"reviewed": reviewed}, format="json").status_code == 200
    response = client.patch(f"{LIST}/so", {"reviewed": True}, format="json")

    assert_error(response, 429, "rate_limited")
    assert LanguageReview.objects.get(language="so").status == "needs_review"
    assert client.get(LIST).status_code == 200  # reading is never throttled
