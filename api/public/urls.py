from django.urls import path

from api.public import views

urlpatterns = [
    path("public/forums", views.PublicForumListView.as_view(), name="public-forums"),
    path("public/forums/<slug:slug>", views.PublicForumView.as_view(), name="public-forum"),
    path("public/followup", views.PublicFollowupView.as_view(), name="public-followup"),
]
