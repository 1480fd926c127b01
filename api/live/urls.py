from django.urls import path, re_path

from api.live import views

urlpatterns = [
    path("live/<str:code>/answers", views.LiveAnswerView.as_view(), name="live-answers"),
    path("live/<str:code>/qa", views.QaPostView.as_view(), name="live-qa"),
    path("live/<str:code>/qa/upvotes", views.QaUpvoteView.as_view(), name="live-qa-upvotes"),
    path("live/<str:code>/control", views.LiveControlView.as_view(), name="live-control"),
    path(
        "live/<str:code>/activities",
        views.LiveActivityCreateView.as_view(),
        name="live-activities",
    ),
    path(
        "live/<str:code>/qa/<int:question_id>/moderate",
        views.QaModerateView.as_view(),
        name="live-qa-moderate",
    ),
    path(
        "live/<str:code>/answers/<int:response_id>/moderate",
        views.AnswerModerateView.as_view(),
        name="live-answer-moderate",
    ),
    path(
        "live/<str:code>/open-text-questions",
        views.OpenTextQuestionListView.as_view(),
        name="live-open-text-questions",
    ),
    path("live/<str:code>/console", views.LiveConsoleView.as_view(), name="live-console"),
    re_path(
        r"^live/(?P<code>[^/]+)/export\.(?P<file_format>csv|xlsx|pdf)$",
        views.LiveExportView.as_view(),
        name="live-export",
    ),
]
