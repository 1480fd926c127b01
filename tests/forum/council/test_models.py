import pytest
from django.core.exceptions import ValidationError

from forum.council.models import DevelopmentArea, PlanningItem, validate_reference


@pytest.mark.parametrize(
    "reference", ["1.2.4-182-2025", "1-1-1999", "12.3-45678-2030", "1.2.3.4.5.6-1-2025"]
)
def test_validate_reference_accepts_registry_numbers(reference: str) -> None:
    validate_reference(reference)


@pytest.mark.parametrize(
    "reference",
    [
        "",
        "junk",
        "1.2.4",
        "1.2.4-182",
        "1.2.4-182-25",
        "1.2.4-182-1825",
        "1.2.4/182/2025",
        "1..2-182-2025",
        "a.2.4-182-2025",
        " 1.2.4-182-2025",
        "1.2.4-182-2025 ",
        "1.2.4-182-2025\n",
        "1.2.4-182-2025-1",
        "1.2.4-1234567-2025",
    ],
)
def test_validate_reference_rejects_junk(reference: str) -> None:
    with pytest.raises(ValidationError):
        validate_reference(reference)


@pytest.mark.django_db
def test_planning_item_full_clean_checks_the_reference() -> None:
    item = PlanningItem(title="Fritid", reference="dnr 182", area=DevelopmentArea.STRUCTURES)

    with pytest.raises(ValidationError) as excinfo:
        item.full_clean()

    assert "reference" in excinfo.value.message_dict
