from django.urls import path

from api.participation import views

urlpatterns = [
    path("forums/<id:forum_id>/about-you", views.AboutYouView.as_view(), name="about-you"),
    path(
        "forums/<id:forum_id>/about-you/skip",
        views.AboutYouSkipView.as_view(),
        name="about-you-skip",
    ),
]
