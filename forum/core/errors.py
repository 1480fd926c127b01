"""Domain errors with stable codes.

The edge (api/) turns these into the one error shape
``{"code": ..., "message": ..., "fields": {...}}`` over HTTP and websockets alike.
The domain never speaks HTTP: the status for each code lives in api/errors.py.
"""

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    code: ClassVar[str] = "invalid"
    default_message: ClassVar[str | Promise] = _("The request could not be carried out.")

    def __init__(
        self,
        message: str | Promise | None = None,
        *,
        fields: Mapping[str, Sequence[str | Promise]] | None = None,
    ) -> None:
        self.message = message if message is not None else self.default_message
        self.fields = {name: [str(m) for m in msgs] for name, msgs in (fields or {}).items()}
        super().__init__(str(self.message))


class InvalidInput(DomainError):
    code = "invalid"
    default_message = _("Some of the information is not valid.")


class NotFound(DomainError):
    code = "not_found"
    default_message = _("We could not find that.")


class PermissionDenied(DomainError):
    code = "permission_denied"
    default_message = _("You do not have permission to do that.")


class NotAuthenticated(DomainError):
    code = "not_authenticated"
    default_message = _("Please log in first.")


class MfaRequired(PermissionDenied):
    code = "mfa_required"
    default_message = _("Enter the code from your authenticator app first.")


class MfaEnrolmentRequired(PermissionDenied):
    code = "mfa_enrolment_required"
    default_message = _("Set up two-step verification before you continue.")


class MfaCodeWrong(DomainError):
    code = "mfa_code_wrong"
    default_message = _("That code is not right. Check it and try again.")


class MfaNotEnrolled(DomainError):
    code = "mfa_not_enrolled"
    default_message = _("Two-step verification is not set up for this account.")


class UnknownJoinCode(DomainError):
    code = "unknown_join_code"
    default_message = _("There is no open session with that code. Check the code and try again.")


class SessionEnded(DomainError):
    code = "session_ended"
    default_message = _("This session has ended.")


class PollClosed(DomainError):
    code = "poll_closed"
    default_message = _("Voting is closed for this poll.")


class PollNotOpen(DomainError):
    code = "poll_not_open"
    default_message = _("This poll is not open yet.")


class UnknownOption(DomainError):
    code = "unknown_option"
    default_message = _("That answer is not one of the options.")


class AnswerChangeNotAllowed(DomainError):
    code = "answer_locked"
    default_message = _("You have already answered, and this poll does not allow changing answers.")


class IdempotencyKeyReused(DomainError):
    code = "idempotency_key_reused"
    default_message = _("This request key was already used for a different answer.")


class AlreadyLinked(DomainError):
    code = "already_linked"
    default_message = _("That poll is already linked to this planning item.")


class PollNotEditable(DomainError):
    code = "poll_not_editable"
    default_message = _("People have already answered, so the questions can no longer change.")


class VotingCodeRequired(DomainError):
    code = "voting_code_required"
    default_message = _("This vote needs a voting code. Type the code from your slip first.")


class VotingCodeInvalid(DomainError):
    code = "voting_code_invalid"
    default_message = _("That voting code does not work. Check it, or ask for a new slip.")


class AgeBandRequired(DomainError):
    code = "age_band_required"
    default_message = _("This poll is for some ages only. Tell us your age group under About you.")


class AgeBandNotAllowed(DomainError):
    code = "age_band_not_allowed"
    default_message = _("This poll is for another age group.")


class ActivityNotCurrent(DomainError):
    code = "activity_not_current"
    default_message = _("This activity is not on right now. Follow the big screen.")


class AnsweringLocked(DomainError):
    code = "answering_locked"
    default_message = _("Answering is closed right now.")


class TextBlocked(DomainError):
    code = "text_blocked"
    default_message = _("Your answer has words we do not allow. Change it and try again.")


class GroupTooSmall(DomainError):
    code = "group_too_small"
    default_message = _(
        "Too few people have answered to show a breakdown without revealing anyone."
    )


class ContentBlocked(DomainError):
    code = "content_blocked"
    default_message = _(
        "Your text contains words that are not allowed here. Change the text and try again."
    )


class BoardClosed(DomainError):
    code = "board_closed"
    default_message = _("This idea board is closed for new ideas.")


class BoardNotOpen(DomainError):
    code = "board_not_open"
    default_message = _("This idea board is not open yet.")


class FeedbackStepNotAllowed(DomainError):
    code = "feedback_step_not_allowed"
    default_message = _("The idea cannot move to that step from where it is now.")


class ModerationNotAllowed(DomainError):
    code = "moderation_not_allowed"
    default_message = _("That moderation action is not possible for this post.")


class ImageRejected(DomainError):
    code = "image_rejected"
    default_message = _("The picture could not be used. Send a JPEG, PNG or WebP picture.")


class InvalidStateTransition(DomainError):
    code = "invalid_state"
    default_message = _("That step is not possible in the meeting's current state.")


class MeetingNotStarted(InvalidStateTransition):
    code = "meeting_not_started"
    default_message = _("The meeting has not started yet, so it cannot be marked as held.")


class MeetingNotHeld(InvalidStateTransition):
    code = "meeting_not_held"
    default_message = _("Decisions are recorded after the meeting is held.")


class ActivityStepNotPossible(InvalidStateTransition):
    code = "activity_step_not_possible"
    default_message = _("That step is not possible in the activity's current state.")


class ImportHasErrors(DomainError):
    code = "import_has_errors"
    default_message = _("Some lines have errors. Nothing was saved: fix them and upload again.")


class InUse(DomainError):
    code = "in_use"
    default_message = _("This is still in use and cannot be removed.")


class NotJoined(DomainError):
    code = "not_joined"
    default_message = _("Join the session with its code first.")


class SessionNotStarted(DomainError):
    code = "session_not_started"
    default_message = _(
        "This session has not started yet. Wait until the youth worker starts it, then try again."
    )


class ActivityAlreadyShown(DomainError):
    code = "activity_already_shown"
    default_message = _(
        "This activity has already been shown (or has answers), so it can no longer be changed."
    )


class NotAParticipant(DomainError):
    code = "not_a_participant"
    default_message = _(
        "This phone has not taken part in anything yet, so there is nothing to move."
    )


class PersonalCodeExists(DomainError):
    code = "personal_code_exists"
    default_message = _(
        "You already have a personal code. Choose “Change code” to get a new one instead."
    )


class PersonalCodeWrong(DomainError):
    code = "personal_code_wrong"
    default_message = _("That code does not work. Check the letters and try again.")


class PersonalCodeRetired(DomainError):
    code = "personal_code_retired"
    default_message = _(
        "That code has been replaced by a new one. Use the new code shown under My answers."
    )


class PersonalCodeExpired(DomainError):
    code = "personal_code_expired"
    default_message = _("That code is too old. Make a new code on the phone that has your answers.")


class PersonalCodeLocked(DomainError):
    code = "personal_code_locked"
    default_message = _("Too many wrong codes. Wait 15 minutes and try again.")


class TextInvalidCharacters(InvalidInput):
    code = "text_invalid_characters"
    default_message = _(
        "The text contains characters that cannot be used (control or broken characters). "
        "Type it again and send it."
    )


class TextEmpty(InvalidInput):
    code = "text_empty"
    default_message = _("Write something first: the text is empty.")


class IdOutOfRange(InvalidInput):
    code = "id_out_of_range"
    default_message = _("That id is not a valid number.")


class QuestionEmpty(InvalidInput):
    code = "question_empty"
    default_message = _("Write the question first: the question text is empty.")


class OptionsDuplicate(InvalidInput):
    code = "options_duplicate"
    default_message = _("Two options say the same thing. Make each option different.")


class OptionsTooMany(InvalidInput):
    code = "options_too_many"
    default_message = _("There are too many options. Remove some and try again.")


class BudgetInvalid(InvalidInput):
    code = "budget_invalid"
    default_message = _("Set the budget to a whole number above zero.")


class CostsInvalid(InvalidInput):
    code = "costs_invalid"
    default_message = _("Give every option a cost: a whole number, zero or more.")


class CountdownOutOfRange(InvalidInput):
    code = "countdown_out_of_range"
    default_message = _("A countdown lasts from 1 second to 1 hour.")


class ActivityIsLive(DomainError):
    code = "activity_live"
    default_message = _("This activity is on the screens right now, so it cannot be moved.")


class EditConflict(DomainError):
    """Someone else changed the session since this editor loaded it. ``details`` says who,
    what and the current values, so the editor can show them instead of overwriting."""

    code = "edit_conflict"
    default_message = _(
        "Someone else changed this session while you were editing. "
        "Look at what changed and reload to continue."
    )

    def __init__(self, message: str | Promise | None = None, *, details: dict[str, Any]):
        super().__init__(message)
        self.details = details


class UnknownTemplate(InvalidInput):
    code = "unknown_template"
    default_message = _("There is no template with that name.")


class NegativeCount(InvalidInput):
    code = "negative_count"
    default_message = _("A count cannot be below 0.")


class CountExceedsParticipants(InvalidInput):
    code = "count_exceeds_participants"
    default_message = _("The counts add up to more than the number of participants.")


class FutureDate(InvalidInput):
    code = "future_date"
    default_message = _("The date cannot be in the future.")


class WorkshopWithoutResults(InvalidInput):
    code = "workshop_without_results"
    default_message = _("Enter at least two options with counts, or at least one quote.")


class PersonalDetailsInText(InvalidInput):
    code = "personal_details"
    default_message = _(
        "The text contains personal details (such as a phone number, e-mail or address). "
        "Remove them and try again."
    )


# --- participatory budgets (forum.budgets) ----------------------------------------------------


class OverBudget(DomainError):
    code = "over_budget"
    default_message = _("Your choices cost more than the budget. Remove something and try again.")


class TooManyChoices(DomainError):
    code = "too_many_choices"
    default_message = _("You picked more proposals than allowed. Remove some and try again.")


class ProposalNotOnBallot(DomainError):
    code = "proposal_not_on_ballot"
    default_message = _("One of your choices is not on the ballot. Reload the page and try again.")


class BallotClosed(DomainError):
    code = "ballot_closed"
    default_message = _("Voting is not open for this budget.")


class AlreadyVoted(DomainError):
    code = "already_voted"
    default_message = _("A vote has already been cast from this phone or with this code.")


class EmptyBallot(DomainError):
    code = "empty_ballot"
    default_message = _("Pick at least one proposal before you vote.")


class PhaseBackwards(DomainError):
    code = "phase_backwards"
    default_message = _("People have already voted, so the process cannot go back a phase.")


class ReviewClosed(DomainError):
    code = "review_closed"
    default_message = _("Proposals are reviewed in the review phase only.")


class ProposalsClosed(DomainError):
    code = "proposals_closed"
    default_message = _("New proposals are taken only before voting starts.")


class BallotRulesLocked(DomainError):
    code = "ballot_rules_locked"
    default_message = _(
        "People have already voted, so the budget, the voting rules and the proposals "
        "cannot change."
    )


class NotFunded(DomainError):
    code = "not_funded"
    default_message = _("Updates are for funded proposals, from the implementation phase on.")


class ForumArchived(DomainError):
    code = "forum_archived"
    default_message = _("This forum is archived: its history can be read but not changed.")


class LiveSessionRunning(DomainError):
    code = "live_session_running"
    default_message = _(
        "A live session in this forum is running. End it before you archive the forum."
    )


class PushDisabled(DomainError):
    code = "push_disabled"
    default_message = _("Notices to phones are not turned on here.")


class PushNotAParticipant(DomainError):
    code = "push_not_a_participant"
    default_message = _(
        "This phone has not taken part in anything yet, so there is nothing to hear about."
    )
