from django.urls import path

from api.translations import views

urlpatterns = [
    path(
        "translations/forums/<id:forum_id>/missing",
        views.UntranslatedTextsView.as_view(),
        name="translations-missing",
    ),
    path(
        "translations/questions/<id:question_id>",
        views.QuestionTranslationsView.as_view(),
        name="translations-question",
    ),
    path(
        "translations/boards/<id:board_id>",
        views.BoardTranslationsView.as_view(),
        name="translations-board",
    ),
    path(
        "translations/live/<str:code>/activities/<id:activity_id>",
        views.ActivityTranslationsView.as_view(),
        name="translations-activity",
    ),
    path(
        "translations/planning-items/<id:item_id>",
        views.PlanningItemTranslationsView.as_view(),
        name="translations-planning-item",
    ),
]
