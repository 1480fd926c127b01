"""Ids a client sends, in a path or a body, are checked against the database's range:
an id past it is a 404 (path) or a 400 ``id_out_of_range`` (body), never a 500."""

import uuid

import pytest
from django.conf import settings
from django.urls import get_resolver
from rest_framework.test import APIClient

from api.converters import ID_MAX
from forum.core.roles import Role
from forum.council.models import AgendaItem
from tests.api.assertions import assert_error, db_state
from tests.factories import (
    AgendaItemFactory,
    MeetingFactory,
    PlanningItemFactory,
    PollFactory,
    UserFactory,
    live_session_with_activities,
    participant_with_token,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("youth_workers_in_every_forum")]

TOO_BIG = [ID_MAX + 1, 10**30]


@pytest.fixture
def official_client(client_for):
    client = client_for(UserFactory(roles=[Role.OFFICIAL, Role.YOUTH_WORKER]))
    client.raise_request_exception = False
    return client


@pytest.mark.parametrize("number", [*TOO_BIG, 0, "9" * 5000])
@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", "/api/polls/{n}"),
        ("put", "/api/staff/polls/{n}"),
        ("post", "/api/staff/polls/{n}/open"),
        ("get", "/api/staff/polls/{n}/raw.csv"),
        ("post", "/api/questions/{n}/answers"),
        ("get", "/api/forums/{n}"),
        ("put", "/api/council/meetings/{n}/agenda"),
        ("post", "/api/ideas/{n}/report"),
    ],
)
def test_a_path_id_out_of_range_is_not_found(official_client, method, url, number) -> None:
    # "9" * 5000 has more digits than int() takes by default: still a 404.
    response = getattr(official_client, method)(url.format(n=number), {}, format="json")
    assert_error(response, 404, "not_found")


def test_every_api_path_takes_its_ids_through_the_id_converter() -> None:
    def walk(patterns, prefix=""):
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            else:
                yield prefix + str(pattern.pattern)

    routes = [r for r in walk(get_resolver().url_patterns) if r.startswith("api/")]
    assert routes
    assert [r for r in routes if "<int:" in r or "\\d" in r] == []


@pytest.mark.parametrize("number", TOO_BIG)
def test_a_planning_item_id_out_of_range_in_the_agenda_is_refused(official_client, number) -> None:
    meeting = MeetingFactory()
    AgendaItemFactory(meeting=meeting, position=1)
    before = db_state()
    response = official_client.put(
        f"/api/council/meetings/{meeting.pk}/agenda",
        {"planning_item_ids": [PlanningItemFactory().pk, number]},
        format="json",
    )
    body = assert_error(response, 400, "id_out_of_range")
    assert list(body["fields"]) == ["planning_item_ids"]
    assert AgendaItem.objects.count() == 1
    assert db_state()["AgendaItem"] == before["AgendaItem"]


@pytest.mark.parametrize("number", TOO_BIG)
def test_a_question_id_out_of_range_in_a_body_is_refused(official_client, number) -> None:
    session, _worker = live_session_with_activities()
    _participant, token = participant_with_token()
    phone = APIClient(raise_request_exception=False)
    phone.cookies[settings.PARTICIPANT_COOKIE_NAME] = token
    before = db_state()
    answer = phone.post(
        f"/api/live/{session.join_code}/answers",
        {"question_id": number, "option_id": 1, "idempotency_key": str(uuid.uuid4())},
        format="json",
    )
    assert_error(answer, 400, "id_out_of_range")
    link = official_client.post(
        f"/api/council/planning-items/{PlanningItemFactory().pk}/links",
        {"poll_id": PollFactory().pk, "question_id": number},
        format="json",
    )
    assert_error(link, 400, "id_out_of_range")
    assert db_state()["Response"] == before["Response"]
