"""GET /api/live/{code}/export.pdf: the summary with charts, for youth workers and officials
only, in the request's language, rate-limited like the other result files."""

import io

import pytest
from pypdf import PdfReader

from api.throttles import DeviceScopedRateThrottle
from forum.core.roles import Role
from tests.api.assertions import assert_error
from tests.factories import UserFactory, live_session_with_activities

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("youth_workers_in_every_forum")]


@pytest.fixture
def session():
    session, _worker = live_session_with_activities()
    return session


def _url(session) -> str:
    return f"/api/live/{session.join_code}/export.pdf"


def _text(content: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)


def test_youth_worker_downloads_the_pdf_summary(session, client_for, youth_worker) -> None:
    response = client_for(youth_worker).get(_url(session))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="rostrum-{session.join_code}-{session.started_at:%Y%m%d}.pdf"'
    )
    assert response["Cache-Control"] == "private, no-store"
    text = _text(response.content)
    assert "Sammanfattning av liveträff" in text  # Swedish by default
    assert "Vilken dag?" in text
    assert "Fråga oss" in text


def test_official_gets_it_in_the_language_they_asked_for(session, client_for, official) -> None:
    response = client_for(official).get(_url(session), HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    text = _text(response.content)
    assert "Live session summary" in text
    assert "Phones that took part" in text


def test_anonymous_is_refused(session, api_client) -> None:
    response = api_client.get(_url(session))

    assert_error(response, 401, "not_authenticated")


def test_a_phone_that_took_part_is_refused(session, api_client) -> None:
    api_client.post("/api/join", {"code": session.join_code}, format="json")

    response = api_client.get(_url(session))

    # The phone's cookie makes it a participant, never staff.
    assert_error(response, 401, "not_authenticated")


@pytest.mark.parametrize("roles", [[Role.COUNCIL_MEMBER], []], ids=["council_member", "no_role"])
def test_other_staff_are_forbidden(session, client_for, roles) -> None:
    response = client_for(UserFactory(roles=roles)).get(_url(session))

    assert_error(response, 403, "permission_denied")


def test_unknown_session_is_not_found(client_for, youth_worker) -> None:
    response = client_for(youth_worker).get("/api/live/ZZZZZZ/export.pdf")

    assert_error(response, 404, "not_found")


def test_result_files_are_rate_limited_per_user(session, client_for, youth_worker, monkeypatch):
    rates = {**DeviceScopedRateThrottle.THROTTLE_RATES, "export": "2/min"}
    monkeypatch.setattr(DeviceScopedRateThrottle, "THROTTLE_RATES", rates)
    client = client_for(youth_worker)
    assert client.get(_url(session)).status_code == 200
    assert client.get(f"/api/live/{session.join_code}/export.csv").status_code == 200

    response = client.get(_url(session))

    assert_error(response, 429, "rate_limited")
    # another youth worker (another device) is not held up
    other = client_for(UserFactory(roles=[Role.YOUTH_WORKER]))
    assert other.get(_url(session)).status_code == 200
