from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from api import views
from api.errors import api_not_found

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves Swagger UI's start-up script as a file: no inline script (CSP).
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(url_name="schema", template_name="api/swagger_ui.html"),
        name="docs",
    ),
    path("auth/me", views.MeView.as_view(), name="auth-me"),
    path("auth/login", views.LoginView.as_view(), name="auth-login"),
    path("auth/logout", views.LogoutView.as_view(), name="auth-logout"),
    path("join", views.JoinView.as_view(), name="join"),
    path("", include("api.live.urls")),
    path("live/<str:code>", views.LiveSessionView.as_view(), name="live-session"),
    path("live/<str:code>/qr.svg", views.LiveSessionQrView.as_view(), name="live-session-qr"),
    path("live/<str:code>/end", views.LiveSessionEndView.as_view(), name="live-session-end"),
    path(
        "questions/<id:question_id>/responses",
        views.ResponseSubmitView.as_view(),
        name="question-responses",
    ),
    path("forums", views.ForumListView.as_view(), name="forums"),
    path("forums/<id:forum_id>", views.ForumDetailView.as_view(), name="forum-detail"),
    path(
        "forums/<id:forum_id>/live-sessions",
        views.LiveSessionStartView.as_view(),
        name="forum-live-sessions",
    ),
    path("", include("api.participation.urls")),
    path("", include("api.polls.urls")),
    path("", include("api.ideas.urls")),
    path("", include("api.council.urls")),
    path("", include("api.participants.urls")),
    path("", include("api.public.urls")),
    # [\s\S], not ".": a path with an encoded newline (%0A) must land here too, not on Django's
    # HTML 404 page (found by the fuzzer).
    re_path(r"^[\s\S]*$", api_not_found),
]
