from django.urls import path

from api.workshops import views

urlpatterns = [
    path(
        "staff/forums/<id:forum_id>/workshops",
        views.ForumWorkshopListView.as_view(),
        name="staff-forum-workshops",
    ),
    path(
        "staff/workshops/<id:workshop_id>",
        views.WorkshopDetailView.as_view(),
        name="staff-workshop",
    ),
]
