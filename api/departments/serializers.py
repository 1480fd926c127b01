"""The departments (förvaltning › avdelning › enhet) that planning items and decisions name."""

from typing import Any

from rest_framework import serializers

from api.fields import IdField, TextField
from forum.core.department_tree import NAME_MAX_LENGTH
from forum.core.models import Department, DepartmentLevel
from forum.core.selectors import department_is_archived, department_path


class DepartmentCreateInput(serializers.Serializer):
    name = TextField(max_length=NAME_MAX_LENGTH)
    level = serializers.ChoiceField(choices=DepartmentLevel.choices)
    # None: at the top (only an administration stands there).
    parent_id = IdField(required=False, allow_null=True, default=None)


class DepartmentUpdateInput(serializers.Serializer):
    name = TextField(max_length=NAME_MAX_LENGTH, required=False)
    level = serializers.ChoiceField(choices=DepartmentLevel.choices, required=False)
    # Given (even null): move it there; left out: it stays where it is.
    parent_id = IdField(required=False, allow_null=True)


class DepartmentImportInput(serializers.Serializer):
    file = serializers.FileField(max_length=200, allow_empty_file=False)
    confirm = serializers.BooleanField(required=False, default=False)


class DepartmentOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    level = serializers.ChoiceField(choices=DepartmentLevel.choices)
    level_label = serializers.CharField()
    parent_id = serializers.IntegerField(allow_null=True)
    # "Järva stadsdelsförvaltning › Avdelningen för … › Fritidsgården Husby"
    path = serializers.CharField()
    # 0 for an administration, one more per level below.
    depth = serializers.IntegerField()
    # Archived (itself or above): shown where used, not offered for new links.
    archived = serializers.BooleanField()


class DepartmentRefOutput(serializers.Serializer):
    """The department a planning item or decision names, with its full path."""

    id = serializers.IntegerField(source="pk")
    name = serializers.CharField()
    path = serializers.SerializerMethodField()
    archived = serializers.SerializerMethodField()

    def get_path(self, department: Department) -> str:
        return department_path(department)

    def get_archived(self, department: Department) -> bool:
        return department_is_archived(department)


def department_ref(department: Department | None) -> dict[str, Any] | None:
    return dict(DepartmentRefOutput(department).data) if department is not None else None


class DepartmentImportRowOutput(serializers.Serializer):
    line = serializers.IntegerField()
    values = serializers.DictField(child=serializers.CharField(allow_blank=True))
    errors = serializers.DictField(  # type: ignore[assignment]  # DRF pops declared fields
        child=serializers.ListField(child=serializers.CharField())
    )
    # Already in the list at this level: the line changes nothing.
    exists = serializers.BooleanField()


class DepartmentImportOutput(serializers.Serializer):
    ok = serializers.BooleanField()
    saved = serializers.BooleanField()
    file_errors = serializers.ListField(child=serializers.CharField())
    rows = DepartmentImportRowOutput(many=True)
    # Full paths of the departments added (or, in a preview, to be added).
    created_departments = serializers.ListField(child=serializers.CharField())
