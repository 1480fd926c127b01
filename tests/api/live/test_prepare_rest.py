"""REST for preparing a live session, info slide pictures and idea collection."""

import io
import uuid
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from forum.core.roles import Role
from forum.ideas.models import Idea, IdeaBoard, Support
from forum.live.models import LiveActivity, LiveSession
from tests.api.assertions import assert_error, db_state
from tests.factories import (
    ForumFactory,
    IdeaBoardFactory,
    PollFactory,
    UserFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("youth_workers_in_every_forum")]

ALT = "Karta som visar vägen till fritidsgården"


def picture(size: tuple[int, int] = (1800, 1200)) -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x8825] = {1: "N", 2: (59.0, 24.0, 0.0), 3: "E", 4: (17.0, 54.0, 0.0)}
    buf = io.BytesIO()
    Image.new("RGB", size, (30, 140, 90)).save(buf, format="JPEG", exif=exif.tobytes())
    return buf.getvalue()


def upload(client, code: str, activity_id: int, data: bytes, alt: str = ALT):
    return client.post(
        f"/api/live/{code}/activities/{activity_id}/image",
        {"image": SimpleUploadedFile("karta.jpg", data, content_type="image/jpeg"), "alt": alt},
        format="multipart",
    )


@pytest.fixture
def worker():
    return UserFactory(roles=[Role.YOUTH_WORKER])


@pytest.fixture
def staff(client_for, worker):
    return client_for(worker)


@pytest.fixture
def draft(staff) -> dict[str, Any]:
    """A draft made over REST: an info slide, then an idea collection on a new board."""
    forum = ForumFactory(pre_moderation=False)
    made = staff.post(
        f"/api/forums/{forum.pk}/live-drafts",
        {"title": "Idékväll", "pacing": "presenter"},
        format="json",
    )
    assert made.status_code == 201, made.content
    code = made.json()["code"]
    info = staff.post(
        f"/api/live/{code}/activities",
        {"kind": "info_slide", "title": "Välkomna", "body": "Vi börjar snart."},
        format="json",
    )
    ideas = staff.post(
        f"/api/live/{code}/activities",
        {"kind": "idea_collection", "board_question": "Vad vill ni göra i sommar?"},
        format="json",
    )
    assert info.status_code == ideas.status_code == 201, ideas.content
    return {
        "code": code,
        "forum": forum,
        "info": info.json()["id"],
        "ideas": ideas.json()["id"],
        "board": ideas.json()["board"]["id"],
    }


def joined(client, code: str):
    response = client.post("/api/join", {"code": code}, format="json")
    assert response.status_code == 200, response.content
    return client


def start(staff, code: str):
    response = staff.post(f"/api/live/{code}/start")
    assert response.status_code == 200, response.content
    return response.json()


# --- draft → running ------------------------------------------------------------------------


def test_a_draft_is_listed_for_preparation_with_what_can_be_added(staff, draft) -> None:
    poll = PollFactory(forum=draft["forum"])
    other = IdeaBoardFactory(forum=draft["forum"])

    body = staff.get(f"/api/live/{draft['code']}/prepare").json()

    assert body["state"] == "draft"
    assert body["title"] == "Idékväll"
    assert [a["kind"] for a in body["activities"]] == ["info_slide", "idea_collection"]
    assert body["activities"][1]["board"]["question"] == "Vad vill ni göra i sommar?"
    assert {q["id"] for q in body["questions"]} == set(poll.questions.values_list("pk", flat=True))
    assert {b["id"] for b in body["boards"]} == {draft["board"], other.pk}
    assert IdeaBoard.objects.get(pk=draft["board"]).forum_id == draft["forum"].pk


def test_phones_get_a_clear_not_started_error_then_join_after_the_start(
    staff, draft, api_client
) -> None:
    before = db_state()
    refused = api_client.post("/api/join", {"code": draft["code"]}, format="json")
    assert_error(refused, 409, "session_not_started")
    assert db_state() == before  # no participant row for a refused join

    state = start(staff, draft["code"])

    assert state["state"] == "running"
    assert state["current"]["id"] == draft["info"]
    assert joined(api_client, draft["code"])


def test_a_session_starts_once(staff, draft) -> None:
    start(staff, draft["code"])

    assert_error(staff.post(f"/api/live/{draft['code']}/start"), 409, "invalid_state")
    assert_error(
        staff.post(f"/api/live/{draft['code']}/end").json()
        and staff.post(f"/api/live/{draft['code']}/start"),
        409,
        "invalid_state",
    )


def test_big_screen_of_a_draft_shows_it_as_a_draft(staff, draft) -> None:
    body = staff.get(f"/api/live/{draft['code']}").json()

    assert body["state"] == "draft"
    assert body["current"] is None
    assert body["join_url"].endswith(f"/j/{draft['code']}")


def test_reorder_edit_remove_over_rest(staff, draft) -> None:
    code = draft["code"]
    qa = staff.post(f"/api/live/{code}/activities", {"kind": "qa"}, format="json").json()["id"]

    moved = staff.post(
        f"/api/live/{code}/activities/order",
        {"activity_ids": [qa, draft["ideas"], draft["info"]]},
        format="json",
    )
    edited = staff.patch(
        f"/api/live/{code}/activities/{draft['info']}",
        {"title": "Paus", "body": "Fika i köket"},
        format="json",
    )
    removed = staff.delete(f"/api/live/{code}/activities/{qa}")

    assert [a["id"] for a in moved.json()["activities"]] == [qa, draft["ideas"], draft["info"]]
    assert edited.json()["activities"][2]["title"] == "Paus"
    assert [a["id"] for a in removed.json()["activities"]] == [draft["ideas"], draft["info"]]


def test_while_running_shown_activities_stay_put(staff, draft) -> None:
    code = draft["code"]
    start(staff, code)
    before = db_state()

    assert_error(
        staff.delete(f"/api/live/{code}/activities/{draft['info']}"), 409, "activity_already_shown"
    )
    assert_error(
        staff.post(
            f"/api/live/{code}/activities/order",
            {"activity_ids": [draft["ideas"], draft["info"]]},
            format="json",
        ),
        409,
        "activity_already_shown",
    )
    assert db_state() == before
    assert staff.delete(f"/api/live/{code}/activities/{draft['ideas']}").status_code == 200


def test_bad_input_is_invalid_and_changes_nothing(staff, draft) -> None:
    code = draft["code"]
    before = db_state()
    count = LiveSession.objects.count()

    assert_error(
        staff.post(f"/api/forums/{draft['forum'].pk}/live-drafts", {"title": " "}, format="json"),
        400,
        "invalid",
    )
    assert_error(
        staff.post(f"/api/live/{code}/activities/order", {"activity_ids": "x"}, format="json"),
        400,
        "invalid",
    )
    assert_error(
        staff.post(f"/api/live/{code}/activities", {"kind": "idea_collection"}, format="json"),
        400,
        "invalid",
    )
    assert_error(
        staff.post(
            f"/api/live/{code}/activities",
            {"kind": "idea_collection", "board_id": 999_999},
            format="json",
        ),
        404,
        "not_found",
    )
    assert_error(
        staff.post("/api/forums/999999/live-drafts", {"title": "X"}, format="json"),
        404,
        "not_found",
    )
    assert LiveSession.objects.count() == count
    assert db_state() == before


# --- info slide picture ---------------------------------------------------------------------


def test_picture_upload_is_reencoded_served_with_its_alt_and_a_version(
    staff, draft, client_for
) -> None:
    code = draft["code"]

    response = upload(staff, code, draft["info"], picture())

    assert response.status_code == 200, response.content
    image = response.json()["activities"][0]["image"]
    assert image["alt"] == ALT
    assert (image["width"], image["height"]) == (1280, 853)
    assert "?v=" in image["url"]
    start(staff, code)
    phone = joined(client_for(None), code)
    shown = phone.get(f"/api/live/{code}").json()["activities"][0]["image"]
    assert shown == image
    served = phone.get(shown["url"])
    assert served.status_code == 200
    assert served["Content-Type"] == "image/jpeg"
    assert served["X-Content-Type-Options"] == "nosniff"
    assert "max-age" in served["Cache-Control"]
    out = Image.open(io.BytesIO(served.content))
    assert out.size == (1280, 853)
    assert dict(out.getexif()) == {}
    assert b"PhoneMaker" not in served.content


def test_a_new_picture_gets_a_new_url_and_removing_it_stops_serving(staff, draft) -> None:
    code = draft["code"]
    upload(staff, code, draft["info"], picture())
    LiveActivity.objects.filter(pk=draft["info"]).update(image_updated_at="2020-01-01T00:00Z")
    first = staff.get(f"/api/live/{code}/prepare").json()["activities"][0]["image"]
    second = upload(staff, code, draft["info"], picture((400, 300))).json()
    second_image = second["activities"][0]["image"]

    assert second_image["url"] != first["url"]
    removed = staff.delete(f"/api/live/{code}/activities/{draft['info']}/image")
    assert removed.json()["activities"][0]["image"] is None
    assert_error(staff.get(second_image["url"]), 404, "not_found")


def test_picture_needs_alt_text_a_real_picture_and_an_info_slide(staff, draft) -> None:
    code = draft["code"]
    before = db_state()

    body = assert_error(upload(staff, code, draft["info"], picture(), alt="  "), 400, "invalid")
    assert list(body["fields"]) == ["alt"]
    assert_error(upload(staff, code, draft["info"], b"%PDF-1.4 nope"), 400, "image_rejected")
    assert_error(upload(staff, code, draft["ideas"], picture()), 400, "invalid")
    assert_error(upload(staff, code, 999_999, picture()), 404, "not_found")
    assert db_state() == before
    assert LiveActivity.objects.get(pk=draft["info"]).image_type == ""


def test_an_upload_over_the_size_limit_is_refused_before_parsing(staff, draft, monkeypatch) -> None:
    monkeypatch.setattr("api.live.views.MAX_UPLOAD_BYTES", 50_000)
    big = picture() + b"\0" * 80_000

    response = upload(staff, draft["code"], draft["info"], big)

    assert_error(response, 413, "payload_too_large")


@pytest.mark.parametrize(
    ("role", "status", "code"),
    [(None, 401, "not_authenticated"), (Role.OFFICIAL, 403, "permission_denied")],
)
def test_only_youth_workers_upload_pictures(draft, client_for, api_client, role, status, code):
    client = client_for(UserFactory(roles=[role])) if role else api_client

    assert_error(upload(client, draft["code"], draft["info"], picture()), status, code)
    assert LiveActivity.objects.get(pk=draft["info"]).image_type == ""


# --- idea collection ------------------------------------------------------------------------


def on_ideas(staff, draft) -> str:
    code = draft["code"]
    start(staff, code)
    staff.post(f"/api/live/{code}/control", {"action": "next"}, format="json")
    return code


def post_idea(phone, code: str, activity_id: int, title: str, key: str | None = None):
    return phone.post(
        f"/api/live/{code}/ideas",
        {"activity_id": activity_id, "title": title, "idempotency_key": key or str(uuid.uuid4())},
        format="json",
    )


def test_phones_post_and_support_ideas_that_the_big_screen_shows(staff, draft, client_for) -> None:
    code = on_ideas(staff, draft)
    alice, bob = joined(client_for(None), code), joined(client_for(None), code)
    key = str(uuid.uuid4())

    posted = post_idea(alice, code, draft["ideas"], "Utebio", key)
    again = post_idea(alice, code, draft["ideas"], "Utebio", key)
    assert posted.status_code == again.status_code == 201
    assert posted.json() == again.json()
    assert posted.json()["status"] == "published"
    idea_id = posted.json()["id"]
    supported = bob.post(f"/api/live/{code}/ideas/supports", {"idea_id": idea_id}, format="json")
    assert supported.json() == {"idea_id": idea_id, "supported": True}

    current = staff.get(f"/api/live/{code}").json()["current"]
    assert current["kind"] == "idea_collection"
    assert [(i["title"], i["supports"]) for i in current["ideas"]] == [("Utebio", 1)]
    assert Idea.objects.get().board_id == draft["board"]
    assert Support.objects.count() == 1
    withdrawn = bob.post(
        f"/api/live/{code}/ideas/supports", {"idea_id": idea_id, "support": False}, format="json"
    )
    assert withdrawn.json()["supported"] is False
    assert Support.objects.count() == 0


def test_a_locked_collection_refuses_ideas_in_the_error_shape(staff, draft, client_for) -> None:
    code = on_ideas(staff, draft)
    staff.post(f"/api/live/{code}/control", {"action": "lock"}, format="json")
    phone = joined(client_for(None), code)

    assert_error(post_idea(phone, code, draft["ideas"], "Utebio"), 409, "answering_locked")
    assert not Idea.objects.exists()


def test_ideas_before_the_start_are_refused(staff, draft, client_for) -> None:
    assert_error(
        post_idea(client_for(None), draft["code"], draft["ideas"], "Tidigt"),
        409,
        "session_not_started",
    )
    assert not Idea.objects.exists()


def test_held_ideas_reach_the_console_queue_and_are_approved_there(
    staff, draft, client_for
) -> None:
    draft["forum"].pre_moderation = True
    draft["forum"].save()
    code = on_ideas(staff, draft)
    phone = joined(client_for(None), code)

    posted = post_idea(phone, code, draft["ideas"], "Ny fotbollsplan")
    assert posted.json()["status"] == "held"
    idea_id = posted.json()["id"]
    assert staff.get(f"/api/live/{code}").json()["current"]["ideas"] == []
    queue = staff.get(f"/api/live/{code}/console").json()
    assert [i["id"] for i in queue["ideas"]] == [idea_id]
    assert_error(phone.get(f"/api/live/{code}/console"), 401, "not_authenticated")

    approved = staff.post(
        f"/api/live/{code}/ideas/{idea_id}/moderate", {"action": "approve"}, format="json"
    )

    assert approved.json()["status"] == "published"
    assert [i["id"] for i in staff.get(f"/api/live/{code}").json()["current"]["ideas"]] == [idea_id]
    assert staff.get(f"/api/live/{code}/console").json()["ideas"] == []


def test_bad_idea_input_is_invalid(staff, draft, client_for) -> None:
    code = on_ideas(staff, draft)
    phone = joined(client_for(None), code)
    before = db_state()

    assert_error(post_idea(phone, code, draft["ideas"], "   "), 400, "invalid")
    assert_error(post_idea(phone, code, draft["ideas"], "x" * 201), 400, "invalid")
    assert_error(
        phone.post(f"/api/live/{code}/ideas", {"title": "Utan nyckel"}, format="json"),
        400,
        "invalid",
    )
    assert_error(
        phone.post(f"/api/live/{code}/ideas/supports", {"idea_id": 999_999}, format="json"),
        404,
        "not_found",
    )
    assert db_state() == before


# --- rate limits ----------------------------------------------------------------------------


@pytest.fixture
def low_rates(monkeypatch):
    from api.throttles import DeviceScopedRateThrottle

    rates = {**DeviceScopedRateThrottle.THROTTLE_RATES, "ideas": "2/min"}
    monkeypatch.setattr(DeviceScopedRateThrottle, "THROTTLE_RATES", rates)
    return rates


def test_ideas_are_rate_limited_per_phone(staff, draft, client_for, low_rates) -> None:
    code = on_ideas(staff, draft)
    phone, other = joined(client_for(None), code), joined(client_for(None), code)
    for title in ("Ett", "Två"):
        assert post_idea(phone, code, draft["ideas"], title).status_code == 201

    assert_error(post_idea(phone, code, draft["ideas"], "Tre"), 429, "rate_limited")
    assert post_idea(other, code, draft["ideas"], "Annan mobil").status_code == 201
    assert Idea.objects.count() == 3


def test_picture_uploads_are_rate_limited(client_for, low_rates) -> None:
    low_rates["staff_write"] = "3/min"  # the draft, its slide, one picture
    worker = UserFactory(roles=[Role.YOUTH_WORKER])
    staff = client_for(worker)
    made = staff.post(
        f"/api/forums/{ForumFactory().pk}/live-drafts", {"title": "Bilder"}, format="json"
    )
    code = made.json()["code"]
    info = staff.post(
        f"/api/live/{code}/activities", {"kind": "info_slide", "title": "Karta"}, format="json"
    ).json()["id"]

    assert upload(staff, code, info, picture((200, 200))).status_code == 200

    assert_error(upload(staff, code, info, picture((300, 300))), 429, "rate_limited")
    assert LiveActivity.objects.get(pk=info).image_width == 200
