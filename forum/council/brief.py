"""'Ungas röster inför nämnden': the youth-input brief for one council meeting.

The brief is built as plain JSON-able data, so the same figures feed the web page, the
PDF, the CSV/XLSX and the frozen snapshot a published version keeps. Input reaches an
agenda item through *sources* (today poll links; idea boards and live-session activities
add their own source function after they land): each source reports its channel, the
participants it heard and its results.
"""

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from forum.core.suppression import SuppressedCounts, shown_count, suppress_small_cells
from forum.council.models import AgendaItem, BriefQuote, BriefVersion, Meeting, PlanningLink
from forum.ideas.models import Idea, Support
from forum.moderation.models import ModerationState
from forum.participation.models import (
    PREFER_NOT_TO_SAY,
    AgeBand,
    Gender,
    Neighbourhood,
    ParticipantProfile,
)
from forum.polls.models import Response, TextStatus
from forum.polls.selectors import poll_results, shown_question_result

NOT_ANSWERED = "not_answered"
DIMENSIONS = {"age_band": AgeBand, "gender": Gender, "neighbourhood": Neighbourhood}
# The district's own neighbourhoods: the analysis names those nobody (or few) came from.
JARVA = [
    Neighbourhood.AKALLA,
    Neighbourhood.HUSBY,
    Neighbourhood.KISTA,
    Neighbourhood.RINKEBY,
    Neighbourhood.TENSTA,
    Neighbourhood.HJULSTA,
    Neighbourhood.SPANGA_BROMSTEN,
]


@dataclass
class Profiles:
    """One profile (or none) per participant heard: the basis of every demographic figure."""

    by_participant: dict[int, ParticipantProfile | None] = field(default_factory=dict)

    def counts(self, dimension: str) -> dict[str, int]:
        choices = DIMENSIONS[dimension]
        counts = {code: 0 for code in choices.values}
        counts[NOT_ANSWERED] = 0
        for profile in self.by_participant.values():
            value = getattr(profile, dimension, "") if profile else ""
            counts[value or NOT_ANSWERED] += 1
        return counts


def profiles_for(pairs: Iterable[tuple[int, int]]) -> Profiles:
    """Profiles for (participant id, forum id) pairs: the profile given in that forum."""
    pairs = list(pairs)
    participant_ids = {p for p, _f in pairs}
    forum_ids = {f for _p, f in pairs}
    found = {
        (pr.participant_id, pr.forum_id): pr
        for pr in ParticipantProfile.objects.filter(
            participant_id__in=participant_ids, forum_id__in=forum_ids
        )
    }
    result = Profiles()
    for participant_id, forum_id in pairs:
        profile = found.get((participant_id, forum_id))
        if result.by_participant.get(participant_id) is None:
            result.by_participant[participant_id] = profile
    return result


def label_for(dimension: str, code: str) -> str:
    if code == NOT_ANSWERED:
        return _("Did not say")
    return str(DIMENSIONS[dimension](code).label)


def suppressed_table(dimension: str, counts: Mapping[str, int]) -> dict[str, Any]:
    cells: SuppressedCounts[str] = suppress_small_cells(counts)
    return {
        "dimension": dimension,
        "total": cells.total,
        "rows": [
            {"code": code, "label": label_for(dimension, code), "count": cells.cells[code]}
            for code in counts
        ],
    }


def demographics(profiles: Profiles) -> list[dict[str, Any]]:
    return [suppressed_table(d, profiles.counts(d)) for d in DIMENSIONS]


def _poll_source(link: PlanningLink) -> dict[str, Any]:
    assert link.poll is not None
    results = poll_results(poll=link.poll)
    questions = [
        q
        for q in results.questions
        if link.question_id is None or q.question_id == link.question_id
    ]
    responses = Response.objects.filter(question__poll=link.poll)
    if link.question_id is not None:
        responses = responses.filter(question_id=link.question_id)
    participants = set(responses.values_list("participant_id", flat=True))
    return {
        "channel": "polls",
        "participant_forum": [(p, link.poll.forum_id) for p in sorted(participants)],
        "out": {
            "poll": {"id": link.poll.pk, "title": link.poll.title},
            "question_id": link.question_id,
            "note": link.note,
            "participants": shown_count(len(participants)),
            # Every result field of every question kind, suppressed, frozen with the brief.
            "questions": [asdict(shown_question_result(q)) for q in questions],
        },
    }


def _activity_source(link: Any) -> dict[str, Any]:
    """A live-session activity routed to the item: channel "sessions"."""
    from forum.council.activities import activity_outcome, activity_participant_ids, activity_title

    activity = link.activity
    participants = activity_participant_ids(activity)
    outcome = activity_outcome(activity)
    return {
        "channel": "sessions",
        "participant_forum": [(p, activity.session.forum_id) for p in sorted(participants)],
        "out": {
            "activity": {
                "id": activity.pk,
                "kind": activity.kind,
                "kind_name": str(activity.get_kind_display()),
                "title": activity_title(activity),
            },
            "session": {"id": activity.session_id, "title": activity.session.title},
            "note": link.note,
            # A head count under 5 is "fewer than 5", as everywhere in the brief.
            "participants": shown_count(len(participants)),
            "questions": outcome["questions"],
            "top": outcome["top"],
        },
    }


TOP_IDEAS = 5


def published_ideas_for(planning_item_id: int) -> "Any":
    """Published ideas routed to a planning item, one by one or through a whole board.

    Held, hidden and rejected ideas never reach the brief.
    """
    return (
        Idea.objects.filter(moderation_state=ModerationState.PUBLISHED)
        .filter(
            Q(planning_links__planning_item_id=planning_item_id)
            | Q(board__planning_links__planning_item_id=planning_item_id)
        )
        .distinct()
    )


def _ideas_source(planning_item_id: int) -> dict[str, Any] | None:
    ideas = list(
        published_ideas_for(planning_item_id)
        .select_related("board")
        .annotate(support_count=Count("supports", distinct=True))
        .order_by("-support_count", "created_at", "id")
    )
    links = PlanningLink.objects.filter(planning_item_id=planning_item_id)
    idea_links = list(links.filter(idea__isnull=False).select_related("idea"))
    board_links = list(links.filter(board__isnull=False).select_related("board"))
    if not ideas and not idea_links and not board_links:
        return None
    pairs = {(i.participant_id, i.board.forum_id) for i in ideas}
    forum_of = {i.pk: i.board.forum_id for i in ideas}
    for participant_id, idea_id in Support.objects.filter(idea_id__in=forum_of).values_list(
        "participant_id", "idea_id"
    ):
        pairs.add((participant_id, forum_of[idea_id]))
    rows = [
        {"kind": "board", "id": b.board_id, "title": b.board.question, "note": b.note}
        for b in board_links
        if b.board is not None
    ] + [
        {"kind": "idea", "id": link.idea_id, "title": link.idea.title, "note": link.note}
        for link in idea_links
        if link.idea is not None and link.idea.moderation_state == ModerationState.PUBLISHED
    ]
    return {
        "channel": "ideas",
        "participant_forum": sorted(pairs),
        "links": rows,
        "ideas": len(ideas),
        "top": [
            {"id": i.pk, "title": i.title, "supports": shown_count(i.support_count)}
            for i in ideas[:TOP_IDEAS]
        ],
    }


def still_quotable(quotes: list[BriefQuote]) -> list[BriefQuote]:
    """Quotes whose source is still published: an idea hidden or an answer held after it
    was quoted leaves the brief too."""
    idea_ids = {q.source_id for q in quotes if q.source_kind == "idea"}
    answer_ids = {q.source_id for q in quotes if q.source_kind == "poll_answer"}
    ok = {
        ("idea", pk)
        for pk in Idea.objects.filter(
            pk__in=idea_ids, moderation_state=ModerationState.PUBLISHED
        ).values_list("pk", flat=True)
    } | {
        ("poll_answer", pk)
        for pk in Response.objects.filter(
            pk__in=answer_ids, text_status=TextStatus.PUBLISHED
        ).values_list("pk", flat=True)
    }
    return [q for q in quotes if (q.source_kind, q.source_id) in ok]


CHANNEL_LABELS = {
    "polls": lambda: _("Polls"),
    "ideas": lambda: _("Ideas"),
    "sessions": lambda: _("Live sessions"),
}


def _item(agenda_item: AgendaItem) -> dict[str, Any]:
    planning_item = agenda_item.planning_item
    # One prefetched list of links; polls first, then activities, as the brief always had.
    links = list(planning_item.links.all())
    sources = [_poll_source(link) for link in links if link.poll_id is not None]
    ideas = _ideas_source(planning_item.pk)
    if ideas is not None:
        sources.append(ideas)
    by_activity = [(link.activity, link) for link in links if link.activity is not None]
    by_activity.sort(key=lambda pair: (pair[0].session_id, pair[0].position, pair[1].pk))
    sources += [_activity_source(link) for _activity, link in by_activity]
    pairs: list[tuple[int, int]] = []
    channels: dict[str, set[int]] = {}
    for source in sources:
        pairs.extend(source["participant_forum"])
        channels.setdefault(source["channel"], set()).update(
            p for p, _f in source["participant_forum"]
        )
    profiles = profiles_for(pairs)
    heard = len(profiles.by_participant)
    item: dict[str, Any] = {
        "agenda_item_id": agenda_item.pk,
        "position": agenda_item.position,
        "planning_item": {
            "id": planning_item.pk,
            "title": planning_item.title,
            "reference": planning_item.reference,
            "department": planning_item.department,
            "area": {"code": planning_item.area, "name": planning_item.get_area_display()},
        },
        "participants": shown_count(heard),
        "channels": [
            {
                "channel": name,
                "label": CHANNEL_LABELS[name](),
                "participants": shown_count(len(ids)),
            }
            for name, ids in channels.items()
        ],
        "demographics": demographics(profiles),
        "polls": [s["out"] for s in sources if s["channel"] == "polls"],
        "activities": [s["out"] for s in sources if s["channel"] == "sessions"],
        "idea_links": ideas["links"] if ideas else [],
        "ideas": ideas["ideas"] if ideas else 0,
        "top_ideas": ideas["top"] if ideas else [],
        # Staff choose quotes among published idea texts and approved open-text answers.
        "quotes": [
            {"id": q.pk, "text": q.text, "source": q.source_kind}
            for q in still_quotable(list(agenda_item.quotes.all()))
        ],
    }
    drafted = analysis_draft(item=item, profiles=profiles)
    item["analysis_drafted"] = drafted
    item["analysis"] = agenda_item.analysis or drafted
    item["analysis_edited"] = bool(agenda_item.analysis)
    return item


def brief_build(*, meeting: Meeting) -> dict[str, Any]:
    """The brief as it is right now (the draft, for officials)."""
    agenda = (
        AgendaItem.objects.filter(meeting=meeting)
        .select_related("planning_item")
        .prefetch_related(
            "quotes",
            Prefetch(
                "planning_item__links",
                queryset=PlanningLink.objects.select_related(
                    "poll", "activity__session", "activity__question", "activity__board"
                ).prefetch_related("poll__questions__options"),
            ),
        )
    )
    return {
        "meeting": {
            "id": meeting.pk,
            "title": meeting.title,
            "starts_at": meeting.starts_at.isoformat(),
            "state": meeting.state,
        },
        "version": None,
        "published_at": None,
        "changelog": "",
        "generated_at": timezone.now().isoformat(),
        "items": [_item(a) for a in agenda],
    }


def brief_snapshot(*, meeting: Meeting, number: int, changelog: str) -> dict[str, Any]:
    """The frozen brief for a published version: always in Swedish, the council's language."""
    with translation.override("sv"):
        snapshot = brief_build(meeting=meeting)
    snapshot["version"] = number
    snapshot["published_at"] = timezone.now().isoformat()
    snapshot["changelog"] = changelog
    snapshot["meeting"]["state"] = "brief_published"
    return snapshot


def brief_version_list(*, meeting: Meeting) -> list[BriefVersion]:
    return list(meeting.brief_versions.order_by("number"))


# --- the drafted child-rights and gender-equality analysis ----------------------------------


def _pct(n: int, total: int) -> int:
    return round(100 * n / total) if total else 0


def _join(words: list[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return _("%(list)s and %(last)s") % {"list": ", ".join(words[:-1]), "last": words[-1]}


def analysis_draft(*, item: Mapping[str, Any], profiles: Profiles) -> str:
    """A first draft of the barnrätts- och jämställdhetsanalys, from the figures only.

    It never names a group smaller than 5 with its number: small groups are "fewer than 5".
    """
    heard = len(profiles.by_participant)
    paragraphs: list[str] = []
    if heard == 0:
        return _(
            "No young people's input has been linked to this matter. Consider how children and "
            "young people can be heard before the decision (the Convention on the Rights of the "
            "Child, article 12)."
        )
    if heard < 5:
        return _(
            "Fewer than 5 young people took part, so no groups can be described without "
            "risking that someone is identified. Consider asking more young people before the "
            "decision (the Convention on the Rights of the Child, article 12)."
        )
    channels = _join([str(c["label"]).lower() for c in item["channels"]])
    paragraphs.append(
        _(
            "%(n)d young people gave their views on this matter through %(channels)s. Children "
            "and young people have the right to express their views in all matters affecting "
            "them (the Convention on the Rights of the Child, article 12)."
        )
        % {"n": heard, "channels": channels}
    )

    # Who was heard: the largest groups that are shown.
    heard_parts = []
    for table in item["demographics"]:
        rows = [
            r
            for r in table["rows"]
            if r["count"] and r["code"] not in (NOT_ANSWERED, PREFER_NOT_TO_SAY)
        ]
        if rows:
            top = max(rows, key=lambda r: r["count"])
            heard_parts.append(
                _("%(label)s (%(pct)d %%)")
                % {"label": top["label"], "pct": _pct(top["count"], heard)}
            )
    if heard_parts:
        paragraphs.append(
            _("The largest groups among those heard were: %(groups)s.")
            % {"groups": _join(heard_parts)}
        )

    # Who was not heard: girls and boys per age band, and the district's neighbourhoods.
    missing: list[str] = []
    few: list[str] = []
    cross: dict[tuple[str, str], int] = {}
    for profile in profiles.by_participant.values():
        if profile and profile.gender and profile.age_band:
            key = (profile.gender, profile.age_band)
            cross[key] = cross.get(key, 0) + 1
    ages = [a for a in AgeBand if a != AgeBand.PREFER_NOT]
    for gender, word in ((Gender.GIRL, _("girls")), (Gender.BOY, _("boys"))):
        for age in ages:
            n = cross.get((gender, age), 0)
            group = _("%(who)s aged %(age)s") % {"who": word, "age": age.value.replace("-", "–")}
            if n == 0:
                missing.append(group)
            elif n < 5:
                few.append(group)
    hoods = profiles.counts("neighbourhood")
    nobody_from = [str(h.label) for h in JARVA if hoods.get(h, 0) == 0]
    few_from = [str(h.label) for h in JARVA if 0 < hoods.get(h, 0) < 5]
    if few:
        paragraphs.append(
            _("Few %(groups)s took part (fewer than 5 each).") % {"groups": _join(few)}
        )
    if missing:
        paragraphs.append(_("No %(groups)s took part.") % {"groups": _join(missing)})
    if nobody_from:
        paragraphs.append(_("Nobody from %(places)s took part.") % {"places": _join(nobody_from)})
    if few_from:
        paragraphs.append(
            _("Few young people from %(places)s took part (fewer than 5 each).")
            % {"places": _join(few_from)}
        )
    unknown = profiles.counts("gender")[NOT_ANSWERED]
    if unknown:
        paragraphs.append(
            _(
                "%(pct)d %% did not say anything about themselves, "
                "so the groups above are uncertain."
            )
            % {"pct": _pct(unknown, heard)}
        )

    # What they said: the most common answer to each question.
    said = []
    for poll in [*item["polls"], *item.get("activities", [])]:
        for question in poll["questions"]:
            shown = [o for o in question["options"] if o["count"] is not None]
            if question["total"] and shown:
                top = max(shown, key=lambda o: o["count"])
                said.append(
                    _("To “%(q)s” the most common answer was “%(a)s” (%(pct)d %%).")
                    % {"q": question["text"], "a": top["label"], "pct": round(top["percent"])}
                )
    top_ideas = [i for i in item.get("top_ideas", []) if i["supports"]][:3]  # None: < 5
    if item.get("ideas"):
        if top_ideas:
            said.append(
                _("They sent %(n)d ideas; the ones with most support were %(ideas)s.")
                % {
                    "n": item["ideas"],
                    "ideas": _join(
                        [
                            _("“%(title)s” (%(supports)d supporters)")
                            % {"title": i["title"], "supports": i["supports"]}
                            for i in top_ideas
                        ]
                    ),
                }
            )
        else:
            said.append(_("They sent %(n)d ideas.") % {"n": item["ideas"]})
    if said:
        paragraphs.append(" ".join(said))
    paragraphs.append(
        _(
            "Before the decision: describe how the matter affects girls and boys differently, "
            "and how the groups that were not heard can be reached."
        )
    )
    return "\n\n".join(paragraphs)
