// The archive's round trip at scale: the project's archive read whole, then restored beside the
// original under another id (one Neo4j holds both), each timed; the restore is one transaction.
import { checksumOf, type Archive } from '../server/archive.ts';
import { Tombstones } from '../server/store/tombstones.ts';
import { benchHashSecret, type ServerProcess } from './server-process.ts';

export interface ArchiveEntry {
  archiveMs: number;
  archiveMb: number;
  /** null when the restore did not answer 201 (restoreStatus). */
  restoreMs: number | null;
  restoreStatus: number;
}

export async function timeArchiveRestore(
  server: ServerProcess,
  projectId: string,
): Promise<ArchiveEntry> {
  const headers = { authorization: `Bearer ${server.key}` };
  const api = `${server.baseUrl}/api/v1/projects`;
  let started = performance.now();
  const text = await (await fetch(`${api}/${projectId}/archive`, { headers })).text();
  const archiveMs = performance.now() - started;
  const archive = JSON.parse(text) as Archive;
  // the copy's tombstones are keyed for its own id, as the server keys them (tombstones.ts)
  const id = `${projectId}-restored`;
  const copy = {
    ...archive,
    project: { ...archive.project, id },
    tombstoneKey: new Tombstones(benchHashSecret()).keyCheck(id),
  };
  const body = JSON.stringify({ ...copy, checksum: checksumOf(copy) });
  started = performance.now();
  const restored = await fetch(`${api}/${id}/restore`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body,
  });
  await restored.text();
  const restoreMs = performance.now() - started;
  return {
    archiveMs: Math.round(archiveMs),
    archiveMb: +(Buffer.byteLength(text) / 1024 / 1024).toFixed(1),
    restoreMs: restored.status === 201 ? Math.round(restoreMs) : null,
    restoreStatus: restored.status,
  };
}
