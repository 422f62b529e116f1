// The store: the only code that talks to Neo4j, one repository per concern.
import { AuditStore } from './audit.ts';
import { createDriver, Database, type Neo4jSettings } from './neo4j.ts';
import { EventStore } from './events.ts';
import { GroupStore } from './groups.ts';
import { KeyStore } from './keys.ts';
import { ImportStore } from './import.ts';
import { NetworkStore } from './network.ts';
import { OutcomeStore } from './outcomes.ts';
import { ProjectStore } from './projects.ts';
import { ResidentStore } from './residents.ts';

export interface Store {
  db: Database;
  projects: ProjectStore;
  residents: ResidentStore;
  groups: GroupStore;
  events: EventStore;
  imports: ImportStore;
  network: NetworkStore;
  keys: KeyStore;
  audit: AuditStore;
  outcomes: OutcomeStore;
  close(): Promise<void>;
}

export function createStore(settings: Neo4jSettings): Store {
  const db = new Database(createDriver(settings), settings.database, settings.transactionTimeoutMs);
  return {
    db,
    projects: new ProjectStore(db),
    residents: new ResidentStore(db),
    groups: new GroupStore(db),
    events: new EventStore(db),
    imports: new ImportStore(db),
    network: new NetworkStore(db),
    keys: new KeyStore(db),
    audit: new AuditStore(db),
    outcomes: new OutcomeStore(db),
    close: () => db.close(),
  };
}
