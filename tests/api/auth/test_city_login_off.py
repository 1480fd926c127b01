"""City login off (the default): none of its URLs exist and the staff page offers no button.
(A file of its own: tests/api/auth/test_city_login.py turns it on for its whole module.)"""

import pytest
from django.conf import settings
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/oidc/authenticate/", "/oidc/callback/?code=x&state=y"])
def test_when_off_the_city_login_urls_do_not_exist(path: str) -> None:
    assert settings.OIDC_ENABLED is False
    assert Client().get(path).status_code == 404


def test_when_off_me_offers_no_city_login() -> None:
    assert Client().get("/api/auth/me").json()["city_login_url"] is None
