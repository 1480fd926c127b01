from django.urls import path

from api.forums import views

urlpatterns = [
    path("forums", views.ForumListView.as_view(), name="forums"),
    path("forums/<id:forum_id>", views.ForumDetailView.as_view(), name="forum-detail"),
    path(
        "forums/<id:forum_id>/languages",
        views.ForumLanguagesView.as_view(),
        name="forum-languages",
    ),
]
