// Reads what the time rule replays: residents with their effective joinedAt, and the tie and
// membership events in replay order (time, then receipt).
import type { ResidentRecord, TieEvent } from '../metrics/network.ts';
import type { ManagedTransaction } from 'neo4j-driver';
import { cypher, rows, type Database } from './neo4j.ts';
import { requireProject, type Project } from './projects.ts';
import { toResident, type Resident, type ResidentRow } from './residents.ts';
import type { Group } from './groups.ts';

export interface MembershipEvent {
  type: 'membership' | 'departure';
  atMs: number;
  resident: string;
  group: string;
}

export interface ReplayInput {
  project: Project;
  residents: Resident[];
  records: ResidentRecord[];
  ties: TieEvent[];
  span: { firstMs: number | null; lastMs: number | null; count: number };
}

export interface HistoryInput extends ReplayInput {
  communities: { id: string; name: string }[];
  groups: Group[];
  memberships: MembershipEvent[];
}

export const toRecord = (r: Resident): ResidentRecord => ({
  id: r.id,
  name: r.name,
  communityId: r.communityId,
  participant: r.participant,
  joinedAtMs: Date.parse(r.joinedAt),
});

async function readReplayInput(
  tx: ManagedTransaction,
  projectId: string,
  untilMs: number,
): Promise<ReplayInput> {
  const project = await requireProject(tx, projectId);
  const residents = rows<ResidentRow>(
    (await tx.run(cypher('resident-list'), { projectId })).records,
  ).map(toResident);
  const tieRows = rows<Omit<TieEvent, 'seq'>>(
    (await tx.run(cypher('event-ties'), { projectId, untilMs })).records,
  );
  const span = rows<ReplayInput['span']>(
    (await tx.run(cypher('event-span'), { projectId })).records,
  )[0];
  return {
    project,
    residents,
    records: residents.map(toRecord),
    ties: tieRows.map((t, seq) => ({
      ...t,
      strength: t.strength ?? undefined,
      kind: t.kind ?? undefined,
      seq,
    })),
    span,
  };
}

export class NetworkStore {
  constructor(private readonly db: Database) {}

  /** Residents and tie events up to `untilMs` (all of them when omitted), read in one transaction. */
  replayInput(projectId: string, untilMs = Number.MAX_SAFE_INTEGER): Promise<ReplayInput> {
    return this.db.read((tx) => readReplayInput(tx, projectId, untilMs));
  }

  /** Everything the map needs to replay a project's whole history. */
  history(projectId: string): Promise<HistoryInput> {
    return this.db.read(async (tx) => {
      const base = await readReplayInput(tx, projectId, Number.MAX_SAFE_INTEGER);
      const communities = rows<{ id: string; name: string }>(
        (await tx.run(cypher('community-list'), { projectId })).records,
      );
      const groups = rows<Group>((await tx.run(cypher('group-list'), { projectId })).records);
      const memberships = rows<MembershipEvent>(
        (await tx.run(cypher('event-memberships'), { projectId })).records,
      );
      return { ...base, communities, groups, memberships };
    });
  }
}
