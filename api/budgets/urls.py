from django.urls import path

from api.budgets import views

urlpatterns = [
    path("budgets", views.BudgetListView.as_view(), name="budgets"),
    path("budgets/<id:process_id>", views.BudgetDetailView.as_view(), name="budget"),
    path("budgets/<id:process_id>/ballot", views.BallotView.as_view(), name="budget-ballot"),
    path(
        "budgets/updates/<id:update_id>/photo",
        views.UpdatePhotoView.as_view(),
        name="budget-update-photo",
    ),
    path("staff/budgets", views.StaffBudgetListView.as_view(), name="staff-budgets"),
    path("staff/budgets/<id:process_id>", views.StaffBudgetView.as_view(), name="staff-budget"),
    path(
        "staff/budgets/<id:process_id>/phase",
        views.PhaseView.as_view(),
        name="staff-budget-phase",
    ),
    path(
        "staff/budgets/<id:process_id>/proposals/import",
        views.ProposalImportView.as_view(),
        name="staff-budget-proposals-import",
    ),
    path(
        "staff/budgets/<id:process_id>/proposals",
        views.ProposalCreateView.as_view(),
        name="staff-budget-proposals",
    ),
    path(
        "staff/budgets/proposals/<id:proposal_id>/review",
        views.ProposalReviewView.as_view(),
        name="staff-budget-proposal-review",
    ),
    path(
        "staff/budgets/proposals/<id:proposal_id>/merge",
        views.ProposalMergeView.as_view(),
        name="staff-budget-proposal-merge",
    ),
    path(
        "staff/budgets/proposals/<id:proposal_id>/updates",
        views.ImplementationUpdateView.as_view(),
        name="staff-budget-proposal-updates",
    ),
    path(
        "staff/budgets/<id:process_id>/codes",
        views.CodesView.as_view(),
        name="staff-budget-codes",
    ),
    path(
        "staff/budgets/<id:process_id>/codes.pdf",
        views.CodeSlipsView.as_view(),
        name="staff-budget-code-slips",
    ),
    path("staff/departments", views.DepartmentListView.as_view(), name="staff-departments"),
]
