from django.urls import path

from api.ideas import views

urlpatterns = [
    path("ideas/boards", views.BoardListView.as_view(), name="idea-boards"),
    path("ideas/boards/<int:board_id>", views.BoardView.as_view(), name="idea-board"),
    path(
        "ideas/boards/<int:board_id>/ideas",
        views.IdeaCreateView.as_view(),
        name="idea-board-ideas",
    ),
    path("ideas/mine", views.MyParticipationView.as_view(), name="my-participation"),
    path("ideas/<int:idea_id>", views.IdeaDetailView.as_view(), name="idea-detail"),
    path("ideas/<int:idea_id>/photo", views.IdeaPhotoView.as_view(), name="idea-photo"),
    path("ideas/<int:idea_id>/support", views.IdeaSupportView.as_view(), name="idea-support"),
    path("ideas/<int:idea_id>/comments", views.CommentCreateView.as_view(), name="idea-comments"),
    path("ideas/<int:idea_id>/report", views.IdeaReportView.as_view(), name="idea-report"),
    path(
        "ideas/comments/<int:comment_id>/report",
        views.CommentReportView.as_view(),
        name="comment-report",
    ),
    path("ideas/staff/boards", views.StaffBoardListView.as_view(), name="staff-idea-boards"),
    path(
        "ideas/staff/boards/<int:board_id>/ideas",
        views.StaffBoardIdeasView.as_view(),
        name="staff-board-ideas",
    ),
    path("ideas/staff/queue", views.ModerationQueueView.as_view(), name="moderation-queue"),
    path(
        "ideas/staff/ideas/<int:idea_id>/moderate",
        views.IdeaModerateView.as_view(),
        name="idea-moderate",
    ),
    path(
        "ideas/staff/comments/<int:comment_id>/moderate",
        views.CommentModerateView.as_view(),
        name="comment-moderate",
    ),
    path(
        "ideas/staff/ideas/<int:idea_id>/reports/abuse",
        views.IdeaReportsAbuseView.as_view(),
        name="idea-reports-abuse",
    ),
    path(
        "ideas/staff/comments/<int:comment_id>/reports/abuse",
        views.CommentReportsAbuseView.as_view(),
        name="comment-reports-abuse",
    ),
    path(
        "ideas/staff/ideas/<int:idea_id>/feedback",
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
        "moderation/forums/<int:forum_id>",
        views.ForumModerationView.as_view(),
        name="forum-moderation",
    ),
]
