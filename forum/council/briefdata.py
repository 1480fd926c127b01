"""The brief and the follow-up as typed data: frozen dataclasses every renderer reads.

The web API serializer, the PDF templates and the CSV/XLSX rows all read these, and a
published brief's frozen snapshot is ``dataclasses.asdict`` of a ``Brief`` that
``brief_from_json`` loads back, so a published version renders with the same code. Snapshots
stored before the brief was typed (schema 1: a plain dict with fewer fields) load too:
missing fields take their defaults, and their "Did not say" rows become "unknown".
"""

import dataclasses
import types
from dataclasses import dataclass, field
from typing import Any, Union, get_args, get_origin, get_type_hints

from forum.core.numbers import count as count_words
from forum.polls.selectors import ShownQuestionResult

BRIEF_SCHEMA = 2

# How a group row came about (docs/decisions/0029-analysis-never-infers-from-missing-data.md).
ANSWERED = "answered"  # gave this value
PREFER_NOT = "prefer_not"  # chose "prefer not to say"
SKIPPED = "skipped"  # was asked, left it blank
NOT_ASKED = "not_asked"  # was never asked in that forum
UNKNOWN = "unknown"  # schema-1 snapshots: skipped and not asked were one row

# Where a figure came from: counted by the app, or typed in by staff from paper.
DIGITAL = "digital"
BY_HAND = "by_hand"


@dataclass(frozen=True)
class MeetingRef:
    id: int
    title: str
    starts_at: str
    state: str


@dataclass(frozen=True)
class VersionRef:
    number: int
    published_at: str
    changelog: str = ""


@dataclass(frozen=True)
class AreaRef:
    code: str
    name: str


@dataclass(frozen=True)
class PlanningItemRef:
    id: int
    title: str
    reference: str
    # The responsible department's full path as it was when the brief was made ("" none).
    department: str = ""
    area: AreaRef = field(default_factory=lambda: AreaRef(code="", name=""))


@dataclass(frozen=True)
class ChannelCount:
    """Young people heard through one channel: ``polls``, ``sessions`` or ``ideas``."""

    channel: str
    label: str
    participants: int | None


@dataclass(frozen=True)
class LanguageCount:
    """Open-text answers, ideas and questions written in one language, for one item: the
    count after the suppression rule (None: hidden), ``protected`` when hidden though 5 or
    more (forum.core.suppression)."""

    language: str
    count: int | None
    protected: bool = False


@dataclass(frozen=True)
class GroupRow:
    """One group of an 'about you' question; ``count`` None is hidden: "fewer than 5", or
    ``hidden_to_protect`` (5 or more, hidden so a small group cannot be worked out)."""

    code: str
    label: str
    count: int | None
    status: str = ANSWERED
    hidden_to_protect: bool = False

    @property
    def written(self) -> str:
        return count_words(self.count, protected=self.hidden_to_protect)


@dataclass(frozen=True)
class GroupBreakdown:
    """Participants per group of one question (age, gender, neighbourhood), suppressed."""

    dimension: str
    total: int | None
    rows: list[GroupRow]

    @property
    def answered_rows(self) -> list[GroupRow]:
        """The groups somebody belongs to (zero rows are left out of tables)."""
        return [r for r in self.rows if r.status == ANSWERED and r.count != 0]

    @property
    def unknown_rows(self) -> list[GroupRow]:
        return [r for r in self.rows if r.status != ANSWERED and r.count != 0]


@dataclass(frozen=True)
class PollRef:
    id: int
    title: str


@dataclass(frozen=True)
class PollResult:
    """A linked poll (or one of its questions) and its suppressed results."""

    poll: PollRef
    question_id: int | None
    note: str
    participants: int | None
    questions: list[ShownQuestionResult]


@dataclass(frozen=True)
class ActivityRef:
    id: int
    kind: str
    kind_name: str
    title: str


@dataclass(frozen=True)
class SessionRef:
    id: int
    title: str


@dataclass(frozen=True)
class TopEntry:
    """A Q&A question or an idea of a live activity, with its votes or supports."""

    text: str
    count: int | None


@dataclass(frozen=True)
class ActivitySummary:
    activity: ActivityRef
    session: SessionRef
    note: str
    participants: int | None
    questions: list[ShownQuestionResult] = field(default_factory=list)
    top: list[TopEntry] = field(default_factory=list)


@dataclass(frozen=True)
class WorkshopOptionResult:
    """One option of a workshop entered by hand; ``count`` None is hidden (suppressed)."""

    text: str
    count: int | None
    hidden_to_protect: bool = False

    @property
    def written(self) -> str:
        return count_words(self.count, protected=self.hidden_to_protect)


@dataclass(frozen=True)
class WorkshopResult:
    """A paper or sticky-note workshop linked to the item, entered by hand by staff: shown
    in a block of its own and never added to the digital figures (briefs before it: none)."""

    id: int
    title: str
    method: str
    method_name: str
    held_on: str
    place: str
    participants: int | None
    choice: str
    note: str = ""
    options: list[WorkshopOptionResult] = field(default_factory=list)
    quotes: list[str] = field(default_factory=list)
    source: str = BY_HAND


@dataclass(frozen=True)
class IdeaLink:
    kind: str  # "idea" or "board"
    id: int
    title: str
    note: str = ""


@dataclass(frozen=True)
class IdeaSummary:
    id: int
    title: str
    supports: int | None


@dataclass(frozen=True)
class Quote:
    text: str
    source: str
    id: int | None = None


@dataclass(frozen=True)
class BriefItem:
    agenda_item_id: int
    position: int
    planning_item: PlanningItemRef
    participants: int | None
    channels: list[ChannelCount] = field(default_factory=list)
    demographics: list[GroupBreakdown] = field(default_factory=list)
    polls: list[PollResult] = field(default_factory=list)
    activities: list[ActivitySummary] = field(default_factory=list)
    idea_links: list[IdeaLink] = field(default_factory=list)
    ideas: int = 0
    top_ideas: list[IdeaSummary] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    analysis: str = ""
    analysis_drafted: str = ""
    analysis_edited: bool = False
    # Page 1's short sentences for this item (what they said most), in the brief's language.
    findings: list[str] = field(default_factory=list)
    # Written answers per language they were written in (briefs before it: empty).
    languages: list[LanguageCount] = field(default_factory=list)
    # Workshops entered by hand, apart from everything above (briefs before them: empty).
    workshops: list[WorkshopResult] = field(default_factory=list)

    @property
    def has_input(self) -> bool:
        return bool(
            self.polls or self.activities or self.idea_links or self.top_ideas or self.workshops
        )


@dataclass(frozen=True)
class BudgetFundedLine:
    title: str
    cost: int
    department: str
    implementation_status: str
    implementation_label: str


@dataclass(frozen=True)
class BudgetSection:
    """One participatory budget process running in the brief's period (briefs before it:
    none)."""

    process_id: int
    title: str
    forum_name: str
    phase: str
    phase_label: str
    budget_total: int
    proposals: int
    feasible: int
    ballots: int | None
    results_out: bool
    funded: list[BudgetFundedLine] = field(default_factory=list)
    funded_total: int = 0
    # The section as the brief writes it, in the brief's language.
    sentences: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Brief:
    meeting: MeetingRef
    version: int | None
    published_at: str | None
    changelog: str
    generated_at: str
    items: list[BriefItem]
    # Everyone heard on the whole agenda, once each, and per channel (schema 1: unknown).
    participants: int | None = None
    channels: list[ChannelCount] = field(default_factory=list)
    versions: list[VersionRef] = field(default_factory=list)
    schema: int = BRIEF_SCHEMA
    # Participatory budgets running in the period up to the meeting (older briefs: none).
    budgets: list[BudgetSection] = field(default_factory=list)

    @property
    def is_draft(self) -> bool:
        return self.version is None


def brief_to_json(brief: Brief) -> dict[str, Any]:
    """What a published version stores (without the list of versions, which keeps growing)."""
    data = dataclasses.asdict(brief)
    data.pop("versions")
    return data


def brief_from_json(data: dict[str, Any]) -> Brief:
    """A stored snapshot back into a ``Brief``: schema 2 as written, schema 1 upgraded."""
    if data.get("schema", 1) < BRIEF_SCHEMA:
        data = _upgrade_schema_1(data)
    return from_dict(Brief, data)


def _upgrade_schema_1(data: dict[str, Any]) -> dict[str, Any]:
    """A schema-1 snapshot (the dict the brief was before): same keys, fewer of them.

    Its demographic row "not_answered" lumped "skipped" and "never asked" together; it is
    marked unknown. "Prefer not to say" was a row of its own.
    """
    items = []
    for item in data.get("items", []):
        tables = []
        for table in item.get("demographics", []):
            rows = []
            for row in table.get("rows", []):
                status = ANSWERED
                if row.get("code") == "not_answered":
                    status = UNKNOWN
                elif row.get("code") == "prefer_not":
                    status = PREFER_NOT
                rows.append({**row, "status": status})
            tables.append({**table, "rows": rows})
        items.append({**item, "demographics": tables})
    return {**data, "items": items, "schema": 1}


def from_dict[T](cls: type[T], data: Any) -> T:
    """A dataclass from its ``asdict`` form; missing fields take their default (or an empty
    value), unknown keys are ignored: old snapshots keep loading as fields are added."""
    loaded: T = _load(cls, data)
    return loaded


def _load(tp: Any, value: Any) -> Any:
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        args = [a for a in get_args(tp) if a is not type(None)]
        if value is None:
            return None
        return _load(args[0], value) if len(args) == 1 else value
    if origin is list:
        (inner,) = get_args(tp)
        return [_load(inner, v) for v in value or []]
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        if not isinstance(value, dict):
            raise ValueError(f"{tp.__name__}: expected an object")
        hints = get_type_hints(tp)
        kwargs: dict[str, Any] = {}
        for f in dataclasses.fields(tp):
            if f.name in value:
                kwargs[f.name] = _load(hints[f.name], value[f.name])
            elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                kwargs[f.name] = _empty(hints[f.name])
        return tp(**kwargs)
    return value


def _empty(tp: Any) -> Any:
    origin = get_origin(tp)
    if origin in (Union, types.UnionType) and type(None) in get_args(tp):
        return None
    if origin is list:
        return []
    if tp is str:
        return ""
    if tp is int:
        return 0
    if tp is bool:
        return False
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        return _load(tp, {})
    return None
