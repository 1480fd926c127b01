from django.urls import path

from api.auth import views

urlpatterns = [
    path("auth/me", views.MeView.as_view(), name="auth-me"),
    path("auth/login", views.LoginView.as_view(), name="auth-login"),
    path("auth/logout", views.LogoutView.as_view(), name="auth-logout"),
    path("auth/mfa", views.MfaView.as_view(), name="auth-mfa"),
    path("auth/mfa/verify", views.MfaVerifyView.as_view(), name="auth-mfa-verify"),
    path("auth/mfa/totp/start", views.TotpStartView.as_view(), name="auth-mfa-totp-start"),
    path("auth/mfa/totp/confirm", views.TotpConfirmView.as_view(), name="auth-mfa-totp-confirm"),
    path(
        "auth/mfa/recovery-codes",
        views.RecoveryCodesView.as_view(),
        name="auth-mfa-recovery-codes",
    ),
]
