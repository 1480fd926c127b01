from django.urls import path

from api.council import views

urlpatterns = [
    path("council/planning-items", views.PlanningItemListView.as_view(), name="planning-items"),
    path(
        "council/planning-items/import",
        views.PlanningItemImportView.as_view(),
        name="planning-item-import",
    ),
    path(
        "council/planning-items/<id:item_id>",
        views.PlanningItemDetailView.as_view(),
        name="planning-item-detail",
    ),
    path(
        "council/planning-items/<id:item_id>/links",
        views.PlanningLinkListView.as_view(),
        name="planning-item-links",
    ),
    path(
        "council/links/<id:link_id>",
        views.PlanningLinkDetailView.as_view(),
        name="planning-link-detail",
    ),
    path("council/live-sessions", views.LinkableSessionListView.as_view(), name="council-sessions"),
    path(
        "council/live/<str:code>/links",
        views.SessionActivityLinksView.as_view(),
        name="session-activity-links",
    ),
    path("council/idea-boards", views.LinkableBoardListView.as_view(), name="council-boards"),
    path(
        "council/linked/<str:kind>/<id:content_id>",
        views.ContentLinksView.as_view(),
        name="content-planning-links",
    ),
    path(
        "council/agenda-items/<id:agenda_item_id>/quotes",
        views.AgendaItemQuotesView.as_view(),
        name="agenda-item-quotes",
    ),
    path("council/quotes/<id:quote_id>", views.QuoteDetailView.as_view(), name="quote-detail"),
    path("council/polls", views.LinkablePollListView.as_view(), name="council-polls"),
    path("council/workshops", views.LinkableWorkshopListView.as_view(), name="council-workshops"),
    path("council/meetings", views.MeetingListView.as_view(), name="meetings"),
    path(
        "council/meetings/<id:meeting_id>",
        views.MeetingDetailView.as_view(),
        name="meeting-detail",
    ),
    path(
        "council/meetings/<id:meeting_id>/agenda",
        views.MeetingAgendaView.as_view(),
        name="meeting-agenda",
    ),
    path(
        "council/meetings/<id:meeting_id>/transition",
        views.MeetingTransitionView.as_view(),
        name="meeting-transition",
    ),
    path(
        "council/meetings/<id:meeting_id>/brief",
        views.MeetingBriefView.as_view(),
        name="meeting-brief",
    ),
    path(
        "council/meetings/<id:meeting_id>/brief.<str:fmt>",
        views.MeetingBriefFileView.as_view(),
        name="meeting-brief-file",
    ),
    path(
        "council/meetings/<id:meeting_id>/brief/publish",
        views.MeetingBriefPublishView.as_view(),
        name="meeting-brief-publish",
    ),
    path(
        "council/agenda-items/<id:agenda_item_id>/analysis",
        views.AgendaItemAnalysisView.as_view(),
        name="agenda-item-analysis",
    ),
    path(
        "council/agenda-items/<id:agenda_item_id>/decision",
        views.AgendaItemDecisionView.as_view(),
        name="agenda-item-decision",
    ),
    path("council/followup", views.FollowupView.as_view(), name="followup"),
    path("council/followup.<str:fmt>", views.FollowupFileView.as_view(), name="followup-file"),
    path("council/evaluation", views.EvaluationView.as_view(), name="evaluation"),
    path(
        "council/evaluation.<str:fmt>",
        views.EvaluationFileView.as_view(),
        name="evaluation-file",
    ),
    path(
        "council/reference-population",
        views.ReferencePopulationView.as_view(),
        name="reference-population",
    ),
    path("feedback", views.MyFeedbackView.as_view(), name="my-feedback"),
]
