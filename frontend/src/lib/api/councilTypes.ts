// Council routing types, derived from the generated schema by path (see types.ts).
import type { paths } from './schema';

type Json<R> = R extends { content: { 'application/json': infer B } } ? B : never;
type Ok<Op> = Op extends { responses: infer Rs }
  ? Rs extends { 200: infer R }
    ? Json<R>
    : Rs extends { 201: infer R }
      ? Json<R>
      : never
  : never;

export type ImportPreview = Ok<paths['/api/council/planning-items/import']['post']>;
export type MeetingDetail = Ok<paths['/api/council/meetings/{meeting_id}']['get']>;
export type BriefDocument = Ok<paths['/api/council/meetings/{meeting_id}/brief']['get']>;
export type BriefItem = BriefDocument['items'][number];
export type DemographicTable = BriefItem['demographics'][number];
export type Followup = Ok<paths['/api/council/followup']['get']>;
export type FollowupTable = Followup['demographics'][number];
export type Evaluation = Ok<paths['/api/council/evaluation']['get']>;
export type FeedbackEntry = Ok<paths['/api/feedback']['get']>[number];
export type ReferenceCount = Ok<paths['/api/council/reference-population']['get']>[number];
// Ideas routed to the council: boards, quotes.
export type CouncilBoard = Ok<paths['/api/council/idea-boards']['get']>[number];
export type LinkableWorkshop = Ok<paths['/api/council/workshops']['get']>[number];
export type QuoteCandidate = Ok<paths['/api/council/agenda-items/{agenda_item_id}/quotes']['get']>[number];
// Live-session activities routed to planning items (any activity's outcome).
export type LinkableSession = Ok<paths['/api/council/live-sessions']['get']>[number];
export type PlanningItemFull = Ok<paths['/api/council/planning-items']['get']>[number];
export type BriefActivity = NonNullable<BriefItem['activities']>[number];
// One link of any kind (poll or question, idea, board, activity): one shape everywhere.
export type PlanningLink = Ok<paths['/api/council/planning-items/{item_id}/links']['get']>[number];
export type LinkKind = PlanningLink['kind'];
// The public transparency page (no login).
export type PublicForum = Ok<paths['/api/public/forums/{slug}']['get']>;
export type PublicForumRef = Ok<paths['/api/public/forums']['get']>[number];
export type PublicBrief = PublicForum['briefs'][number];
export type PublicDecision = PublicForum['decisions'][number];
export type PublicFollowup = Ok<paths['/api/public/followup']['get']>;
// The managed departments (förvaltning › avdelning › enhet), in tree order.
export type Department = Ok<paths['/api/staff/departments']['get']>[number];
export type DepartmentImport = Ok<paths['/api/staff/departments/import']['post']>;
