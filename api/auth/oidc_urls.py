"""City login's two browser URLs (mounted at /oidc/ by config/urls.py when OIDC_ENABLED).

The names are mozilla-django-oidc's: its views reverse them.
"""

from django.urls import path
from mozilla_django_oidc.views import OIDCAuthenticationRequestView

from api.auth.oidc import CityLoginCallbackView

urlpatterns = [
    path("authenticate/", OIDCAuthenticationRequestView.as_view(), name="oidc_authentication_init"),
    path("callback/", CityLoginCallbackView.as_view(), name="oidc_authentication_callback"),
]
