// The API's response types, inferred from the zod schemas the routes answer with: the one contract
// the web app (viz/) and the tests read. Import it with `import type` only, so no server code is bundled.
import type { z } from 'zod';
import type { CommunityInput, GroupInput, ResidentInput } from './domain.ts';
import type { EventInput } from './domain-events.ts';
import type { AuditEntry as AuditEntryBody } from './routes/audit.ts';
import type { CostBody } from './routes/costs.ts';
import type { Group } from './routes/groups.ts';
import type { InstrumentBody } from './routes/instruments.ts';
import type { ApiKey } from './routes/keys.ts';
import type {
  LiveChange as LiveChangeBody,
  LiveReady as LiveReadyBody,
  LiveReset as LiveResetBody,
} from './live/messages.ts';
import type { MetricsBody, NodeLevel, TimelineBody } from './routes/metrics.ts';
import type { GraphBody, HistoryBody } from './routes/network.ts';
import type { Project } from './routes/projects.ts';
import type { AnswerBody } from './routes/waves.ts';
import type { ReportBody, WavesBody } from './routes/report.ts';
import type { ReleaseBody, ReleaseSummary } from './releases/schema.ts';
import type { Resident as ResidentBody } from './routes/residents.ts';
import type { ErrorBody, WriteResult } from './routes/schemas.ts';

export type ProjectSummary = z.infer<typeof Project>;
export type History = z.infer<typeof HistoryBody>;
export type HistoryResident = History['residents'][number];
export type HistoryTie = History['ties'][number];
export type Spell = HistoryTie['spells'][number];
export type Community = History['communities'][number];
export type GroupSummary = z.infer<typeof Group>;
/** GET /costs: a cost of the programme. */
export type Cost = z.infer<typeof CostBody>;
/** GET /instruments: an instrument measures may name. */
export type InstrumentListed = z.infer<typeof InstrumentBody>;
export type Resident = z.infer<typeof ResidentBody>;
export type Graph = z.infer<typeof GraphBody>;
export type MetricsAt = z.infer<typeof MetricsBody>;
export type GraphMetrics = MetricsAt['graph'];
export type ResidentMetrics = z.infer<typeof NodeLevel>;
export type Timeline = z.infer<typeof TimelineBody>;
export type { TimelinePoint } from './domain.ts';
export type { AppendResult } from './domain-events.ts';
export type WriteResult = z.infer<typeof WriteResult>;
/** One entry of GET /audit. */
export type AuditEntry = z.infer<typeof AuditEntryBody>;
export type ErrorBody = z.infer<typeof ErrorBody>;
/** What POST /events, /residents, /groups and /communities accept (the request side of the same contract). */
export type Event = z.input<typeof EventInput>;
export type NewResident = z.input<typeof ResidentInput>;
export type NewGroup = z.input<typeof GroupInput>;
export type NewCommunity = z.input<typeof CommunityInput>;
/** What an import answers, and each problem it lists. */
export type { ImportIssue, ImportReport } from './import/report.ts';
/** GET /me: the key in use (the route answers these fields of the key's record; expiresAt null: never). */
export type Me = Pick<
  z.infer<typeof ApiKey>,
  'id' | 'name' | 'role' | 'projects' | 'network' | 'expiresAt'
>;
/** The evaluation report and the measurement waves. */
export type Report = z.infer<typeof ReportBody>;
export type Waves = z.infer<typeof WavesBody>;
/** The live stream's messages (GET /projects/:p/live): ready, change and reset. */
export type LiveReady = z.infer<typeof LiveReadyBody>;
export type LiveChange = z.infer<typeof LiveChangeBody>;
export type LiveReset = z.infer<typeof LiveResetBody>;
/** A published release, and one entry of the list of releases. */
export type Release = z.infer<typeof ReleaseBody>;
export type ReleaseListing = z.infer<typeof ReleaseSummary>;
/** POST /projects/:p/releases: what an admin or evaluator asks to publish. */
export type { ReleaseRequest as NewRelease } from './releases/publish.ts';
export type { ReleasedNumber } from './privacy/disclosure/form.ts';
/** One respondent's complete answer to the name question at a wave (POST …/waves/:wave/answers). */
export type WaveAnswer = z.input<typeof AnswerBody>;
