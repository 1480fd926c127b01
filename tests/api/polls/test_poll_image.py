"""The optional poll picture: staff upload it with an alt text; phones see it with the poll.

Limits (type, size, dimensions) and EXIF stripping come from forum/core/images.py,
shared with idea photos; these tests show the poll endpoint applies them.
"""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from forum.core import images
from forum.core.roles import Role
from forum.polls.models import Poll, PollStatus
from tests.api.assertions import assert_error, db_state
from tests.factories import UserFactory, all_kinds_poll, live_session_with_activities

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("youth_workers_in_every_forum")]

ALT = "Skiss på den nya skateparken vid torget"


def picture(fmt: str = "JPEG", size: tuple[int, int] = (2000, 1500), exif: bool = True) -> bytes:
    buf = io.BytesIO()
    kwargs = {}
    if exif:
        ex = Image.Exif()
        ex[0x010F] = "PhoneMaker"
        ex[0x8825] = {1: "N", 2: (59.0, 24.0, 0.0), 3: "E", 4: (17.0, 54.0, 0.0)}  # GPS
        kwargs["exif"] = ex.tobytes()
    Image.new("RGB", size, (40, 120, 200)).save(buf, format=fmt, **kwargs)
    return buf.getvalue()


def upload(client, poll_id: int, data: bytes, alt: str = ALT, name: str = "bild.jpg"):
    return client.post(
        f"/api/staff/polls/{poll_id}/image",
        {"image": SimpleUploadedFile(name, data, content_type="image/jpeg"), "alt": alt},
        format="multipart",
    )


@pytest.fixture
def staff(client_for):
    return client_for(UserFactory(roles=[Role.YOUTH_WORKER]))


def test_upload_strips_exif_resizes_and_shows_on_the_participant_poll(staff, client_for) -> None:
    poll = all_kinds_poll()
    source = picture()
    assert Image.open(io.BytesIO(source)).getexif()

    response = upload(staff, poll.pk, source)

    assert response.status_code == 200, response.content
    image = response.json()["image"]
    assert image["alt"] == ALT
    assert (image["width"], image["height"]) == (1280, 960)
    phone = client_for(None)
    shown = phone.get(f"/api/polls/{poll.pk}").json()["image"]
    assert shown == image
    served = phone.get(shown["url"])
    assert served.status_code == 200
    assert served["Content-Type"] == "image/jpeg"
    assert served["X-Content-Type-Options"] == "nosniff"
    out = Image.open(io.BytesIO(served.content))
    assert out.size == (1280, 960)
    assert dict(out.getexif()) == {}
    assert b"PhoneMaker" not in served.content


def test_alt_text_is_required_and_nothing_is_stored_without_it(staff) -> None:
    poll = all_kinds_poll()
    before = db_state()

    response = upload(staff, poll.pk, picture(), alt="   ")

    body = assert_error(response, 400, "invalid")
    assert list(body["fields"]) == ["alt"]
    assert db_state() == before
    assert Poll.objects.get(pk=poll.pk).image_type == ""


@pytest.mark.parametrize(
    ("data", "status"),
    [
        (b"GIF89a not really a picture", 400),
        (b"%PDF-1.4 a document", 400),
        (picture("GIF", (200, 200), exif=False), 400),  # a real image of a refused type
        (picture("PNG", (20, 20), exif=False), 400),  # too small
        (picture("PNG", (12_001, 40), exif=False), 400),  # too many pixels on one side
    ],
    ids=["text", "pdf", "gif", "too-small", "too-wide"],
)
def test_wrong_type_and_dimensions_are_refused(staff, data, status) -> None:
    poll = all_kinds_poll()
    before = db_state()

    response = upload(staff, poll.pk, data, name="bild.png")

    assert_error(response, status, "image_rejected")
    assert db_state() == before


def test_an_upload_over_the_size_limit_is_refused_before_parsing(staff, monkeypatch) -> None:
    poll = all_kinds_poll()
    monkeypatch.setattr("api.polls.views.MAX_UPLOAD_BYTES", 50_000)
    big = picture("PNG", (800, 800), exif=False) + b"\0" * 80_000
    assert len(big) > 50_000 + 16 * 1024

    response = upload(staff, poll.pk, big, name="bild.png")

    assert_error(response, 413, "payload_too_large")
    assert Poll.objects.get(pk=poll.pk).image_type == ""


def test_the_size_limit_in_the_image_check_itself(staff, monkeypatch) -> None:
    poll = all_kinds_poll()
    monkeypatch.setattr(images, "MAX_UPLOAD_BYTES", 1000)

    response = upload(staff, poll.pk, picture())

    assert_error(response, 400, "image_rejected")


def test_replace_and_remove_the_picture(staff, client_for) -> None:
    poll = all_kinds_poll()
    first = upload(staff, poll.pk, picture()).json()["image"]
    second = upload(staff, poll.pk, picture("PNG", (300, 200), exif=False), alt="Ny bild").json()
    assert second["image"]["alt"] == "Ny bild"
    assert (second["image"]["width"], second["image"]["height"]) == (300, 200)
    assert first["url"].split("?")[0] == second["image"]["url"].split("?")[0]

    removed = staff.delete(f"/api/staff/polls/{poll.pk}/image")

    assert removed.status_code == 200
    assert removed.json()["image"] is None
    assert client_for(None).get(f"/api/polls/{poll.pk}").json()["image"] is None
    assert_error(client_for(None).get(f"/api/polls/{poll.pk}/image"), 404, "not_found")


def test_a_draft_polls_picture_is_for_staff_only(staff, client_for) -> None:
    poll = all_kinds_poll()
    Poll.objects.filter(pk=poll.pk).update(status=PollStatus.DRAFT)
    assert upload(staff, poll.pk, picture()).status_code == 200

    assert staff.get(f"/api/polls/{poll.pk}/image").status_code == 200
    assert_error(client_for(None).get(f"/api/polls/{poll.pk}/image"), 404, "not_found")


@pytest.mark.parametrize(
    ("role", "status", "code"),
    [
        (None, 401, "not_authenticated"),
        ("none", 403, "permission_denied"),
        (Role.YOUTH_WORKER, 200, ""),
        (Role.OFFICIAL, 200, ""),
        (Role.ADMIN, 200, ""),
    ],
)
def test_upload_roles(client_for, role, status, code) -> None:
    poll = all_kinds_poll()
    user = None if role is None else UserFactory(roles=[] if role == "none" else [role])

    response = upload(client_for(user), poll.pk, picture())

    if code:
        assert_error(response, status, code)
        assert Poll.objects.get(pk=poll.pk).image_type == ""
    else:
        assert response.status_code == status


def test_a_live_session_carries_its_polls_picture_to_phones_and_big_screen(client_for) -> None:
    session, worker = live_session_with_activities()
    staff = client_for(worker)
    assert session.current_poll_id is not None
    assert upload(staff, session.current_poll_id, picture()).status_code == 200

    state = client_for(None).get(f"/api/live/{session.join_code}").json()

    assert state["poll"]["image"]["alt"] == ALT
    kinds = {a["kind"]: a["poll_image"] for a in state["activities"]}
    assert kinds["poll_question"] == state["poll"]["image"]
    assert kinds["qa"] is None
    assert kinds["info_slide"] is None
    assert client_for(None).get(state["poll"]["image"]["url"]).status_code == 200
