from forum.participation.models import Forum, Participant, ParticipantProfile
from forum.participation.services import participant_token_hash


def participant_from_token(*, token: str | None) -> Participant | None:
    if not token or len(token) > 128:
        return None
    return Participant.objects.filter(token_hash=participant_token_hash(token)).first()


def forum_list() -> list[Forum]:
    return list(Forum.objects.all())


def participant_profile(
    *, forum: Forum, participant: Participant | None
) -> ParticipantProfile | None:
    if participant is None:
        return None
    return ParticipantProfile.objects.filter(forum=forum, participant=participant).first()
