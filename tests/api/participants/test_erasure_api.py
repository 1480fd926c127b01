"""/api/participants/me/erase: 'Radera mina svar' by the phone's cookie, confirmed with the
phone's personal code; every wrong code gets the same answer (docs/decisions/0056)."""

import pytest

from api.throttles import DeviceScopedRateThrottle
from forum.core.roles import Role
from forum.ideas.models import Idea
from forum.participation.models import Participant
from tests.api.assertions import assert_error, db_state
from tests.factories import IdeaFactory, UserFactory, participant_with_token

pytestmark = pytest.mark.django_db

ERASE = "/api/participants/me/erase"
CODE = "/api/participants/me/code"


@pytest.fixture
def phone(client_for):
    def make(token: str | None = None):
        client = client_for(None)
        if token:
            client.cookies["rostrum_participant"] = token
        return client

    return make


def test_a_phone_without_a_code_erases_what_it_gave_and_loses_its_cookie(phone):
    participant, token = participant_with_token()
    IdeaFactory(participant=participant, text="Min idé")
    client = phone(token)

    response = client.post(ERASE, {}, format="json")

    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert response.json()["erased"]["ideas_deleted"] == 1
    assert response.cookies["rostrum_participant"].value == ""
    assert not Participant.objects.filter(pk=participant.pk).exists()
    assert Idea.objects.count() == 0
    # Again (a retry after a lost answer): nothing left, nothing refused.
    again = phone(token).post(ERASE, {}, format="json")
    assert again.status_code == 200
    assert again.json() == {"erased": {}}


def test_a_phone_with_a_code_confirms_with_it(phone):
    participant, token = participant_with_token()
    IdeaFactory(participant=participant)
    client = phone(token)
    code = client.post(CODE, {}, format="json").json()["code"]

    response = client.post(ERASE, {"code": code.lower().replace("-", " ")}, format="json")

    assert response.status_code == 200
    assert not Participant.objects.filter(pk=participant.pk).exists()


def test_unknown_retired_and_missing_codes_get_one_answer_and_change_nothing(phone):
    participant, token = participant_with_token()
    IdeaFactory(participant=participant)
    client = phone(token)
    retired = client.post(CODE, {}, format="json").json()["code"]
    client.post(CODE, {"replace": True}, format="json")
    before = db_state()

    answers = [
        client.post(ERASE, body, format="json")
        for body in (
            {"code": retired},
            {"code": "ABCD-EFGH-JK"},
            {"code": "x"},
            {"code": f"{retired} {retired} {retired}"},  # pasted more than once
            {"code": "A" * 500},
            {},
        )
    ]

    for response in answers:
        assert_error(response, 400, "personal_code_wrong")
    assert len({r.content for r in answers}) == 1
    assert db_state() == before
    assert Participant.objects.filter(pk=participant.pk).exists()


@pytest.mark.parametrize("role", [Role.YOUTH_WORKER, Role.COUNCIL_MEMBER])
def test_staff_accounts_cannot_erase(client_for, role):
    participant, token = participant_with_token()
    client = client_for(UserFactory(roles=[role]))
    client.cookies["rostrum_participant"] = token

    assert_error(client.post(ERASE, {}, format="json"), 403, "permission_denied")
    assert Participant.objects.filter(pk=participant.pk).exists()


def test_erasing_is_rate_limited_per_phone(monkeypatch, phone):
    rates = {**DeviceScopedRateThrottle.THROTTLE_RATES, "personal_code": "2/min"}
    monkeypatch.setattr(DeviceScopedRateThrottle, "THROTTLE_RATES", rates)
    _participant, token = participant_with_token()
    client = phone(token)
    client.post(CODE, {}, format="json")
    client.post(ERASE, {"code": "ABCD-EFGH-JK"}, format="json")

    assert_error(client.post(ERASE, {"code": "ABCD-EFGH-JK"}, format="json"), 429, "rate_limited")
