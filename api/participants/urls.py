from django.urls import path

from api.participants import views

urlpatterns = [
    path("forums/<id:forum_id>/about-you", views.AboutYouView.as_view(), name="about-you"),
    path(
        "forums/<id:forum_id>/about-you/skip",
        views.AboutYouSkipView.as_view(),
        name="about-you-skip",
    ),
    path("participants/me/code", views.PersonalCodeView.as_view(), name="personal-code"),
    path(
        "participants/me/code/show",
        views.PersonalCodeShowView.as_view(),
        name="personal-code-show",
    ),
    path("participants/me/erase", views.ErasureView.as_view(), name="participant-erase"),
    path(
        "participants/transfer", views.PersonalCodeRedeemView.as_view(), name="participant-transfer"
    ),
]
