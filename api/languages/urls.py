from django.urls import path

from api.languages import views

urlpatterns = [
    path("staff/languages", views.LanguageListView.as_view(), name="staff-languages"),
    path(
        "staff/languages/<str:language>",
        views.LanguageReviewView.as_view(),
        name="staff-language-review",
    ),
]
