// The archive's round trip at scale, both ways: the project's archive read whole as one JSON
// document and restored beside the original under another id (`?as=`, one Neo4j holds all three),
// then read as JSON lines and restored from them; each timed. Restores are written in steps and
// read as their progress lines (server/routes/restore-progress.ts), the last line their outcome.
import type { ServerProcess } from './server-process.ts';

export interface ArchiveEntry {
  archiveMs: number;
  archiveMb: number;
  /** null when the restore did not succeed (restoreStatus). */
  restoreMs: number | null;
  /** 201, or the status of the refusal or of the error in its last progress line. */
  restoreStatus: number;
  /** The progress lines before the outcome (one per step written). */
  restoreProgressLines: number;
  /** The same project as JSON lines (archive.jsonl), and its restore from them (restore.jsonl). */
  linesMs: number;
  linesMb: number;
  linesRestoreMs: number | null;
  linesRestoreStatus: number;
}

/** The outcome of a restore answered in progress lines: 201, or the status its error line gives. */
async function outcome(response: Response): Promise<{ status: number; lines: number }> {
  const text = await response.text();
  if (response.status !== 201) return { status: response.status, lines: 0 };
  const lines = text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { restored?: unknown; error?: { status: number } });
  const last = lines.at(-1);
  return {
    status: last?.restored ? 201 : (last?.error?.status ?? 500),
    lines: lines.length - 1,
  };
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, Math.round(performance.now() - started)];
}

const mb = (text: string) => +(Buffer.byteLength(text) / 1024 / 1024).toFixed(1);

export async function timeArchiveRestore(
  server: ServerProcess,
  projectId: string,
): Promise<ArchiveEntry> {
  const key = { authorization: `Bearer ${server.key}` };
  const api = `${server.baseUrl}/api/v1/projects/${projectId}`;
  const restore = (path: string, as: string, type: string, body: string) =>
    timed(async () =>
      outcome(
        await fetch(`${api}/${path}?as=${as}`, {
          method: 'POST',
          headers: { ...key, 'content-type': type, accept: 'application/x-ndjson' },
          body,
        }),
      ),
    );
  const [document, archiveMs] = await timed(async () =>
    (await fetch(`${api}/archive`, { headers: key })).text(),
  );
  const [restored, restoreMs] = await restore(
    'restore',
    `${projectId}-restored`,
    'application/json',
    document,
  );
  const [lines, linesMs] = await timed(async () =>
    (await fetch(`${api}/archive.jsonl`, { headers: key })).text(),
  );
  const [fromLines, linesRestoreMs] = await restore(
    'restore.jsonl',
    `${projectId}-from-lines`,
    'application/x-ndjson',
    lines,
  );
  return {
    archiveMs,
    archiveMb: mb(document),
    restoreMs: restored.status === 201 ? restoreMs : null,
    restoreStatus: restored.status,
    restoreProgressLines: restored.lines,
    linesMs,
    linesMb: mb(lines),
    linesRestoreMs: fromLines.status === 201 ? linesRestoreMs : null,
    linesRestoreStatus: fromLines.status,
  };
}
