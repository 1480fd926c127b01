"""/api/participants: personal codes that move a phone's history, with role checks."""

import pytest
from django.test.utils import override_settings

from api.participants.views import IpScopedRateThrottle
from api.throttles import DeviceScopedRateThrottle
from forum.core.roles import Role
from forum.participation.models import PersonalCode
from tests.api.assertions import assert_error, db_state
from tests.factories import PollFactory, UserFactory, answer_poll, participant_with_token

pytestmark = pytest.mark.django_db

CODE = "/api/participants/me/code"
SHOW = "/api/participants/me/code/show"
TRANSFER = "/api/participants/transfer"


@pytest.fixture
def phone(client_for):
    def make(token: str | None = None):
        client = client_for(None)
        if token:
            client.cookies["rostrum_participant"] = token
        return client

    return make


def test_a_phone_gets_its_code_with_a_qr_link_that_keeps_the_code_out_of_the_query(phone):
    _participant, token = participant_with_token()
    client = phone(token)
    assert client.get(CODE).json() == {"has_code": False, "created_at": None, "expires_at": None}

    response = client.post(CODE, {}, format="json")

    assert response.status_code == 201
    body = response.json()
    assert response["Cache-Control"] == "private, no-store"
    assert body["transfer_url"].endswith(f"/mina-svar/flytta#{body['code']}")
    assert "?" not in body["transfer_url"]
    assert body["qr_svg_data_uri"].startswith("data:image/svg+xml")
    assert client.get(CODE).json()["has_code"] is True
    again = client.post(SHOW, {"code": body["code"]}, format="json")
    assert again.status_code == 200
    assert again.json()["code"] == body["code"]


def test_a_second_code_needs_replace_and_replacing_retires_the_old_one(phone):
    _participant, token = participant_with_token()
    client = phone(token)
    old = client.post(CODE, {}, format="json").json()["code"]

    assert_error(client.post(CODE, {}, format="json"), 409, "personal_code_exists")
    new = client.post(CODE, {"replace": True}, format="json").json()["code"]

    assert new != old
    assert_error(client.post(SHOW, {"code": old}, format="json"), 400, "personal_code_wrong")
    assert_error(phone().post(TRANSFER, {"code": old}, format="json"), 410, "personal_code_retired")


def test_phone_b_enters_the_code_and_sees_phone_as_history(phone):
    participant, token = participant_with_token()
    answer_poll(PollFactory(title="Fredagar"), participant=participant)
    code = phone(token).post(CODE, {}, format="json").json()["code"]
    phone_b = phone()
    assert phone_b.get("/api/ideas/mine").json()["votes"] == []

    response = phone_b.post(TRANSFER, {"code": code}, format="json")

    assert response.status_code == 200
    assert response.json() == {"merged": False}
    cookie = response.cookies["rostrum_participant"]
    assert cookie["httponly"]
    assert cookie.value != token
    assert [v["poll_title"] for v in phone_b.get("/api/ideas/mine").json()["votes"]] == ["Fredagar"]
    assert phone_b.get(CODE).json()["has_code"] is True


def test_anonymous_phone_without_cookie_cannot_make_a_code(phone):
    before = db_state()

    assert_error(phone().post(CODE, {}, format="json"), 409, "not_a_participant")
    assert_error(
        phone().post(SHOW, {"code": "ABCD-EFGH-JK"}, format="json"), 409, "not_a_participant"
    )
    assert phone().get(CODE).json()["has_code"] is False
    assert db_state() == before
    assert not PersonalCode.objects.exists()


@pytest.mark.parametrize("role", [Role.YOUTH_WORKER, Role.OFFICIAL, Role.ADMIN])
def test_staff_accounts_neither_hand_out_nor_take_over_a_history(client_for, role):
    _participant, token = participant_with_token()
    code = client_for(None)
    code.cookies["rostrum_participant"] = token
    raw = code.post(CODE, {}, format="json").json()["code"]
    staff = client_for(UserFactory(roles=[role]))
    staff.cookies["rostrum_participant"] = participant_with_token()[1]
    before = db_state()

    assert_error(staff.post(CODE, {}, format="json"), 403, "permission_denied")
    assert_error(staff.post(TRANSFER, {"code": raw}, format="json"), 403, "permission_denied")
    assert db_state() == before


def test_bad_codes_get_clear_codes_and_change_nothing(phone):
    _participant, token = participant_with_token()
    phone(token).post(CODE, {}, format="json")
    _b, token_b = participant_with_token()
    phone_b = phone(token_b)
    before = db_state()

    assert_error(
        phone_b.post(TRANSFER, {"code": "ABCD-EFGH-JK"}, format="json"), 400, "personal_code_wrong"
    )
    body = assert_error(phone_b.post(TRANSFER, {"code": "nope"}, format="json"), 400, "invalid")
    assert "code" in body["fields"]
    assert_error(phone_b.post(TRANSFER, {}, format="json"), 400, "invalid")

    assert db_state() == before


@override_settings(PERSONAL_CODE_MAX_FAILURES=3)
def test_a_device_guessing_codes_is_locked_out_but_another_device_is_not(phone):
    _participant, token = participant_with_token()
    code = phone(token).post(CODE, {}, format="json").json()["code"]
    _g, guesser_token = participant_with_token()
    guesser = phone(guesser_token)
    for _i in range(3):
        assert_error(
            guesser.post(TRANSFER, {"code": "ABCD-EFGH-JK"}, format="json"),
            400,
            "personal_code_wrong",
        )

    before = db_state()
    assert_error(guesser.post(TRANSFER, {"code": code}, format="json"), 429, "personal_code_locked")
    assert db_state() == before
    _o, other_token = participant_with_token()
    assert phone(other_token).post(TRANSFER, {"code": code}, format="json").status_code == 200


def test_guessing_is_rate_limited_per_ip_across_cookies(monkeypatch, phone):
    # A guesser who drops cookies gets a fresh "device" each time; the IP scope still holds.
    rates = {**DeviceScopedRateThrottle.THROTTLE_RATES, "personal_code_ip": "3/min"}
    monkeypatch.setattr(IpScopedRateThrottle, "THROTTLE_RATES", rates)
    monkeypatch.setattr(DeviceScopedRateThrottle, "THROTTLE_RATES", rates)
    for _i in range(3):
        _p, token = participant_with_token()
        phone(token).post(TRANSFER, {"code": "ABCD-EFGH-JK"}, format="json")
    _p, token = participant_with_token()

    response = phone(token).post(TRANSFER, {"code": "ABCD-EFGH-JK"}, format="json")

    assert_error(response, 429, "rate_limited")


def test_the_device_scope_limits_one_phone(monkeypatch, phone):
    rates = {**DeviceScopedRateThrottle.THROTTLE_RATES, "personal_code": "2/min"}
    monkeypatch.setattr(DeviceScopedRateThrottle, "THROTTLE_RATES", rates)
    _p, token = participant_with_token()
    client = phone(token)
    client.post(CODE, {}, format="json")
    client.post(CODE, {"replace": True}, format="json")

    assert_error(client.post(CODE, {"replace": True}, format="json"), 429, "rate_limited")
