import hashlib
import secrets

from forum.participation.models import Participant


def participant_token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def participant_create() -> tuple[Participant, str]:
    """Create a participant and return it with the raw token to hand to the device."""
    token = secrets.token_urlsafe(32)
    participant = Participant.objects.create(token_hash=participant_token_hash(token))
    return participant, token
