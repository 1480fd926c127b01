from django.urls import path

from api.push import views

urlpatterns = [
    path("push", views.PushStatusView.as_view(), name="push-status"),
    path("push/subscription", views.PushSubscriptionView.as_view(), name="push-subscription"),
    path(
        "push/subscription/<str:endpoint_hash>",
        views.PushSubscriptionDetailView.as_view(),
        name="push-subscription-detail",
    ),
]
