from django.urls import path, re_path

from api.polls import views

urlpatterns = [
    path("forums/<int:forum_id>/polls", views.PollCreateView.as_view(), name="forum-polls"),
    path("staff/polls/<int:poll_id>", views.StaffPollView.as_view(), name="staff-poll"),
    re_path(
        r"^staff/polls/(?P<poll_id>\d+)/(?P<action>open|close|schedule|archive|reveal)$",
        views.PollActionView.as_view(),
        name="staff-poll-action",
    ),
    path("staff/polls/<int:poll_id>/image", views.PollImageView.as_view(), name="staff-poll-image"),
    path(
        "staff/polls/<int:poll_id>/breakdown",
        views.PollBreakdownView.as_view(),
        name="staff-poll-breakdown",
    ),
    re_path(
        r"^staff/polls/(?P<poll_id>\d+)/(?P<name>results\.csv|results\.xlsx|raw\.csv)$",
        views.PollExportView.as_view(),
        name="staff-poll-export",
    ),
    path(
        "staff/polls/<int:poll_id>/voting-codes",
        views.VotingCodeBatchView.as_view(),
        name="staff-poll-voting-codes",
    ),
    path(
        "staff/polls/<int:poll_id>/held-answers",
        views.HeldAnswerListView.as_view(),
        name="staff-poll-held-answers",
    ),
    path(
        "staff/answers/<int:response_id>/moderation",
        views.AnswerModerationView.as_view(),
        name="staff-answer-moderation",
    ),
    path("polls/<int:poll_id>", views.ParticipantPollView.as_view(), name="poll"),
    path("polls/<int:poll_id>/image", views.PollImageFileView.as_view(), name="poll-image"),
    path(
        "polls/<int:poll_id>/voting-code",
        views.VotingCodeRedeemView.as_view(),
        name="poll-voting-code",
    ),
    path(
        "questions/<int:question_id>/answers",
        views.AnswerSubmitView.as_view(),
        name="question-answers",
    ),
]
