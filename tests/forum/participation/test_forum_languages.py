"""Forum.languages: the languages a forum offers, Swedish always first."""

import pytest
from django.db import IntegrityError, transaction

from forum.core.errors import InvalidInput
from forum.core.languages import LANGUAGE_CODES
from forum.participation.models import Forum
from forum.participation.services import forum_languages_set
from tests.factories import ForumFactory

pytestmark = pytest.mark.django_db


def test_a_new_forum_offers_all_seven_languages_swedish_first() -> None:
    forum = ForumFactory()

    assert forum.languages == list(LANGUAGE_CODES)
    assert forum.languages[0] == "sv"


def test_setting_languages_puts_swedish_first_and_orders_by_the_registry(youth_worker) -> None:
    forum = ForumFactory(staff=[youth_worker])

    forum_languages_set(actor=youth_worker, forum=forum, languages=["tr", "ar", "ar"])

    forum.refresh_from_db()
    assert forum.languages == ["sv", "ar", "tr"]


def test_an_unknown_language_is_refused_with_the_languages_field(youth_worker) -> None:
    forum = ForumFactory(staff=[youth_worker])

    with pytest.raises(InvalidInput) as raised:
        forum_languages_set(actor=youth_worker, forum=forum, languages=["sv", "xx"])

    assert raised.value.code == "invalid"
    assert "languages" in raised.value.fields
    forum.refresh_from_db()
    assert forum.languages == list(LANGUAGE_CODES)


def test_languages_that_are_not_a_list_of_codes_are_refused(youth_worker) -> None:
    with pytest.raises(InvalidInput):
        forum_languages_set(
            actor=youth_worker, forum=ForumFactory(staff=[youth_worker]), languages="sv,ar"
        )


def test_the_database_refuses_a_forum_without_swedish_first() -> None:
    forum = ForumFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        Forum.objects.filter(pk=forum.pk).update(languages=["ar", "sv"])
