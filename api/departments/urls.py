from django.urls import path

from api.departments import views

urlpatterns = [
    path("staff/departments", views.DepartmentListView.as_view(), name="staff-departments"),
    path(
        "staff/departments/import",
        views.DepartmentImportView.as_view(),
        name="staff-department-import",
    ),
    path(
        "staff/departments/<id:department_id>",
        views.DepartmentDetailView.as_view(),
        name="staff-department-detail",
    ),
    path(
        "staff/departments/<id:department_id>/archive",
        views.DepartmentArchiveView.as_view(),
        name="staff-department-archive",
    ),
]
