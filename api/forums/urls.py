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
    path("staff/forums", views.StaffForumListView.as_view(), name="staff-forums"),
    path("staff/forums/<id:forum_id>", views.StaffForumView.as_view(), name="staff-forum"),
    path(
        "staff/forums/<id:forum_id>/archive",
        views.StaffForumArchiveView.as_view(),
        name="staff-forum-archive",
    ),
    path(
        "staff/forums/<id:forum_id>/staff",
        views.StaffForumStaffView.as_view(),
        name="staff-forum-staff",
    ),
    path(
        "staff/forums/<id:forum_id>/staff/<id:user_id>",
        views.StaffForumStaffMemberView.as_view(),
        name="staff-forum-staff-member",
    ),
    path("staff/youth-workers", views.YouthWorkerListView.as_view(), name="staff-youth-workers"),
]
