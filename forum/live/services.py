import secrets
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forum.core.errors import InvalidInput
from forum.core.events import LiveSessionChanged, live_group, publish_on_commit
from forum.core.roles import Role, require_role
from forum.live.models import JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH, LiveSession, LiveSessionState
from forum.live.selectors import normalise_join_code
from forum.participation.models import Forum
from forum.polls.models import Poll, PollStatus
from forum.polls.services import poll_open


def join_code_generate() -> str:
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


def live_session_start(
    *, forum: Forum, poll: Poll, actor: Any, title: str = "", join_code: str | None = None
) -> LiveSession:
    """Start a live session showing ``poll`` and open the poll for answers."""
    require_role(actor, Role.YOUTH_WORKER)
    if poll.forum_id != forum.pk:
        raise InvalidInput(fields={"poll_id": [_("The poll does not belong to this forum.")]})
    if poll.status == PollStatus.CLOSED:
        raise InvalidInput(fields={"poll_id": [_("The poll is closed.")]})
    for _attempt in range(10):
        code = normalise_join_code(join_code) if join_code else join_code_generate()
        try:
            with transaction.atomic():
                session = LiveSession.objects.create(
                    forum=forum,
                    title=title.strip() or poll.title,
                    join_code=code,
                    current_poll=poll,
                    created_by=actor,
                )
                poll_open(poll=poll, actor=actor)
                publish_on_commit(live_group(code), LiveSessionChanged(code=code))
                return session
        except IntegrityError:
            if join_code:
                raise InvalidInput(fields={"join_code": [_("That code is taken.")]}) from None
    raise RuntimeError("could not find a free join code")  # 31^6 codes: practically never


def live_session_end(*, session: LiveSession, actor: Any) -> LiveSession:
    require_role(actor, Role.YOUTH_WORKER)
    with transaction.atomic():
        session = LiveSession.objects.select_for_update().get(pk=session.pk)
        if session.state != LiveSessionState.ENDED:
            session.state = LiveSessionState.ENDED
            session.ended_at = timezone.now()
            session.save(update_fields=["state", "ended_at"])
            publish_on_commit(
                live_group(session.join_code), LiveSessionChanged(code=session.join_code)
            )
    return session
