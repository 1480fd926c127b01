from django.urls import path

from api.ideas import views

urlpatterns = [
    path("ideas/boards", views.BoardListView.as_view(), name="idea-boards"),
    path("ideas/boards/<id:board_id>", views.BoardView.as_view(), name="idea-board"),
    path(
        "ideas/boards/<id:board_id>/ideas",
        views.IdeaCreateView.as_view(),
        name="idea-board-ideas",
    ),
    path("ideas/mine", views.MyParticipationView.as_view(), name="my-participation"),
    path("ideas/<id:idea_id>", views.IdeaDetailView.as_view(), name="idea-detail"),
    path("ideas/<id:idea_id>/photo", views.IdeaPhotoView.as_view(), name="idea-photo"),
    path("ideas/<id:idea_id>/support", views.IdeaSupportView.as_view(), name="idea-support"),
    path("ideas/<id:idea_id>/comments", views.CommentCreateView.as_view(), name="idea-comments"),
    path("ideas/<id:idea_id>/report", views.IdeaReportView.as_view(), name="idea-report"),
    path(
        "ideas/comments/<id:comment_id>/report",
        views.CommentReportView.as_view(),
        name="comment-report",
    ),
    path("ideas/staff/boards", views.StaffBoardListView.as_view(), name="staff-idea-boards"),
    path(
        "ideas/staff/boards/<id:board_id>/ideas",
        views.StaffBoardIdeasView.as_view(),
        name="staff-board-ideas",
    ),
    path("ideas/staff/queue", views.ModerationQueueView.as_view(), name="moderation-queue"),
    path(
        "ideas/staff/ideas/<id:idea_id>/moderate",
        views.IdeaModerateView.as_view(),
        name="idea-moderate",
    ),
    path(
        "ideas/staff/comments/<id:comment_id>/moderate",
        views.CommentModerateView.as_view(),
        name="comment-moderate",
    ),
    path(
        "ideas/staff/ideas/<id:idea_id>/reports/abuse",
        views.IdeaReportsAbuseView.as_view(),
        name="idea-reports-abuse",
    ),
    path(
        "ideas/staff/comments/<id:comment_id>/reports/abuse",
        views.CommentReportsAbuseView.as_view(),
        name="comment-reports-abuse",
    ),
    path(
        "ideas/staff/ideas/<id:idea_id>/feedback",
        views.IdeaFeedbackView.as_view(),
        name="idea-feedback",
    ),
    path("ideas/staff/waiting", views.IdeasWaitingView.as_view(), name="ideas-waiting"),
    path(
        "moderation/word-lists/<str:language>/<str:action>",
        views.WordListView.as_view(),
        name="word-list",
    ),
    path(
        "moderation/forums/<id:forum_id>",
        views.ForumModerationView.as_view(),
        name="forum-moderation",
    ),
]
