import io
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from forum.core.roles import Role
from forum.ideas.models import Idea
from tests.api.assertions import assert_error, db_state
from tests.factories import (
    ForumMembershipFactory,
    IdeaBoardFactory,
    IdeaFactory,
    ParticipantFactory,
    UserFactory,
    participant_with_token,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("youth_workers_in_every_forum")]


@pytest.fixture
def phone(client_for):
    def make(token: str | None = None):
        client = client_for(None)
        if token:
            client.cookies["rostrum_participant"] = token
        return client

    return make


def jpeg_with_exif() -> bytes:
    ex = Image.Exif()
    ex[0x010F] = "PhoneMaker"
    buf = io.BytesIO()
    Image.new("RGB", (1600, 1200), (9, 9, 9)).save(buf, format="JPEG", exif=ex.tobytes())
    return buf.getvalue()


def idea_body(**kw):
    return {
        "title": "Fler bänkar",
        "text": "Vid torget.",
        "idempotency_key": str(uuid.uuid4()),
    } | kw


def test_post_idea_in_pre_moderated_forum_is_held_and_visible_only_to_its_author(phone) -> None:
    board = IdeaBoardFactory(forum__pre_moderation=True)
    author = phone()

    created = author.post(f"/api/ideas/boards/{board.pk}/ideas", idea_body(), format="json")

    assert created.status_code == 201, created.content
    assert created.json()["moderation_state"] == "held"
    assert created.json()["is_mine"] is True
    idea_id = created.json()["id"]
    mine = author.get(f"/api/ideas/boards/{board.pk}").json()["ideas"]
    assert [i["id"] for i in mine] == [idea_id]
    assert phone().get(f"/api/ideas/boards/{board.pk}").json()["ideas"] == []
    assert_error(phone().get(f"/api/ideas/{idea_id}"), 404, "not_found")


def test_photo_upload_is_stripped_and_served_only_when_visible(phone) -> None:
    board = IdeaBoardFactory(forum__pre_moderation=True)
    author = phone()
    upload = SimpleUploadedFile("bild.png", jpeg_with_exif(), content_type="image/png")

    created = author.post(
        f"/api/ideas/boards/{board.pk}/ideas", idea_body(photo=upload), format="multipart"
    )

    assert created.status_code == 201, created.content
    idea_id = created.json()["id"]
    own = author.get(f"/api/ideas/{idea_id}/photo")
    assert own.status_code == 200
    assert own["Content-Type"] == "image/jpeg"
    img = Image.open(io.BytesIO(own.content))
    assert img.size == (1280, 960)
    assert dict(img.getexif()) == {}
    assert_error(phone().get(f"/api/ideas/{idea_id}/photo"), 404, "not_found")


def test_non_image_upload_is_refused_with_the_error_shape(phone) -> None:
    board = IdeaBoardFactory()
    before = db_state()
    upload = SimpleUploadedFile("bild.jpg", b"GIF89a not an image", content_type="image/jpeg")

    response = phone().post(
        f"/api/ideas/boards/{board.pk}/ideas", idea_body(photo=upload), format="multipart"
    )

    assert_error(response, 400, "image_rejected")
    assert db_state() == before


def test_blocked_text_is_refused_and_nothing_is_stored(phone) -> None:
    board = IdeaBoardFactory()
    before = db_state()
    response = phone().post(
        f"/api/ideas/boards/{board.pk}/ideas", idea_body(text="kill yourself"), format="json"
    )
    assert_error(response, 400, "content_blocked")
    assert db_state() == before


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"title": "", "text": "x", "idempotency_key": str(uuid.uuid4())},
        {"title": "x", "text": "y", "idempotency_key": "nope"},
        {"title": "x" * 500, "text": "y", "idempotency_key": str(uuid.uuid4())},
        {"title": "x", "text": "y", "neighbourhood": "mars", "idempotency_key": str(uuid.uuid4())},
    ],
)
def test_bad_idea_input_changes_nothing(phone, body) -> None:
    board = IdeaBoardFactory()
    before = db_state()
    assert_error(
        phone().post(f"/api/ideas/boards/{board.pk}/ideas", body, format="json"), 400, "invalid"
    )
    assert db_state() == before


def test_support_withdraw_and_counts(phone) -> None:
    idea = IdeaFactory()
    _p, token = participant_with_token()
    me = phone(token)

    first = me.post(f"/api/ideas/{idea.pk}/support")
    again = me.post(f"/api/ideas/{idea.pk}/support")
    card = me.get(f"/api/ideas/{idea.pk}").json()["idea"]
    withdrawn = me.delete(f"/api/ideas/{idea.pk}/support")

    assert first.json() == again.json() == {"idea_id": idea.pk, "supported": True, "supports": 1}
    assert card["supported_by_me"] is True
    assert withdrawn.json()["supports"] == 0


def test_supporting_a_held_idea_is_not_found(phone) -> None:
    idea = IdeaFactory(moderation_state="held")
    assert_error(phone().post(f"/api/ideas/{idea.pk}/support"), 404, "not_found")


def test_staff_remarks_and_screen_reasons_never_reach_participants(phone, client_for) -> None:
    board = IdeaBoardFactory(forum__pre_moderation=True)
    _p, token = participant_with_token()
    author = phone(token)
    idea_id = author.post(
        f"/api/ideas/boards/{board.pk}/ideas", idea_body(text="ring 070-123 45 67"), format="json"
    ).json()["id"]
    staff = client_for(UserFactory(roles=[Role.YOUTH_WORKER]))
    queue = staff.get("/api/ideas/staff/queue").json()
    assert queue[0]["screen_reasons"] == ["phone_number", "pre_moderation"]
    staff.post(
        f"/api/ideas/staff/ideas/{idea_id}/moderate",
        {"action": "remark", "remark": "HEMLIG-ANTECKNING"},
        format="json",
    )
    staff.post(
        f"/api/ideas/staff/ideas/{idea_id}/moderate",
        {"action": "reject", "reason": "Ta bort telefonnumret och skicka igen."},
        format="json",
    )

    for url in (f"/api/ideas/{idea_id}", f"/api/ideas/boards/{board.pk}", "/api/ideas/mine"):
        raw = author.get(url).content.decode()
        assert "HEMLIG-ANTECKNING" not in raw
        assert "screen_reasons" not in raw
        assert "phone_number" not in raw
    detail = author.get(f"/api/ideas/{idea_id}").json()["idea"]
    assert detail["rejection_reason"] == "Ta bort telefonnumret och skicka igen."
    history = staff.get("/api/ideas/staff/queue").json()
    assert history == []  # rejected ideas leave the queue


def test_report_threshold_over_http(phone) -> None:
    idea = IdeaFactory()
    for _ in range(3):
        participant, token = participant_with_token()
        ForumMembershipFactory(forum=idea.board.forum, participant=participant)
        assert phone(token).post(f"/api/ideas/{idea.pk}/report").json() == {"reported": True}
    idea.refresh_from_db()
    assert idea.moderation_state == "hidden"
    assert_error(phone().get(f"/api/ideas/{idea.pk}"), 404, "not_found")


def test_comment_in_pre_moderated_forum_is_held(phone) -> None:
    idea = IdeaFactory(board__forum__pre_moderation=True)
    response = phone().post(
        f"/api/ideas/{idea.pk}/comments",
        {"text": "Bra!", "idempotency_key": str(uuid.uuid4())},
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["moderation_state"] == "held"
    assert phone().get(f"/api/ideas/{idea.pk}").json()["comments"] == []


def test_feedback_skip_is_a_conflict_and_changes_nothing(client_for) -> None:
    idea = IdeaFactory()
    staff = client_for(UserFactory(roles=[Role.OFFICIAL]))
    before = db_state()
    response = staff.post(
        f"/api/ideas/staff/ideas/{idea.pk}/feedback",
        {"status": "done", "text": "Klart!"},
        format="json",
    )
    assert_error(response, 409, "feedback_step_not_allowed")
    assert db_state() == before


def test_you_said_we_did_is_keyed_by_the_phone(phone, client_for) -> None:
    me_p, token = participant_with_token()
    idea = IdeaFactory(participant=me_p, title="Min idé")
    IdeaFactory(participant=ParticipantFactory(), title="Annans")
    staff = client_for(UserFactory(roles=[Role.OFFICIAL]))
    staff.post(
        f"/api/ideas/staff/ideas/{idea.pk}/feedback",
        {"status": "under_review", "text": "Vi läser den nu."},
        format="json",
    )

    mine = phone(token).get("/api/ideas/mine").json()
    stranger = phone().get("/api/ideas/mine").json()

    assert [i["title"] for i in mine["ideas"]] == ["Min idé"]
    assert mine["ideas"][0]["feedback_status"] == "under_review"
    assert [t["text"] for t in mine["ideas"][0]["timeline"]] == ["Vi läser den nu."]
    assert stranger == {"ideas": [], "supported": [], "votes": [], "budgets": []}
    assert Idea.objects.count() == 2


def test_an_upload_over_the_limit_is_refused_before_parsing(phone) -> None:
    board = IdeaBoardFactory()
    before = db_state()
    huge = SimpleUploadedFile("stor.jpg", b"\xff\xd8\xff" + b"0" * (9 * 1024 * 1024))

    response = phone().post(
        f"/api/ideas/boards/{board.pk}/ideas", idea_body(photo=huge), format="multipart"
    )

    assert_error(response, 413, "payload_too_large")
    assert db_state() == before
