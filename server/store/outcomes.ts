// Reads the report's outcome sections need beyond the replay input: attendance events and the
// measurement waves a reader picks baseline and follow-up from.
import type { AttendanceRecord } from '../metrics/outcomes.ts';
import { cypher, rows, type Database } from './neo4j.ts';
import { hiddenIds } from './network.ts';
import { requireProject } from './projects.ts';

export interface MeasurementWave {
  wave: string;
  firstMs: number;
  lastMs: number;
  measures: number;
}

export class OutcomeStore {
  constructor(private readonly db: Database) {}

  /** Attendance events in time order, without those naming a `hidden` resident (required). */
  async attendances(projectId: string, hidden: readonly string[]): Promise<AttendanceRecord[]> {
    const ids = hiddenIds(hidden);
    return this.db.read(async (tx) => {
      await requireProject(tx, projectId);
      return rows<AttendanceRecord>(
        (await tx.run(cypher('outcome-attendances'), { projectId, hidden: ids })).records,
      );
    });
  }

  /** The waves named on measure events, ordered by their first measure; `hidden`'s left out. */
  async waves(projectId: string, hidden: readonly string[]): Promise<MeasurementWave[]> {
    const ids = hiddenIds(hidden);
    return this.db.read(async (tx) => {
      await requireProject(tx, projectId);
      return rows<MeasurementWave>(
        (await tx.run(cypher('outcome-waves'), { projectId, hidden: ids })).records,
      );
    });
  }
}
