from django.urls import path

from api.auth import views

urlpatterns = [
    path("auth/me", views.MeView.as_view(), name="auth-me"),
    path("auth/login", views.LoginView.as_view(), name="auth-login"),
    path("auth/logout", views.LogoutView.as_view(), name="auth-logout"),
]
