"""Live sessions' part of gallring and self-erasure (forum/participation/retention.py).

Word clouds and walls are poll answers (polls' part). Q&A questions are free text: gallring
replaces the text with a notice and moves questions and upvotes to stand-ins (a session's
summary keeps its counts); self-erasure deletes the person's questions and upvotes and
refreshes the screens of a session that still runs. An in-person workshop's quotes and note
(young people's words, typed in by staff) go after the period; its counts stay.
"""

import datetime as dt

from forum.core.events import LiveSessionChanged, live_group, publish_on_commit
from forum.live.models import OfflineQuote, OfflineWorkshop, QaQuestion, QaUpvote
from forum.participation.models import Forum
from forum.participation.retention import EXPIRED_TEXT, StandIns, notice


def live_purge(forum: Forum, cutoff: dt.datetime, stand_ins: StandIns) -> dict[str, int]:
    questions = QaQuestion.objects.filter(
        activity__session__forum=forum, created_at__lt=cutoff, participant__stand_in=False
    )
    ids = list(questions.values_list("pk", flat=True))
    QaQuestion.objects.filter(pk__in=ids).update(text=notice(EXPIRED_TEXT), hold_reasons="")
    upvotes = QaUpvote.objects.filter(
        question__activity__session__forum=forum,
        created_at__lt=cutoff,
        participant__stand_in=False,
    )
    workshops = OfflineWorkshop.objects.filter(forum=forum, entered_at__lt=cutoff)
    quotes, _kinds = OfflineQuote.objects.filter(workshop__in=workshops).delete()
    notes = (
        workshops.exclude(note="")
        .exclude(note=notice(EXPIRED_TEXT))
        .update(note=notice(EXPIRED_TEXT))
    )
    return {
        "qa_questions_anonymised": stand_ins.move(QaQuestion.objects.filter(pk__in=ids)),
        "qa_upvotes_anonymised": stand_ins.move(upvotes),
        "workshop_quotes_deleted": quotes,
        "workshop_notes_replaced": notes,
    }


def live_erase(participant_ids: list[int], stand_ins: StandIns) -> dict[str, int]:
    questions = QaQuestion.objects.filter(participant_id__in=participant_ids)
    upvotes = QaUpvote.objects.filter(participant_id__in=participant_ids)
    codes = set(questions.values_list("activity__session__join_code", flat=True)) | set(
        upvotes.values_list("question__activity__session__join_code", flat=True)
    )
    upvotes_deleted, _kinds = upvotes.delete()
    questions_deleted = questions.count()
    questions.delete()
    for code in sorted(codes):
        publish_on_commit(live_group(code), LiveSessionChanged(code=code))
    return {"qa_questions_deleted": questions_deleted, "qa_upvotes_deleted": upvotes_deleted}
