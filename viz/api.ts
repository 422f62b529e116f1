// A small typed client for the peoplemap API v1: the map talks to the API like any other client.
import type { GraphMetrics as GraphLevelMetrics } from '../server/metrics/graph-metrics.ts';
import type { NodeMetric } from '../server/metrics/node-metrics.ts';
import type { ImportReport } from '../server/import/run.ts';

export type { ImportReport };
export type { Issue as ImportIssue } from '../server/import/issues.ts';

export interface ProjectSummary {
  id: string;
  name: string;
}

export interface Spell {
  from: string;
  to: string | null;
}

export interface HistoryResident {
  id: string;
  name: string | null;
  communityId: string | null;
  participant: boolean;
  joinedAt: string;
}

export interface History {
  project: ProjectSummary;
  from: string | null;
  to: string | null;
  communities: { id: string; name: string }[];
  groups: { id: string; name: string; kind: string; communityId: string | null }[];
  residents: HistoryResident[];
  ties: { source: string; target: string; kind: string; weight: number; spells: Spell[] }[];
  memberships: { resident: string; group: string; spells: Spell[] }[];
}

/** The API's graph-level metrics (the server's own type: the map reads the same fields). */
export interface GraphMetrics extends GraphLevelMetrics {
  modularity: number | null;
}

export type ResidentMetrics = NodeMetric;

export interface MetricsAt {
  at: string;
  graph: GraphMetrics;
  nodes: Record<string, ResidentMetrics>;
}

export type TimelinePoint = { at: string } & Partial<GraphMetrics>;

export interface Timeline {
  interval: 'day' | 'week' | 'month';
  points: TimelinePoint[];
}

export interface ResidentDetails {
  id: string;
  name: string | null;
  communityId: string | null;
  participant: boolean;
  joinedAt: string;
  consent?: string;
  attributes?: Record<string, unknown>;
}

/** An API answer other than 2xx, with the API's stable error code. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export class PeoplemapApi {
  constructor(
    private readonly key: string,
    private readonly base = '/api/v1',
  ) {}

  projects(): Promise<{ projects: ProjectSummary[] }> {
    return this.get('/projects');
  }

  history(project: string): Promise<History> {
    return this.get(`/projects/${enc(project)}/history`);
  }

  metrics(project: string, at: number, signal?: AbortSignal): Promise<MetricsAt> {
    return this.get(`/projects/${enc(project)}/metrics?at=${enc(iso(at))}`, signal);
  }

  timeline(project: string, interval: Timeline['interval']): Promise<Timeline> {
    return this.get(`/projects/${enc(project)}/timeline?interval=${interval}`);
  }

  resident(project: string, id: string, signal?: AbortSignal): Promise<ResidentDetails> {
    return this.get(`/projects/${enc(project)}/residents/${enc(id)}`, signal);
  }

  /**
   * Sends sheets to the import (a dry run unless `dryRun` is false) and reports upload progress.
   * Answers the import report for 200, 201 and 400 (a refused import still has its report).
   */
  importFiles(
    project: string,
    files: File[],
    options: { dryRun: boolean; dayFirst: boolean },
    onProgress: (fraction: number) => void = () => {},
  ): Promise<{ status: number; report: ImportReport }> {
    const form = new FormData();
    for (const file of files) form.append('file', file, file.name);
    const query = `dryRun=${options.dryRun}&dateFormat=${options.dayFirst ? 'dmy' : 'ymd'}`;
    return new Promise((resolve, reject) => {
      const request = new XMLHttpRequest();
      request.open('POST', `${this.base}/projects/${enc(project)}/import?${query}`);
      request.setRequestHeader('Authorization', `Bearer ${this.key}`);
      request.responseType = 'json';
      request.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
      request.onerror = () =>
        reject(new ApiError(0, 'network', 'the upload did not reach the server'));
      request.onload = () => {
        const body = request.response as
          (ImportReport & { error?: string; message?: string }) | null;
        if (body && [200, 201, 400].includes(request.status) && Array.isArray(body.errors))
          return resolve({ status: request.status, report: body });
        reject(
          new ApiError(
            request.status,
            body?.error ?? `http_${request.status}`,
            body?.message ?? (request.statusText || 'the import failed'),
          ),
        );
      };
      request.send(form);
    });
  }

  /** An import template (an empty sheet with its headers) as a file to save. */
  async importTemplate(sheet: string): Promise<Blob> {
    const response = await fetch(`${this.base}/import/templates/${enc(sheet)}.csv`, {
      headers: { Authorization: `Bearer ${this.key}` },
    });
    if (!response.ok) throw new ApiError(response.status, `http_${response.status}`, 'no template');
    return response.blob();
  }

  private async get<T>(path: string, signal?: AbortSignal): Promise<T> {
    const response = await fetch(this.base + path, {
      headers: { Authorization: `Bearer ${this.key}`, Accept: 'application/json' },
      signal,
    });
    if (response.ok) return (await response.json()) as T;
    let code = 'http_' + response.status;
    let message = response.statusText || 'request failed';
    try {
      const body = (await response.json()) as { error?: string; message?: string };
      code = body.error ?? code;
      message = body.message ?? message;
    } catch {
      // A non-JSON error body (a proxy, a crash page): keep the status line.
    }
    throw new ApiError(response.status, code, message);
  }
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function enc(value: string): string {
  return encodeURIComponent(value);
}
