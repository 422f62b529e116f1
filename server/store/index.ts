// The store: the only code that talks to Neo4j, one repository per concern.
import { AuditStore } from './audit.ts';
import { CostStore } from './costs.ts';
import { createDriver, Database, type Neo4jSettings } from './neo4j.ts';
import { EventStore } from './events.ts';
import { GdsStore } from './gds.ts';
import { GroupStore } from './groups.ts';
import { KeyStore } from './keys.ts';
import { LiveStore } from './live.ts';
import { ImportStore } from './import.ts';
import { InstrumentStore } from './instruments.ts';
import { NetworkStore } from './network.ts';
import { OutcomeStore } from './outcomes.ts';
import { ProjectionStore } from './projection.ts';
import { ProjectStore } from './projects.ts';
import { ReleaseStore } from './releases.ts';
import { ArchiveStore } from './archive.ts';
import { ResidentStore } from './residents.ts';
import { RestoreStore } from './restore.ts';
import { SecretStore } from './secrets.ts';
import { Tombstones } from './tombstones.ts';
import { warmUp } from './warm-up.ts';

export interface Store {
  db: Database;
  projects: ProjectStore;
  residents: ResidentStore;
  groups: GroupStore;
  events: EventStore;
  imports: ImportStore;
  instruments: InstrumentStore;
  costs: CostStore;
  network: NetworkStore;
  keys: KeyStore;
  live: LiveStore;
  audit: AuditStore;
  outcomes: OutcomeStore;
  projection: ProjectionStore;
  releases: ReleaseStore;
  archives: ArchiveStore;
  restores: RestoreStore;
  secrets: SecretStore;
  gds: GdsStore;
  /** Plans the first requests' read statements ahead of them (warm-up.ts). */
  warmUp(): Promise<number>;
  close(): Promise<void>;
}

/** `hashSecret` keys the erasure tombstones and the audit log's resident hashes (PEOPLEMAP_HASH_SECRET; secrets.ts checks it). */
export function createStore(settings: Neo4jSettings, hashSecret: Buffer): Store {
  const db = new Database(createDriver(settings), settings.database, settings.transactionTimeoutMs);
  const tombstones = new Tombstones(hashSecret);
  const residents = new ResidentStore(db, tombstones);
  const projects = new ProjectStore(db);
  return {
    db,
    projects,
    residents,
    groups: new GroupStore(db),
    events: new EventStore(db, tombstones),
    imports: new ImportStore(db, tombstones),
    instruments: new InstrumentStore(db),
    costs: new CostStore(db),
    network: new NetworkStore(db, residents),
    keys: new KeyStore(db),
    live: new LiveStore(db),
    audit: new AuditStore(db, hashSecret),
    outcomes: new OutcomeStore(db),
    projection: new ProjectionStore(db),
    releases: new ReleaseStore(db),
    archives: new ArchiveStore(db, projects, tombstones),
    restores: new RestoreStore(db, tombstones),
    secrets: new SecretStore(db, tombstones),
    gds: new GdsStore(db),
    warmUp: () => warmUp(db),
    close: () => db.close(),
  };
}
