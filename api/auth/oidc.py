"""City login: staff sign in with the city's account over OpenID Connect (decision 0057).

mozilla-django-oidc runs the protocol (state, nonce, PKCE, the token request, the ID token's
signature against the provider's keys). What is ours: who the person is (the provider's
``sub``, kept in ``CityIdentity``), which roles they hold (the provider's groups through
``OIDC_ROLE_GROUPS``, set at every login through the one role writer), and whether the
provider's login counts as the second step (``api.auth.mfa.city_login_verified``).

Browser redirects, not API endpoints: mounted at /oidc/ only when ``OIDC_ENABLED``
(config/urls.py), outside the OpenAPI schema and the authorization matrix.
"""

import hashlib
import logging
from typing import Any

import jwt
import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView

from api.auth.mfa import city_login_remember
from forum.core.audit import CITY_LOGIN, audit_record, audit_signals_paused
from forum.core.models import AuditAction, CityIdentity
from forum.core.roles import Role
from forum.core.services import staff_roles_set

logger = logging.getLogger(__name__)
security_logger = logging.getLogger("django.security.oidc")

# Set on the user the backend returns, read by the callback view once the session exists.
PROVIDER_MFA_ATTRIBUTE = "city_login_mfa"


def mapped_roles(groups: Any) -> set[Role]:
    """The roles ``OIDC_ROLE_GROUPS`` gives the provider's groups (a list, or one string)."""
    if isinstance(groups, str):
        groups = [groups]
    if not isinstance(groups, list):
        return set()
    mapping: dict[str, str] = settings.OIDC_ROLE_GROUPS
    return {Role(mapping[group]) for group in groups if isinstance(group, str) and group in mapping}


def provider_checked_mfa(id_token_claims: dict[str, Any]) -> bool:
    """Whether the ID token's ``amr`` (RFC 8176) names a method in OIDC_MFA_AMR_VALUES.
    Only the signed ID token counts: userinfo is not where a provider states how it
    authenticated."""
    methods = id_token_claims.get("amr")
    if not isinstance(methods, list):
        return False
    return bool(set(settings.OIDC_MFA_AMR_VALUES) & {m for m in methods if isinstance(m, str)})


class CityLoginBackend(OIDCAuthenticationBackend):
    """Finds or creates the staff account by the provider's ``sub`` and sets its roles."""

    def authenticate(self, request: Any, **kwargs: Any) -> Any:
        # Only the callback passes a nonce: a password login never runs the code exchange.
        if "nonce" not in kwargs:
            return None
        return super().authenticate(request, **kwargs)

    def get_or_create_user(self, access_token: str, id_token: str, payload: dict[str, Any]) -> Any:
        claims = self.get_userinfo(access_token, id_token, payload)
        subject = payload.get("sub")
        if not isinstance(subject, str) or not subject or claims.get("sub") != subject:
            # OpenID Connect Core 5.3.2: userinfo for another subject must not be used.
            raise SuspiciousOperation("userinfo sub does not match the ID token")
        groups_claim = settings.OIDC_GROUPS_CLAIM
        groups = claims.get(groups_claim, payload.get(groups_claim))
        roles = mapped_roles(groups)
        try:
            user = self._link(subject, claims, roles)
        except IntegrityError:
            # The same person's first login twice at once (the subject or the name is taken
            # in between): refused, the next click finds the account.
            logger.warning("city login refused: a concurrent first login")
            return None
        if user is None:
            logger.warning("city login refused: no Röstrum role among the groups")
            return None
        if not roles:
            logger.warning("city login refused for %s: no role any more", user.get_username())
            return None
        setattr(user, PROVIDER_MFA_ATTRIBUTE, provider_checked_mfa(payload))
        return user

    @transaction.atomic
    def _link(self, subject: str, claims: dict[str, Any], roles: set[Role]) -> Any:
        """The account of ``subject`` (made on its first login when it has a role), with its
        profile and its roles as the provider says now; None for a stranger without a role."""
        identity = (
            CityIdentity.objects.select_for_update()
            .select_related("user")
            .filter(subject=subject)
            .first()
        )
        if identity is None and not roles:
            return None
        if identity is None:
            user = self._create(subject, claims)
        else:
            user = identity.user
            identity.last_login_at = timezone.now()
            identity.save(update_fields=["last_login_at"])
            self._update_profile(user, claims)
        # Also when no role is left: the provider took them all, so must Röstrum.
        staff_roles_set(user=user, roles=roles, actor=CITY_LOGIN, reason="city login")
        return user

    def _create(self, subject: str, claims: dict[str, Any]) -> Any:
        # One entry by the system for the new account and its link to the city's identity
        # (the browser is anonymous here, or another person's session).
        with audit_signals_paused():
            user = get_user_model().objects.create_user(self._free_username(subject, claims))
            self._update_profile(user, claims)  # no password: this account signs in at the city
            CityIdentity.objects.create(user=user, subject=subject, last_login_at=timezone.now())
        audit_record(
            action=AuditAction.CREATE,
            actor=CITY_LOGIN,
            obj=user,
            changes={"username": [None, user.get_username()], "city_subject": [None, subject]},
            detail={"via": "city login"},
        )
        return user

    @staticmethod
    def _free_username(subject: str, claims: dict[str, Any]) -> str:
        """The name shown in Röstrum: the provider's login name when no one has it yet,
        else that name with a short mark of the subject. Never an existing local account's."""
        users = get_user_model().objects
        wanted = claims.get("preferred_username") or claims.get("email") or subject
        name = str(wanted).strip()[:150] or subject[:150]
        if not users.filter(username__iexact=name).exists():
            return name
        mark = hashlib.sha256(subject.encode()).hexdigest()[:10]
        return f"{name[:139]}-{mark}"

    @staticmethod
    def _update_profile(user: Any, claims: dict[str, Any]) -> None:
        fields = {
            "email": claims.get("email") or "",
            "first_name": claims.get("given_name") or "",
            "last_name": claims.get("family_name") or "",
        }
        fields = {k: str(v)[:150] for k, v in fields.items() if isinstance(v, str)}
        changed = [k for k, v in fields.items() if getattr(user, k) != v]
        for name in changed:
            setattr(user, name, fields[name])
        if changed:
            user.save(update_fields=changed)


class CityLoginCallbackView(OIDCAuthenticationCallbackView):
    """The provider sends the browser back here. A forged or replayed state, an ID token for
    another nonce, a code the provider refuses, or a provider answer of the wrong shape (an
    ID token without ``kid``, a key that is no key, userinfo that is not an object) all end
    on the failure page, never a 500."""

    def get(self, request: HttpRequest) -> HttpResponse:
        try:
            return super().get(request)
        except (
            SuspiciousOperation,
            requests.RequestException,
            jwt.PyJWTError,
            KeyError,
            TypeError,
            ValueError,
            AttributeError,
        ) as exc:
            security_logger.warning("city login refused: %s: %s", type(exc).__name__, exc)
            return self.login_failure()

    def login_success(self) -> HttpResponse:
        response = super().login_success()  # Django's login: a new session key
        city_login_remember(
            self.request.session,
            user=self.user,
            provider_mfa=getattr(self.user, PROVIDER_MFA_ATTRIBUTE, False),
        )
        return response
