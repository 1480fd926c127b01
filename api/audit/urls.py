from django.urls import path

from api.audit import views

urlpatterns = [
    path("staff/audit", views.AuditListView.as_view(), name="staff-audit"),
    path("staff/audit.csv", views.AuditExportView.as_view(), name="staff-audit-csv"),
]
