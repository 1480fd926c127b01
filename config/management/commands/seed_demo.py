"""Demo data: the Järva youth forum, a Friday poll running live, the council's plan, and an
idea board about Tensta centrum."""

import datetime as dt
import os
import random
import uuid
from typing import Any

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from forum.budgets.models import BallotAccess, BallotMode, BudgetProcess, Phase
from forum.budgets.services import (
    ProcessSpec,
    ballot_cast,
    implementation_update_add,
    phase_move,
    process_create,
    proposal_add,
    proposal_merge,
    proposal_review,
    proposals_import,
)
from forum.core.events import events_coalesced
from forum.core.models import Department, DepartmentLevel
from forum.core.roles import Role
from forum.council.models import (
    AgendaItem,
    BriefVersion,
    DevelopmentArea,
    Meeting,
    MeetingState,
    PlanningItem,
    PlanningLink,
)
from forum.council.services import (
    LinkUsage,
    brief_version_freeze,
    decision_record,
    meeting_agenda_set,
    meeting_brief_publish,
    meeting_create,
    meeting_transition,
    planning_link_create,
)
from forum.ideas.models import IdeaBoard
from forum.ideas.services import (
    idea_board_create,
    idea_feedback_add,
    idea_moderate,
    idea_submit,
    idea_support_add,
)
from forum.live.models import (
    ActivityKind,
    LiveActivity,
    LiveSession,
    LiveSessionState,
    OfflineWorkshop,
    WorkshopChoice,
    WorkshopMethod,
)
from forum.live.services import (
    WORD_CLOUD_MAX_LENGTH,
    WorkshopInput,
    WorkshopOptionInput,
    live_activity_add,
    live_activity_image_set,
    live_open_text_answer_moderate,
    live_session_prepare,
    live_session_start,
    workshop_create,
)
from forum.participation.models import Forum, ForumStaff, Participant, ParticipantProfile
from forum.participation.services import (
    participant_create,
    participant_profile_save,
    participant_profile_skip,
)
from forum.polls.measures import Occasion, PollTemplate
from forum.polls.models import Poll, PollFromTemplate, QuestionKind, Response
from forum.polls.services import (
    QuestionSpec,
    poll_answer_submit,
    poll_close,
    poll_create,
    poll_from_template,
    poll_open,
)

DEMO_JOIN_CODE = "FIKA42"
OPEN_TEXT_POLL_TITLE = "Ordmoln och svarsvägg på fredagen"
DEMO_IDEAS_JOIN_CODE = "TENSTA"  # a prepared session: info slide with a picture, idea collection
DEMO_PASSWORD_ENV = "DEMO_STAFF_PASSWORD"  # noqa: S105 - the variable name, not a secret
DEMO_PASSWORD_DEFAULT = "rostrum-demo"  # noqa: S105 - demo-only, printed on start

# "Om dig" of FIKA42's phones, in the order they answered: real groups for a demo brief,
# with some "prefer not to say" and two who skipped (None). (age band, gender, area)
DEMO_ABOUT_YOU: list[tuple[str, str, str] | None] = [
    ("13-15", "girl", "husby"),
    ("16-19", "girl", "rinkeby"),
    ("13-15", "boy", "tensta"),
    ("16-19", "girl", "akalla"),
    ("13-15", "girl", "husby"),
    ("16-19", "boy", "kista"),
    None,
    ("10-12", "girl", "rinkeby"),
    ("13-15", "non_binary", "prefer_not"),
    ("prefer_not", "prefer_not", "husby"),
    ("16-19", "boy", "rinkeby"),
    None,
]

# Measurement points answered in two years: (years ago, answers, where they live, and per
# measure the chance of agreeing) so the follow-up shows a baseline and a trend; a few from
# Akalla and Kista, so some neighbourhood cells are shown and some are hidden.
DEMO_MEASUREMENTS = [
    (1, 62, {"tensta": 22, "husby": 18, "rinkeby": 14, "akalla": 3}, [0.45, 0.3, 0.38, 0.25, 0.5]),
    (0, 71, {"tensta": 24, "husby": 20, "rinkeby": 16, "kista": 6}, [0.55, 0.36, 0.47, 0.34, 0.5]),
]
DEMO_FORMAT_ANSWERS = 24

DEMO_STAFF = [
    ("ungdom", "Ungdomsarbetare Demo", [Role.YOUTH_WORKER]),
    ("tjansteperson", "Tjänsteperson Demo", [Role.OFFICIAL]),
    ("admin", "Admin Demo", [Role.ADMIN, Role.YOUTH_WORKER, Role.OFFICIAL]),
    ("ledamot", "Nämndledamot Demo", [Role.COUNCIL_MEMBER]),
]

ADMINISTRATION = "Järva stadsdelsförvaltning"
# The district's organisation: the divisions the action plan names (seed handlingsplan),
# with the units young people meet. (name, level, units)
DEPARTMENTS = [
    ("Avdelningen för administration", ["Kommunikationsenheten", "Utvecklingsenheten"]),
    ("Avdelningen för individ- och familjeomsorg", ["Ungdomsenheten", "Fältassistenterna"]),
    (
        "Avdelningen för stadsutveckling, medborgarservice och fritid",
        [
            "Fritidsgården Husby",
            "Fritidsgården Tensta",
            "Fritidsgården Rinkeby",
            "Fritidsgården Akalla",
            "Medborgarservice Järva",
            "Parkmiljö och trygghet",
        ],
    ),
    ("Avdelningen för äldre, funktionsnedsättning och socialpsykiatri", []),
    ("Avdelningen för förskola", []),
]

PLANNING_ITEMS = [
    (
        "1.2.4-182-2025",
        "Fritidsgårdarnas öppettider och utbud 2026",
        DevelopmentArea.STRUCTURES,
        "Avdelningen för stadsutveckling, medborgarservice och fritid",
    ),
    (
        "1.2.4-205-2025",
        "Medborgarbudget för unga i Järva",
        DevelopmentArea.MANDATE,
        "Avdelningen för administration",
    ),
    (
        "1.2.4-231-2025",
        "Återkoppling till unga om nämndens beslut",
        DevelopmentArea.FEEDBACK,
        "Avdelningen för administration",
    ),
]


class Command(BaseCommand):
    help = "Load Röstrum demo data (idempotent)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--quiet", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        # One transaction, and its events coalesced: several hundred demo answers to a few
        # polls are a few "changed" events, not one blocking send each (nobody listens yet).
        with transaction.atomic(), events_coalesced():
            self._seed(quiet=options["quiet"])

    def _seed(self, *, quiet: bool) -> None:
        # Hashed once: the demo accounts share one password, and each hash costs ~0.4 s.
        password = make_password(os.environ.get(DEMO_PASSWORD_ENV, DEMO_PASSWORD_DEFAULT))
        users = {}
        for username, full_name, roles in DEMO_STAFF:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={"first_name": full_name, "is_staff": Role.ADMIN in roles},
            )
            if created:
                user.password = password
                user.is_superuser = Role.ADMIN in roles
                user.save()
            # get_or_create: the role groups come from a migration, but a flushed test
            # database has lost them.
            user.groups.add(*(Group.objects.get_or_create(name=r.value)[0] for r in roles))
            users[username] = user

        forum, _ = Forum.objects.get_or_create(
            slug="ungdomsforum-jarva",
            defaults={
                "name": "Ungdomsforum Järva",
                "description": "Ett forum för unga i Akalla, Husby, Kista, Rinkeby, Tensta, "
                "Hjulsta och Spånga.",
                "neighbourhoods": [
                    "akalla",
                    "husby",
                    "kista",
                    "rinkeby",
                    "tensta",
                    "hjulsta",
                    "spanga_bromsten",
                ],
            },
        )
        # The demo youth worker works in the demo forum (youth workers act only in their
        # own forums, docs/decisions/0049).
        ForumStaff.objects.get_or_create(forum=forum, user=users["ungdom"])
        # Before the Friday poll, so that poll stays first (newest) in the forum's lists.
        open_text_poll = self._seed_open_text_poll(forum=forum, users=users)
        poll = Poll.objects.filter(forum=forum, title="Fredagskvällar på fritidsgården").first()
        if poll is None:
            poll = poll_create(
                forum=forum,
                title="Fredagskvällar på fritidsgården",
                actor=users["ungdom"],
                questions=[
                    QuestionSpec(
                        text="Vad ska fritidsgården ha öppet på fredagar?",
                        options=["Idrottshallen", "Musikstudion", "Gaming-rummet", "Matlagning"],
                    )
                ],
            )
        if not LiveSession.objects.filter(join_code=DEMO_JOIN_CODE).exists():
            session = live_session_start(
                forum=forum, poll=poll, actor=users["ungdom"], join_code=DEMO_JOIN_CODE
            )
            live_activity_add(
                session=session,
                actor=users["ungdom"],
                kind=ActivityKind.QA,
                title="Fråga fritidsledarna",
            )
            live_activity_add(
                session=session,
                actor=users["ungdom"],
                kind=ActivityKind.INFO_SLIDE,
                title="Tack för i kväll!",
                body="Vi tar med era svar till stadsdelsnämnden och berättar vad som händer.",
            )
        LiveSession.objects.filter(join_code=DEMO_JOIN_CODE).update(state=LiveSessionState.RUNNING)
        self._seed_word_cloud_and_wall(users=users, poll=open_text_poll)
        self._seed_about_you(forum=forum)

        items = []
        departments = self._seed_departments()
        for reference, title, area, department in PLANNING_ITEMS:
            item, _ = PlanningItem.objects.get_or_create(
                reference=reference,
                defaults={"title": title, "area": area, "department": departments[department]},
            )
            items.append(item)
        meeting_day = (timezone.localdate() + dt.timedelta(days=21)).replace(day=1)
        if meeting_day <= timezone.localdate():
            meeting_day = (meeting_day + dt.timedelta(days=32)).replace(day=1)
        meeting, created = Meeting.objects.get_or_create(
            title="Stadsdelsnämndens sammanträde",
            defaults={
                "starts_at": timezone.make_aware(
                    dt.datetime.combine(meeting_day + dt.timedelta(days=17), dt.time(18, 0))
                )
            },
        )
        for position, item in enumerate(items, start=1):
            AgendaItem.objects.get_or_create(
                meeting=meeting, planning_item=item, defaults={"position": position}
            )
        self._seed_idea_board(forum=forum, users=users, item=items[0])
        self._seed_workshops(forum=forum, users=users, item=items[0])
        self._seed_live_extras(forum=forum, users=users)
        self._seed_links_and_decision(
            forum=forum, users=users, poll=poll, open_text_poll=open_text_poll
        )
        self._seed_measurements(forum=forum, users=users)
        # The Friday poll stays first (newest) in the forum's lists: the demo opens with it.
        Poll.objects.filter(
            forum=forum, template_use__isnull=False, created_at__gte=poll.created_at
        ).update(created_at=poll.created_at - dt.timedelta(minutes=5))
        self._seed_finished_budget(forum=forum, users=users)
        self._seed_running_budget(forum=forum, users=users)
        if not quiet:
            self.stdout.write(self.style.SUCCESS("Demo data loaded."))

    def _seed_measurements(self, *, forum: Forum, users: dict[str, Any]) -> None:
        """Measurement points answered last year and this year, and "Hur vill du vara med?"."""
        today = timezone.localdate()
        for years_ago, answers, places, chances in DEMO_MEASUREMENTS:
            year = today.year - years_ago
            key = uuid.uuid5(uuid.NAMESPACE_URL, f"rostrum-demo/measures/{year}")
            if PollFromTemplate.objects.filter(idempotency_key=key).exists():
                continue
            poll = poll_from_template(
                forum=forum,
                template=PollTemplate.MEASURES,
                occasion=Occasion.YEARLY,
                actor=users["tjansteperson"],
                idempotency_key=key,
            )
            poll = poll_open(poll=poll, actor=users["ungdom"])
            # Answered in the spring; this year's no later than yesterday.
            when = min(
                timezone.make_aware(dt.datetime(year, 4, 20, 15, 0)),
                timezone.now() - dt.timedelta(days=1),
            )
            rng = random.Random(f"rostrum-demo-{year}")
            homes = [place for place, n in places.items() for _ in range(n)]
            homes += [""] * (answers - len(homes))
            questions = list(poll.questions.prefetch_related("options"))
            for home in homes:
                participant = participant_create()[0]
                if home:
                    participant_profile_save(
                        forum=forum, participant=participant, neighbourhood=home
                    )
                for question, chance in zip(questions, chances, strict=True):
                    options = list(question.options.all())
                    if rng.random() < chance:
                        option = options[rng.choice((3, 3, 4))]
                    else:
                        option = options[rng.choice((0, 1, 1, 2, 2, 5))]
                    poll_answer_submit(
                        question=question,
                        participant=participant,
                        answer={"option_id": option.pk},
                        idempotency_key=uuid.uuid4(),
                    )
            Response.objects.filter(question__poll=poll).update(created_at=when, updated_at=when)
            if years_ago:
                poll_close(poll=poll, actor=users["ungdom"])
                Poll.objects.filter(pk=poll.pk).update(
                    created_at=when - dt.timedelta(days=7),
                    opened_at=when - dt.timedelta(days=7),
                    closed_at=when + dt.timedelta(days=14),
                )
        key = uuid.uuid5(uuid.NAMESPACE_URL, "rostrum-demo/formats")
        if PollFromTemplate.objects.filter(idempotency_key=key).exists():
            return
        poll = poll_from_template(
            forum=forum, template=PollTemplate.FORMATS, actor=users["ungdom"], idempotency_key=key
        )
        poll = poll_open(poll=poll, actor=users["ungdom"])
        rng = random.Random("rostrum-demo-formats")
        formats, times = poll.questions.prefetch_related("options")
        # Phones and meetings are popular, walks less so: a believable spread.
        weights = {formats.pk: [0.55, 0.8, 0.35, 0.15, 0.3], times.pk: [0.5, 0.6, 0.4, 0.1]}
        for _ in range(DEMO_FORMAT_ANSWERS):
            participant = participant_create()[0]
            for question in (formats, times):
                options = list(question.options.all())
                picked = [
                    o.pk
                    for o, w in zip(options, weights[question.pk], strict=True)
                    if rng.random() < w
                ]
                poll_answer_submit(
                    question=question,
                    participant=participant,
                    answer={"option_ids": picked or [options[1].pk]},
                    idempotency_key=uuid.uuid4(),
                )

    def _seed_open_text_poll(self, *, forum: Forum, users: dict[str, Any]) -> Poll:
        """The open-text questions FIKA42's word cloud and answer wall show."""
        poll = Poll.objects.filter(forum=forum, title=OPEN_TEXT_POLL_TITLE).first()
        if poll is None:
            poll = poll_create(
                forum=forum,
                title=OPEN_TEXT_POLL_TITLE,
                actor=users["ungdom"],
                questions=[
                    QuestionSpec(
                        text="Beskriv fritidsgården med ett ord",
                        kind=QuestionKind.OPEN_TEXT,
                        config={"max_length": WORD_CLOUD_MAX_LENGTH},
                    ),
                    QuestionSpec(
                        text="Vad borde nämnden veta om unga i Järva?",
                        kind=QuestionKind.OPEN_TEXT,
                    ),
                ],
            )
            poll = poll_open(poll=poll, actor=users["ungdom"])
        return poll

    def _seed_word_cloud_and_wall(self, *, users: dict[str, Any], poll: Poll) -> None:
        """A word cloud and an answer wall at the end of FIKA42, with a few answers from demo
        phones: approved by the youth worker (the forum holds all free text), one left held
        so the console's queue has something to show."""
        session = LiveSession.objects.select_related("forum").get(join_code=DEMO_JOIN_CODE)
        if session.activities.filter(kind=ActivityKind.WORD_CLOUD).exists():
            return
        worker = users["ungdom"]
        cloud_q, wall_q = list(poll.questions.all())
        cloud = live_activity_add(
            session=session, actor=worker, kind=ActivityKind.WORD_CLOUD, question=cloud_q
        )
        wall = live_activity_add(
            session=session, actor=worker, kind=ActivityKind.OPEN_WALL, question=wall_q
        )
        cloud_words = ["trygg", "kul", "musik", "trygg", "vänner", "kul", "trygg", "fotboll"]
        wall_texts = [
            "Vi behöver fler platser att vara på efter skolan.",
            "Lyssna på oss innan ni bestämmer!",
            "Mer belysning i parken vid Husby torg.",
        ]
        for activity, texts in ((cloud, cloud_words), (wall, wall_texts)):
            assert activity.question is not None
            for text in texts:
                answer = poll_answer_submit(
                    question=activity.question,
                    participant=participant_create()[0],
                    answer={"text": text},
                    idempotency_key=uuid.uuid4(),
                )
                live_open_text_answer_moderate(
                    session=session, response_id=answer.pk, action="approve", actor=worker
                )
        assert wall.question is not None
        poll_answer_submit(
            question=wall.question,
            participant=participant_create()[0],
            answer={"text": "Mejla mig om sommarjobb: sara@example.se"},
            idempotency_key=uuid.uuid4(),
        )

    def _seed_about_you(self, *, forum: Forum) -> None:
        """FIKA42's phones answered "Om dig" after their first answer (or skipped it)."""
        session = LiveSession.objects.get(join_code=DEMO_JOIN_CODE)
        question_ids = session.activities.exclude(question=None).values("question_id")
        phones = list(
            Response.objects.filter(question_id__in=question_ids)
            .order_by("participant_id")
            .values_list("participant", flat=True)
            .distinct()
        )
        if ParticipantProfile.objects.filter(forum=forum, participant_id__in=phones).exists():
            return
        for participant_id, about in zip(phones, DEMO_ABOUT_YOU, strict=False):
            participant = Participant.objects.get(pk=participant_id)
            if about is None:
                participant_profile_skip(forum=forum, participant=participant)
            else:
                age_band, gender, neighbourhood = about
                participant_profile_save(
                    forum=forum,
                    participant=participant,
                    age_band=age_band,
                    gender=gender,
                    neighbourhood=neighbourhood,
                )

    def _seed_idea_board(self, *, forum: Forum, users: dict[str, Any], item: PlanningItem) -> None:
        if IdeaBoard.objects.filter(forum=forum, question=DEMO_BOARD_QUESTION).exists():
            return
        board = idea_board_create(
            forum=forum,
            question=DEMO_BOARD_QUESTION,
            description="Skriv din idé, stötta andras och se vad som händer med dem.",
            categories=["Fritid", "Trygghet", "Miljö och grönska", "Kultur"],
            actor=users["ungdom"],
        )
        # Example ideas from made-up phones (their tokens are thrown away), approved by the
        # youth worker as any idea in this pre-moderated forum would be.
        for number, (title, text, category) in enumerate(DEMO_IDEAS):
            author, _token = participant_create()
            idea = idea_submit(
                board=board,
                participant=author,
                title=title,
                text=text,
                category=category,
                neighbourhood="tensta",
                idempotency_key=uuid.UUID(int=number + 1),
            )
            idea_moderate(idea=idea, action="approve", actor=users["ungdom"])
            for _ in range(len(DEMO_IDEAS) - number):
                idea_support_add(idea=idea, participant=participant_create()[0])
            if number == 0:
                idea_feedback_add(
                    idea=idea,
                    status="under_review",
                    text="Vi har läst idén och pratar med fältassistenterna om kvällarna.",
                    actor=users["tjansteperson"],
                )
                idea_feedback_add(
                    idea=idea,
                    status="forwarded",
                    text="Idén följer med till nämnden i ärendet om fritidsgårdarna.",
                    planning_item=item,
                    actor=users["tjansteperson"],
                )

    def _seed_links_and_decision(
        self, *, forum: Forum, users: dict[str, Any], poll: Poll, open_text_poll: Poll
    ) -> None:
        """A summer-holiday item with links of every kind (a whole poll, one question, a
        board, one idea, a live activity) and last month's meeting that decided it, saying
        per linked input how it was used: only those young people hear about it. Its own
        item and board, so the other demo items stay as the browser tests expect them."""
        title = "Nämndens möte i förra månaden"
        if Meeting.objects.filter(title=title).exists():
            self._seed_published_brief(title=title, official=users["tjansteperson"])
            return
        official, worker = users["tjansteperson"], users["ungdom"]
        item = PlanningItem.objects.create(
            reference="1.2.4-118-2025",
            title="Sommarlovsaktiviteter för unga 2026",
            area=DevelopmentArea.MANDATE,
            department=Department.objects.get(
                name="Avdelningen för stadsutveckling, medborgarservice och fritid"
            ),
        )
        board = idea_board_create(
            forum=forum,
            question="Vad vill du göra på sommarlovet?",
            description="Idéer till sommarlovet i Järva.",
            categories=["Fritid"],
            actor=worker,
        )
        ideas = []
        for number, idea_title in enumerate(("Simskola i Järvabadet", "Fotbollsturnering")):
            idea = idea_submit(
                board=board,
                participant=participant_create()[0],
                title=idea_title,
                text="Gratis för alla unga på sommarlovet.",
                category="Fritid",
                neighbourhood="rinkeby",
                idempotency_key=uuid.UUID(int=100 + number),
            )
            idea_moderate(idea=idea, action="approve", actor=worker)
            ideas.append(idea)
        qa = LiveActivity.objects.get(session__join_code=DEMO_JOIN_CODE, kind=ActivityKind.QA)
        question = poll.questions.order_by("position", "id").first()
        assert question is not None
        create = planning_link_create
        links = {
            "poll": create(
                planning_item=item,
                poll=open_text_poll,
                note="Fria svar om kvällar.",
                actor=official,
            ),
            "question": create(
                planning_item=item, question=question, note="Fredagskvällarna.", actor=official
            ),
            "board": create(planning_item=item, board=board, note="Sommaridéer.", actor=worker),
            "idea": create(planning_item=item, idea=ideas[0], note="Simskolan.", actor=worker),
            "activity": create(
                planning_item=item, activity=qa, note="Frågor till fritidsledarna.", actor=worker
            ),
        }
        meeting = meeting_create(
            title=title, starts_at=timezone.now() - dt.timedelta(days=20), actor=official
        )
        [agenda] = meeting_agenda_set(meeting=meeting, planning_item_ids=[item.pk], actor=official)
        # The links were made, and the brief published, before the meeting (the public page
        # lists a brief only when the forum's input was linked when it was published).
        PlanningLink.objects.filter(pk__in=[link.pk for link in links.values()]).update(
            created_at=meeting.starts_at - dt.timedelta(days=14)
        )
        self._seed_published_brief(title=title, official=official)
        meeting_transition(meeting=meeting, to=MeetingState.HELD, actor=official)
        usages = [
            LinkUsage(
                links["question"].pk, "taken", "Fritidsgården har öppet på fredagar i sommar."
            ),
            LinkUsage(links["idea"].pk, "partly", "Simskola i juli, inte hela sommaren."),
            LinkUsage(
                links["activity"].pk, "not_taken", "Frågorna gällde skolan, inte sommarlovet."
            ),
            LinkUsage(links["board"].pk, "not_relevant", "Övriga idéer tas upp i höst."),
        ]
        decision_record(
            agenda_item=agenda,
            text="Nämnden beslutar om sommarlovsaktiviteter för unga 2026.",
            outcome="amended",
            feedback_text="Nämnden har beslutat om sommarlovet – så här användes era synpunkter.",
            publish_feedback=True,
            usages=usages,
            actor=official,
            department_id=Department.objects.get(name="Fritidsgården Husby").pk,
        )

    def _seed_departments(self) -> dict[str, Department]:
        """Järva stadsdelsförvaltning › its divisions › their units; name -> department."""
        top, _ = Department.objects.get_or_create(
            name=ADMINISTRATION, parent=None, defaults={"level": DepartmentLevel.ADMINISTRATION}
        )
        out = {top.name: top}
        for division_name, units in DEPARTMENTS:
            division, _ = Department.objects.get_or_create(
                name=division_name, parent=top, defaults={"level": DepartmentLevel.DIVISION}
            )
            out[division.name] = division
            for unit_name in units:
                unit, _ = Department.objects.get_or_create(
                    name=unit_name, parent=division, defaults={"level": DepartmentLevel.UNIT}
                )
                out[unit.name] = unit
        return out

    def _seed_workshops(self, *, forum: Forum, users: dict[str, Any], item: PlanningItem) -> None:
        """Two workshops held on site and entered by hand: sticky notes at Husby träff (14
        young people, linked to the youth-centre item so the demo brief shows it apart) and
        a paper ballot at a school (31)."""
        if OfflineWorkshop.objects.filter(forum=forum).exists():
            return
        worker = users["ungdom"]
        today = timezone.localdate()
        notes = workshop_create(
            forum=forum,
            actor=worker,
            data=WorkshopInput(
                title="Vad saknar du på fritidsgården?",
                method=WorkshopMethod.STICKY_NOTES,
                held_on=today - dt.timedelta(days=12),
                place="Husby träff",
                participants=14,
                choice=WorkshopChoice.MULTIPLE,
                options=[
                    WorkshopOptionInput(text="Längre öppettider på helger", count=9),
                    WorkshopOptionInput(text="Tjejkvällar", count=6),
                    WorkshopOptionInput(text="Läxhjälp", count=3),
                ],
                quotes=[
                    "Vi vill ha ett ställe att vara på när det är kallt ute.",
                    "Fler aktiviteter för oss som är 16–18.",
                ],
            ),
        )
        workshop_create(
            forum=forum,
            actor=worker,
            data=WorkshopInput(
                title="Vilken aktivitet ska fritidsgården satsa på i vår?",
                method=WorkshopMethod.PAPER_BALLOT,
                held_on=today - dt.timedelta(days=5),
                place="Rinkebyskolan, årskurs 8",
                participants=31,
                choice=WorkshopChoice.SINGLE,
                options=[
                    WorkshopOptionInput(text="Idrottshallen", count=14),
                    WorkshopOptionInput(text="Musikstudion", count=9),
                    WorkshopOptionInput(text="Matlagning", count=6),
                    WorkshopOptionInput(text="Gaming-rummet", count=2),
                ],
            ),
        )
        planning_link_create(
            planning_item=item,
            workshop=notes,
            note="Lappar på väggen under träffen i Husby.",
            actor=users["tjansteperson"],
        )

    def _seed_published_brief(self, *, title: str, official: Any) -> None:
        """Last month's meeting has a published brief (the public forum page shows it), dated
        a week before the meeting. A demo database from before this step gets it too."""
        meeting = Meeting.objects.get(title=title)
        if meeting.brief_versions.exists():
            return
        if meeting.state in (MeetingState.PLANNED, MeetingState.BRIEF_PUBLISHED):
            version = meeting_brief_publish(meeting=meeting, changelog="", actor=official)
        else:  # held already (an older demo database): freeze it as the service would
            version = brief_version_freeze(meeting=meeting, number=1, changelog="", actor=official)
        BriefVersion.objects.filter(pk=version.pk).update(
            published_at=meeting.starts_at - dt.timedelta(days=7)
        )

    def _seed_live_extras(self, *, forum: Forum, users: dict[str, Any]) -> None:
        """A second demo session, still being prepared: an info slide with a picture, then an
        idea collection onto the Tensta board. The youth worker starts it from its
        preparation page (/staff/live/TENSTA/prepare). FIKA42 keeps its order (browser
        tests walk through it step by step)."""
        if LiveSession.objects.filter(join_code=DEMO_IDEAS_JOIN_CODE).exists():
            return
        board = IdeaBoard.objects.get(forum=forum, question=DEMO_BOARD_QUESTION)
        worker = users["ungdom"]
        session = live_session_prepare(
            forum=forum, actor=worker, title="Idékväll i Tensta", join_code=DEMO_IDEAS_JOIN_CODE
        )
        info = live_activity_add(
            session=session,
            actor=worker,
            kind=ActivityKind.INFO_SLIDE,
            title="Nu samlar vi idéer",
            body="Skriv en kort idé på mobilen och stötta andras. Idéerna hamnar på forumets "
            "idétavla om Tensta centrum och följer med till nämnden.",
        )
        live_activity_image_set(
            session=session,
            activity_id=info.pk,
            data=demo_picture(),
            alt="Tecknad bild av ett torg i kvällsljus med träd, bänkar och lyktstolpar.",
            actor=worker,
        )
        live_activity_add(
            session=session, actor=worker, kind=ActivityKind.IDEA_COLLECTION, board=board
        )

    # --- medborgarbudget -------------------------------------------------------------------

    def _budget_departments(self) -> tuple[Department, Department]:
        top, _ = Department.objects.get_or_create(
            name="Rinkeby-Kista stadsdelsförvaltning",
            parent=None,
            defaults={"level": DepartmentLevel.ADMINISTRATION},
        )
        parks, _ = Department.objects.get_or_create(
            name="Avdelningen för stadsmiljö",
            parent=top,
            defaults={"level": DepartmentLevel.DIVISION},
        )
        leisure, _ = Department.objects.get_or_create(
            name="Avdelningen för fritid",
            parent=top,
            defaults={"level": DepartmentLevel.DIVISION},
        )
        return parks, leisure

    def _seed_finished_budget(self, *, forum: Forum, users: dict[str, Any]) -> None:
        """Last year's budget, carried out: results, and updates with a photo up to "done"."""
        if BudgetProcess.objects.filter(forum=forum, title=DEMO_FINISHED_BUDGET).exists():
            return
        worker, official = users["ungdom"], users["tjansteperson"]
        parks, leisure = self._budget_departments()
        today = timezone.localdate()
        start = today - dt.timedelta(days=420)
        process = process_create(
            forum=forum,
            spec=ProcessSpec(
                title=DEMO_FINISHED_BUDGET,
                description="Unga i Järva bestämde hur 200 000 kr skulle användas.",
                budget_total=200_000,
                ballot_mode=BallotMode.KNAPSACK,
                access=BallotAccess.DEVICE,
                phase_dates={
                    Phase.PROPOSALS: start,
                    Phase.REVIEW: start + dt.timedelta(days=30),
                    Phase.BALLOT: start + dt.timedelta(days=60),
                    Phase.RESULTS: start + dt.timedelta(days=75),
                    Phase.IMPLEMENTATION: start + dt.timedelta(days=90),
                    Phase.CLOSED: today - dt.timedelta(days=30),
                },
            ),
            actor=official,
        )
        proposals = [
            proposal_add(process=process, title=title, description=text, actor=worker)
            for title, text, _cost, _feasible, _reason in DEMO_FINISHED_PROPOSALS
        ]
        process = phase_move(process=process, phase=Phase.REVIEW, actor=worker)
        for proposal, (_t, _x, cost, feasible, reason) in zip(
            proposals, DEMO_FINISHED_PROPOSALS, strict=True
        ):
            proposal_review(
                proposal=proposal,
                cost=cost,
                department_id=(parks if cost > 100_000 else leisure).pk,
                feasible=feasible,
                public_reason=reason,
                actor=official,
            )
        process = phase_move(process=process, phase=Phase.BALLOT, actor=worker)
        # Made-up phones (tokens thrown away): enough votes that the counts are shown.
        for number, picks in enumerate(DEMO_FINISHED_BALLOTS):
            ballot_cast(
                process=process,
                participant=participant_create()[0],
                proposal_ids=[proposals[i].pk for i in picks],
                voting_code=None,
                idempotency_key=uuid.UUID(int=1000 + number),
            )
        process = phase_move(process=process, phase=Phase.RESULTS, actor=worker)
        process = phase_move(process=process, phase=Phase.IMPLEMENTATION, actor=worker)
        court = proposals[0]
        implementation_update_add(
            proposal=court,
            status="in_progress",
            happened_on=start + dt.timedelta(days=120),
            text="Bänkarna och lamporna är beställda.",
            photo=None,
            photo_alt="",
            actor=official,
        )
        implementation_update_add(
            proposal=court,
            status="done",
            happened_on=start + dt.timedelta(days=200),
            text="Klart! Torget har fått nya bänkar och lampor.",
            photo=demo_picture(),
            photo_alt="Nya bänkar och lampor på torget i kvällsljus",
            actor=official,
        )
        process = phase_move(process=process, phase=Phase.CLOSED, actor=worker)

    def _seed_running_budget(self, *, forum: Forum, users: dict[str, Any]) -> None:
        """This year's budget in its voting phase: proposals from the Tensta idea board,
        reviewed as feasible, not feasible and merged, plus one from a live session."""
        if BudgetProcess.objects.filter(forum=forum, title=DEMO_RUNNING_BUDGET).exists():
            return
        worker, official = users["ungdom"], users["tjansteperson"]
        parks, leisure = self._budget_departments()
        board = IdeaBoard.objects.get(forum=forum, question=DEMO_BOARD_QUESTION)
        today = timezone.localdate()
        process = process_create(
            forum=forum,
            spec=ProcessSpec(
                title=DEMO_RUNNING_BUDGET,
                description="Rösta på hur 150 000 kr ska användas i Tensta centrum.",
                budget_total=150_000,
                ballot_mode=BallotMode.KNAPSACK,
                access=BallotAccess.BOTH,
                phase_dates={
                    Phase.PROPOSALS: today - dt.timedelta(days=60),
                    Phase.REVIEW: today - dt.timedelta(days=30),
                    Phase.BALLOT: today - dt.timedelta(days=7),
                    Phase.RESULTS: today + dt.timedelta(days=14),
                    Phase.IMPLEMENTATION: today + dt.timedelta(days=30),
                    Phase.CLOSED: today + dt.timedelta(days=365),
                },
                proposal_board_id=board.pk,
            ),
            actor=official,
        )
        proposals_import(process=process, actor=worker)
        benches = proposal_add(
            process=process,
            title="Bänkar med tak vid torget",
            description="Från fredagens livesession: tak över bänkarna så man kan sitta "
            "när det regnar.",
            actor=worker,
        )
        process = phase_move(process=process, phase=Phase.REVIEW, actor=worker)
        by_title = {p.title: p for p in process.proposals.all()}
        proposal_review(
            proposal=by_title["Bättre belysning vid torget"],
            cost=80_000,
            department_id=parks.pk,
            feasible=True,
            public_reason="Stadsmiljö kan sätta upp fler lampor mellan tunnelbanan och "
            "biblioteket.",
            actor=official,
        )
        proposal_review(
            proposal=benches,
            cost=60_000,
            department_id=parks.pk,
            feasible=True,
            public_reason="Det finns plats för två bänkar med tak vid torget.",
            actor=official,
        )
        proposal_review(
            proposal=by_title["Scen för musik på sommaren"],
            cost=250_000,
            department_id=leisure.pk,
            feasible=False,
            public_reason="En fast scen kostar mer än hela budgeten. Fritid undersöker en "
            "scen att låna.",
            actor=official,
        )
        proposal_merge(
            proposal=by_title["Fler sittplatser och växter"],
            into=benches,
            public_reason="det är samma sak som bänkarna med tak.",
            actor=official,
        )
        process = phase_move(process=process, phase=Phase.BALLOT, actor=worker)


def demo_picture() -> bytes:
    """A small drawn picture of a square at dusk (no photo needed for the demo)."""
    import io

    from PIL import Image, ImageDraw

    img = Image.new("RGB", (960, 540), (44, 62, 110))
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, 380, 960, 540), fill=(96, 108, 120))
    draw.ellipse((760, 50, 860, 150), fill=(255, 213, 74))
    for x in (120, 420, 720):
        draw.rectangle((x + 36, 250, x + 48, 380), fill=(92, 64, 40))
        draw.ellipse((x, 150, x + 84, 270), fill=(46, 139, 87))
    for x in (260, 560):
        draw.rectangle((x, 200, x + 8, 380), fill=(30, 30, 30))
        draw.ellipse((x - 16, 176, x + 24, 216), fill=(255, 236, 150))
        draw.rectangle((x + 30, 350, x + 130, 362), fill=(150, 90, 50))
    buffer = io.BytesIO()
    img.save(buffer, format="PNG")
    return buffer.getvalue()


DEMO_BOARD_QUESTION = "Vad ska förändras i Tensta centrum?"
DEMO_IDEAS = [
    (
        "Bättre belysning vid torget",
        "Det är mörkt mellan tunnelbanan och biblioteket på kvällarna. Fler lampor!",
        "Trygghet",
    ),
    (
        "Fler sittplatser och växter",
        "Bänkar med tak och mer grönt där man kan hänga efter skolan.",
        "Miljö och grönska",
    ),
    (
        "Scen för musik på sommaren",
        "En liten scen på torget där unga kan spela och uppträda.",
        "Kultur",
    ),
]

DEMO_FINISHED_BUDGET = "Medborgarbudget Järva 2025"
# (title, text, cost, feasible, public reason)
DEMO_FINISHED_PROPOSALS = [
    (
        "Nya bänkar och lampor på Husby torg",
        "Torget är mörkt och det finns ingenstans att sitta.",
        120_000,
        True,
        "Stadsmiljö kan byta lampor och ställa ut bänkar under våren.",
    ),
    (
        "Läxhjälp på fritidsgården",
        "Någon som hjälper till med läxor två kvällar i veckan.",
        70_000,
        True,
        "Fritid kan anställa en läxhjälpare på deltid under ett år.",
    ),
    (
        "Utegym i Kista",
        "Ett utegym nära skolan.",
        90_000,
        True,
        "Det finns plats vid idrottsplatsen och utegymmet kan byggas i sommar.",
    ),
    (
        "Simhall i Akalla",
        "En egen simhall.",
        40_000_000,
        False,
        "En simhall kostar mycket mer än budgeten och beslutas av idrottsnämnden.",
    ),
]
# Which proposals (by index) each made-up phone voted for.
DEMO_FINISHED_BALLOTS = [[0, 1]] * 6 + [[0]] * 3 + [[2, 1]] * 5 + [[2]] * 2
DEMO_RUNNING_BUDGET = "Medborgarbudget Tensta centrum 2026"
