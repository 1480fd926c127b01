"""GET/PUT /api/forums/{id}/about-you and POST .../skip: one resource for the whole forum."""

import pytest
from django.conf import settings

from forum.core.roles import Role
from forum.participation.models import ParticipantProfile
from tests.api.assertions import assert_error
from tests.factories import ForumFactory, UserFactory, participant_with_token

pytestmark = pytest.mark.django_db


def url(forum_id: int, skip: bool = False) -> str:
    return f"/api/forums/{forum_id}/about-you" + ("/skip" if skip else "")


def test_a_new_device_has_not_been_asked(api_client) -> None:
    forum = ForumFactory()

    body = api_client.get(url(forum.pk)).json()

    assert body == {
        "age_band": "",
        "gender": "",
        "neighbourhood": "",
        "asked": False,
        "skipped": False,
    }
    assert settings.PARTICIPANT_COOKIE_NAME not in api_client.cookies  # reading makes nobody


def test_skipping_gives_a_device_its_cookie_and_it_is_not_asked_again(api_client) -> None:
    forum = ForumFactory()

    skipped = api_client.post(url(forum.pk, skip=True))

    assert skipped.status_code == 200, skipped.content
    assert skipped.json()["asked"] is True
    assert skipped.json()["skipped"] is True
    assert settings.PARTICIPANT_COOKIE_NAME in api_client.cookies
    assert api_client.get(url(forum.pk)).json()["asked"] is True
    profile = ParticipantProfile.objects.get()
    assert (profile.forum_id, profile.gender, profile.skipped_at is not None) == (
        forum.pk,
        "",
        True,
    )


def test_answers_are_saved_per_forum_and_shared_by_the_device(api_client) -> None:
    forum, other = ForumFactory(), ForumFactory()
    participant, token = participant_with_token()
    api_client.cookies[settings.PARTICIPANT_COOKIE_NAME] = token

    saved = api_client.put(
        url(forum.pk), {"gender": "non_binary", "age_band": "prefer_not"}, format="json"
    )

    assert saved.status_code == 200, saved.content
    assert saved.json() == {
        "age_band": "prefer_not",
        "gender": "non_binary",
        "neighbourhood": "",
        "asked": True,
        "skipped": False,
    }
    assert ParticipantProfile.objects.get().participant == participant
    assert api_client.get(url(other.pk)).json()["asked"] is False


def test_a_value_outside_the_choices_is_invalid_and_saves_nothing(api_client) -> None:
    forum = ForumFactory()

    assert_error(api_client.put(url(forum.pk), {"gender": "x"}, format="json"), 400, "invalid")

    assert ParticipantProfile.objects.count() == 0
    assert settings.PARTICIPANT_COOKIE_NAME not in api_client.cookies


@pytest.mark.parametrize("method", ["get", "put", "post"])
def test_an_unknown_forum_is_not_found_and_makes_nobody(api_client, method) -> None:
    path = url(999_999, skip=method == "post")

    assert_error(getattr(api_client, method)(path, {}, format="json"), 404, "not_found")

    assert ParticipantProfile.objects.count() == 0


@pytest.mark.parametrize("role", [None, Role.YOUTH_WORKER, Role.OFFICIAL])
def test_it_is_the_device_s_own_whoever_is_logged_in(client_for, role) -> None:
    """No role reads or writes someone else's answers: the resource only ever speaks of
    the cookie's participant, logged in or not (staff never see a single profile)."""
    forum = ForumFactory()
    someone, _token = participant_with_token()
    ParticipantProfile.objects.create(forum=forum, participant=someone, gender="girl")
    client = client_for(UserFactory(roles=[role]) if role else None)

    assert client.get(url(forum.pk)).json()["gender"] == ""
    assert client.post(url(forum.pk, skip=True)).status_code == 200

    assert ParticipantProfile.objects.get(participant=someone).gender == "girl"
    assert ParticipantProfile.objects.count() == 2
