from forum.participation.models import Forum, Participant
from forum.participation.services import participant_token_hash


def participant_from_token(*, token: str | None) -> Participant | None:
    if not token or len(token) > 128:
        return None
    return Participant.objects.filter(token_hash=participant_token_hash(token)).first()


def forum_list() -> list[Forum]:
    return list(Forum.objects.all())
