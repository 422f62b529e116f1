// Sheet imports: what an import needs to know about the project, and the write of residents,
// groups and events in ONE transaction through the same per-kind writes the API uses.
import type { GroupInput, ResidentInput } from '../domain.ts';
import type { EventInput } from '../domain-events.ts';
import type { Instrument } from '../instruments.ts';
import { appendEvents } from './events.ts';
import { insertGroups } from './groups.ts';
import { instrumentRegistry } from './instruments.ts';
import { cypher, rows, type Database } from './neo4j.ts';
import { lockProject, requireProject } from './projects.ts';
import { insertResidents } from './residents.ts';
import type { Tombstones } from './tombstones.ts';

export interface ImportDirectory {
  timeZone: string;
  residents: { id: string; name: string | null; consent: string | null }[];
  groups: { id: string; name: string; kind: string }[];
  communities: { id: string; name: string }[];
  /** The instruments measures may name: the built-ins and the project's own. */
  instruments: Instrument[];
  /** The kinds its ties are stored with, most used first. */
  tieKinds: string[];
}

export interface ImportBatch {
  residents: ResidentInput[];
  groups: GroupInput[];
  events: EventInput[];
}

/** Ids per query when asking which events are stored. */
const CHUNK = 5_000;

export class ImportStore {
  constructor(
    private readonly db: Database,
    private readonly tombstones: Tombstones,
  ) {}

  /** The project's time zone and the ids and names its sheets may refer to (404 if no project). */
  directory(projectId: string): Promise<ImportDirectory> {
    return this.db.read(async (tx) => {
      const { timeZone } = await requireProject(tx, projectId);
      const list = async <T>(name: string) =>
        rows<T>((await tx.run(cypher(name), { projectId })).records);
      return {
        timeZone,
        residents: await list<ImportDirectory['residents'][number]>('resident-list'),
        groups: await list<ImportDirectory['groups'][number]>('group-list'),
        communities: await list<ImportDirectory['communities'][number]>('community-list'),
        instruments: await instrumentRegistry(tx, projectId),
        tieKinds: (await list<{ kind: string }>('tie-kinds')).map((k) => k.kind),
      };
    });
  }

  /** Which of these event ids the project already holds (a dry run counts them as unchanged). */
  storedEventIds(projectId: string, ids: string[]): Promise<Set<string>> {
    return this.db.read(async (tx) => {
      const stored = new Set<string>();
      for (let i = 0; i < ids.length; i += CHUNK) {
        const found = rows<{ id: string }>(
          (await tx.run(cypher('event-ids-existing'), { projectId, ids: ids.slice(i, i + CHUNK) }))
            .records,
        );
        for (const { id } of found) stored.add(id);
      }
      return stored;
    });
  }

  /**
   * Creates everything or nothing: one managed transaction, the project locked once, then the
   * residents, groups and events through the API's own checks (errors name `residents.3.id`…).
   */
  write(projectId: string, batch: ImportBatch): Promise<Created> {
    return this.db.write(async (tx) => {
      const { version } = await lockProject(tx, projectId);
      const residents = batch.residents.length
        ? await insertResidents(
            tx,
            projectId,
            batch.residents,
            'residents',
            this.tombstones,
            version,
          )
        : 0;
      const groups = batch.groups.length
        ? await insertGroups(tx, projectId, batch.groups, 'groups', version)
        : 0;
      const events = batch.events.length
        ? (await appendEvents(tx, projectId, batch.events, 'events', version, this.tombstones))
            .created
        : 0;
      return { residents, groups, events };
    });
  }
}

export interface Created {
  residents: number;
  groups: number;
  events: number;
}
