// The store: the only code that talks to Neo4j, one repository per concern.
import { createDriver, Database, type Neo4jSettings } from './neo4j.ts';
import { EventStore } from './events.ts';
import { GroupStore } from './groups.ts';
import { NetworkStore } from './network.ts';
import { ProjectionStore } from './projection.ts';
import { ProjectStore } from './projects.ts';
import { ResidentStore } from './residents.ts';

export interface Store {
  db: Database;
  projects: ProjectStore;
  residents: ResidentStore;
  groups: GroupStore;
  events: EventStore;
  network: NetworkStore;
  projection: ProjectionStore;
  close(): Promise<void>;
}

export function createStore(settings: Neo4jSettings): Store {
  const db = new Database(createDriver(settings), settings.database);
  return {
    db,
    projects: new ProjectStore(db),
    residents: new ResidentStore(db),
    groups: new GroupStore(db),
    events: new EventStore(db),
    network: new NetworkStore(db),
    projection: new ProjectionStore(db),
    close: () => db.close(),
  };
}
