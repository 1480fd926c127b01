import pytest

from forum.core.errors import InvalidInput
from forum.participation.models import ParticipantProfile
from forum.participation.selectors import participant_profile
from forum.participation.services import participant_profile_save
from tests.factories import ForumFactory, ParticipantFactory


@pytest.mark.django_db
def test_profile_save_stores_optional_answers_once_per_forum() -> None:
    forum = ForumFactory()
    participant = ParticipantFactory()
    participant_profile_save(forum=forum, participant=participant, age_band="13-15")
    participant_profile_save(
        forum=forum, participant=participant, age_band="16-19", gender="prefer_not"
    )
    profile = participant_profile(forum=forum, participant=participant)
    assert profile is not None
    assert (profile.age_band, profile.gender, profile.neighbourhood) == ("16-19", "prefer_not", "")
    assert ParticipantProfile.objects.count() == 1


@pytest.mark.django_db
def test_profile_save_rejects_values_outside_the_choices() -> None:
    with pytest.raises(InvalidInput) as error:
        participant_profile_save(
            forum=ForumFactory(), participant=ParticipantFactory(), age_band="14", gender="x"
        )
    assert set(error.value.fields) == {"age_band", "gender"}
    assert ParticipantProfile.objects.count() == 0
