"""Reports over HTTP: a cookieless request is nobody, freshly joined
devices from one address do not hide, staff restore and mark reports as abuse."""

import pytest

from api.throttles import DeviceScopedRateThrottle
from forum.core.roles import Role
from forum.moderation.models import ContentReport, ModerationAction
from forum.participation.models import ForumMembership, Participant
from tests.api.assertions import assert_error, db_state
from tests.factories import (
    ForumMembershipFactory,
    IdeaBoardFactory,
    IdeaCommentFactory,
    IdeaFactory,
    UserFactory,
    participant_with_token,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("youth_workers_in_every_forum")]


@pytest.fixture
def no_rate_limits(monkeypatch):
    """The rule, not the per-device rate limit, must keep the idea up: lift the limits."""
    rates = {scope: "100000/min" for scope in DeviceScopedRateThrottle.THROTTLE_RATES}
    monkeypatch.setattr(DeviceScopedRateThrottle, "THROTTLE_RATES", rates)


def test_cookieless_and_freshly_joined_reports_from_one_address_leave_the_idea_published(
    no_rate_limits, client_for
) -> None:
    board = IdeaBoardFactory()
    idea, other = IdeaFactory(board=board), IdeaFactory(board=board)
    participants_before = Participant.objects.count()

    for _ in range(100):
        response = client_for(None).post(f"/api/ideas/{idea.pk}/report")
        assert_error(response, 401, "not_joined")
        assert "rostrum_participant" not in response.cookies

    assert Participant.objects.count() == participants_before
    assert not ContentReport.objects.exists()

    # 100 new phones from the same address: each takes part (a support) and then reports.
    for _ in range(100):
        phone = client_for(None)
        assert phone.post(f"/api/ideas/{other.pk}/support").status_code == 200
        assert phone.post(f"/api/ideas/{idea.pk}/report").json() == {"reported": True}

    idea.refresh_from_db()
    assert idea.moderation_state == "published"
    assert ForumMembership.objects.filter(forum=board.forum).count() == 100
    assert ContentReport.objects.filter(object_id=idea.pk).count() == 100
    assert not ContentReport.objects.filter(counts=True).exists()
    assert client_for(None).get(f"/api/ideas/{idea.pk}").status_code == 200


def test_a_cookieless_comment_report_is_refused_and_changes_nothing(client_for) -> None:
    comment = IdeaCommentFactory()
    before = db_state()

    assert_error(
        client_for(None).post(f"/api/ideas/comments/{comment.pk}/report"), 401, "not_joined"
    )

    assert db_state() == before


def report_as_member(client_for, idea) -> None:
    """A phone that joined the idea's forum a day ago reports it over HTTP."""
    participant, token = participant_with_token()
    ForumMembershipFactory(forum=idea.board.forum, participant=participant)
    phone = client_for(None)
    phone.cookies["rostrum_participant"] = token
    assert phone.post(f"/api/ideas/{idea.pk}/report").json() == {"reported": True}


def test_the_queue_shows_what_reports_hid_first(client_for) -> None:
    board = IdeaBoardFactory()
    IdeaFactory(board=board, moderation_state="held")
    idea = IdeaFactory(board=board)
    for _ in range(3):
        report_as_member(client_for, idea)

    queue = client_for(UserFactory(roles=[Role.YOUTH_WORKER])).get("/api/ideas/staff/queue").json()

    first, second = queue
    assert (first["id"], first["hidden_by_reports"], first["reports"]) == (idea.pk, True, 3)
    assert (second["moderation_state"], second["hidden_by_reports"]) == ("held", False)


def test_staff_restore_an_idea_by_marking_its_reports_as_abuse(client_for) -> None:
    idea = IdeaFactory()
    for _ in range(3):
        report_as_member(client_for, idea)
    user = UserFactory(roles=[Role.YOUTH_WORKER])
    staff = client_for(user)
    idea.refresh_from_db()
    assert idea.moderation_state == "hidden"

    response = staff.post(
        f"/api/ideas/staff/ideas/{idea.pk}/reports/abuse",
        {"remark": "Klassen skojade."},
        format="json",
    )

    assert response.json() == {"kind": "reports_abuse", "to_state": "published"}
    idea.refresh_from_db()
    assert idea.moderation_state == "published"
    audit = ModerationAction.objects.get(kind="reports_abuse", object_id=idea.pk)
    assert (audit.actor, audit.remark) == (user, "Klassen skojade.")
    assert staff.get("/api/ideas/staff/queue").json() == []
    # Nothing left to mark: a second click is a conflict that changes nothing.
    before = db_state()
    assert_error(
        staff.post(f"/api/ideas/staff/ideas/{idea.pk}/reports/abuse"), 409, "moderation_not_allowed"
    )
    assert db_state() == before


@pytest.mark.parametrize(
    ("who", "status", "code"),
    [
        ("anonymous", 401, "not_authenticated"),
        ("phone", 401, "not_authenticated"),
        (Role.YOUTH_WORKER, 200, None),
        (Role.OFFICIAL, 403, "permission_denied"),
        (Role.COUNCIL_MEMBER, 403, "permission_denied"),
        (Role.ADMIN, 200, None),
    ],
)
@pytest.mark.parametrize("kind", ["idea", "comment"])
def test_who_may_mark_reports_as_abuse(who, status, code, kind, client_for) -> None:
    comment = IdeaCommentFactory()
    item = comment.idea if kind == "idea" else comment
    ContentReport.objects.create(
        content=item, participant=participant_with_token()[0], forum=comment.idea.board.forum
    )
    if who == "anonymous":
        client = client_for(None)
    elif who == "phone":
        client = client_for(None)
        participant, token = participant_with_token()
        ForumMembershipFactory(forum=comment.idea.board.forum, participant=participant)
        client.cookies["rostrum_participant"] = token
    else:
        client = client_for(UserFactory(roles=[who]))
    url = f"/api/ideas/staff/{kind}s/{item.pk}/reports/abuse"
    before = db_state()

    response = client.post(url, {}, format="json")

    if code is None:
        assert response.status_code == status, response.content
        assert ContentReport.objects.filter(abusive_at__isnull=False).exists()
    else:
        assert_error(response, status, code)
        assert db_state() == before


def test_marking_abuse_of_an_unknown_idea_is_not_found(client_for) -> None:
    staff = client_for(UserFactory(roles=[Role.YOUTH_WORKER]))
    assert_error(staff.post("/api/ideas/staff/ideas/999999/reports/abuse"), 404, "not_found")


def test_a_reports_abuse_remark_passes_the_text_boundary(client_for) -> None:
    idea = IdeaFactory()
    for _ in range(3):
        report_as_member(client_for, idea)
    staff = client_for(UserFactory(roles=[Role.YOUTH_WORKER]))
    before = db_state()

    response = staff.post(
        f"/api/ideas/staff/ideas/{idea.pk}/reports/abuse",
        {"remark": "Klassen\u0007 skojade."},
        format="json",
    )

    assert_error(response, 400, "text_invalid_characters")
    assert db_state() == before
