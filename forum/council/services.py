from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from forum.core.errors import AlreadyLinked, InvalidInput
from forum.core.roles import Role, require_role
from forum.council.models import PlanningItem, PollLink
from forum.polls.models import Poll

NOTE_MAX_LENGTH = 2000


def planning_item_link_poll(
    *, planning_item: PlanningItem, poll: Poll, note: str, actor: Any
) -> PollLink:
    require_role(actor, Role.OFFICIAL, Role.YOUTH_WORKER)
    note = note.strip()
    if len(note) > NOTE_MAX_LENGTH:
        raise InvalidInput(
            fields={"note": [_("At most %(max)d characters.") % {"max": NOTE_MAX_LENGTH}]}
        )
    try:
        with transaction.atomic():
            return PollLink.objects.create(
                planning_item=planning_item, poll=poll, note=note, created_by=actor
            )
    except IntegrityError:
        raise AlreadyLinked() from None
