from django.urls import path, re_path

from api.live import session_views, views

urlpatterns = [
    path("join", session_views.JoinView.as_view(), name="join"),
    path("live/<str:code>", session_views.LiveSessionView.as_view(), name="live-session"),
    path(
        "live/<str:code>/qr.svg",
        session_views.LiveSessionQrView.as_view(),
        name="live-session-qr",
    ),
    path(
        "live/<str:code>/end", session_views.LiveSessionEndView.as_view(), name="live-session-end"
    ),
    path(
        "forums/<id:forum_id>/live-sessions",
        session_views.LiveSessionStartView.as_view(),
        name="forum-live-sessions",
    ),
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
        "live/<str:code>/qa/<id:question_id>/moderate",
        views.QaModerateView.as_view(),
        name="live-qa-moderate",
    ),
    path(
        "live/<str:code>/answers/<id:response_id>/moderate",
        views.AnswerModerateView.as_view(),
        name="live-answer-moderate",
    ),
    path(
        "live/<str:code>/queue/moderate",
        views.QueueModerateView.as_view(),
        name="live-queue-moderate",
    ),
    path(
        "live/<str:code>/open-text-questions",
        views.OpenTextQuestionListView.as_view(),
        name="live-open-text-questions",
    ),
    path("live/<str:code>/console", views.LiveConsoleView.as_view(), name="live-console"),
    path(
        "forums/<id:forum_id>/live-drafts",
        views.LiveDraftCreateView.as_view(),
        name="forum-live-drafts",
    ),
    path("live-templates", views.LiveTemplateListView.as_view(), name="live-templates"),
    path(
        "live/<str:code>/editor/activities",
        views.LiveEditorActivityView.as_view(),
        name="live-editor-activities",
    ),
    path(
        "live/<str:code>/activities/<id:activity_id>/duplicate",
        views.LiveActivityDuplicateView.as_view(),
        name="live-activity-duplicate",
    ),
    path(
        "live/<str:code>/activities/<id:activity_id>/move",
        views.LiveActivityMoveView.as_view(),
        name="live-activity-move",
    ),
    path(
        "live/<str:code>/import-poll", views.LivePollImportView.as_view(), name="live-import-poll"
    ),
    path("live/<str:code>/prepare", views.LivePrepareView.as_view(), name="live-prepare"),
    path("live/<str:code>/start", views.LiveStartView.as_view(), name="live-start"),
    path(
        "live/<str:code>/activities/order",
        views.LiveActivityOrderView.as_view(),
        name="live-activities-order",
    ),
    path(
        "live/<str:code>/activities/<id:activity_id>",
        views.LiveActivityView.as_view(),
        name="live-activity",
    ),
    path(
        "live/<str:code>/activities/<id:activity_id>/image",
        views.LiveActivityImageView.as_view(),
        name="live-activity-image",
    ),
    path("live/<str:code>/ideas", views.LiveIdeaPostView.as_view(), name="live-ideas"),
    path(
        "live/<str:code>/ideas/supports",
        views.LiveIdeaSupportView.as_view(),
        name="live-idea-supports",
    ),
    path(
        "live/<str:code>/ideas/<id:idea_id>/moderate",
        views.LiveIdeaModerateView.as_view(),
        name="live-idea-moderate",
    ),
    re_path(
        r"^live/(?P<code>[^/]+)/export\.(?P<file_format>csv|xlsx|pdf)$",
        views.LiveExportView.as_view(),
        name="live-export",
    ),
]
