from django.urls import path

from api.polls import responses, views

urlpatterns = [
    path(
        "questions/<id:question_id>/responses",
        responses.ResponseSubmitView.as_view(),
        name="question-responses",
    ),
    path("forums/<id:forum_id>/polls", views.PollCreateView.as_view(), name="forum-polls"),
    path(
        "forums/<id:forum_id>/polls/from-template",
        views.PollFromTemplateView.as_view(),
        name="forum-polls-from-template",
    ),
    path("staff/polls/<id:poll_id>", views.StaffPollView.as_view(), name="staff-poll"),
    path(
        "staff/polls/<id:poll_id>/<poll_action:action>",
        views.PollActionView.as_view(),
        name="staff-poll-action",
    ),
    path("staff/polls/<id:poll_id>/image", views.PollImageView.as_view(), name="staff-poll-image"),
    path(
        "staff/polls/<id:poll_id>/breakdown",
        views.PollBreakdownView.as_view(),
        name="staff-poll-breakdown",
    ),
    path(
        "staff/polls/<id:poll_id>/<poll_export:name>",
        views.PollExportView.as_view(),
        name="staff-poll-export",
    ),
    path(
        "staff/polls/<id:poll_id>/voting-codes",
        views.VotingCodeBatchView.as_view(),
        name="staff-poll-voting-codes",
    ),
    path(
        "staff/polls/<id:poll_id>/held-answers",
        views.HeldAnswerListView.as_view(),
        name="staff-poll-held-answers",
    ),
    path(
        "staff/answers/<id:response_id>/moderation",
        views.AnswerModerationView.as_view(),
        name="staff-answer-moderation",
    ),
    path("polls/<id:poll_id>", views.ParticipantPollView.as_view(), name="poll"),
    path("polls/<id:poll_id>/image", views.PollImageFileView.as_view(), name="poll-image"),
    path(
        "polls/<id:poll_id>/voting-code",
        views.VotingCodeRedeemView.as_view(),
        name="poll-voting-code",
    ),
    path(
        "questions/<id:question_id>/answers",
        views.AnswerSubmitView.as_view(),
        name="question-answers",
    ),
]
