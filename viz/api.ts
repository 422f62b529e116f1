// A small typed client for the peoplemap API v1: the map talks to the API like any other client.
import type { GraphMetrics as GraphLevelMetrics } from '../server/metrics/graph-metrics.ts';
import type { NodeMetric } from '../server/metrics/node-metrics.ts';
import type { z } from 'zod';
import type { ReportBody, WavesBody } from '../server/routes/report.ts';

/** The evaluation report and the measurement waves, typed by the API's own schemas. */
export type Report = z.infer<typeof ReportBody>;
export type Waves = z.infer<typeof WavesBody>;

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

  timeline(project: string, interval: Timeline['interval'], community?: string): Promise<Timeline> {
    const scope = community ? `&community=${enc(community)}` : '';
    return this.get(`/projects/${enc(project)}/timeline?interval=${interval}${scope}`);
  }

  report(project: string, baseline: string, followup: string, community?: string): Promise<Report> {
    const query = `baseline=${enc(baseline)}&followup=${enc(followup)}`;
    const scope = community ? `&community=${enc(community)}` : '';
    return this.get(`/projects/${enc(project)}/report?${query}${scope}`);
  }

  waves(project: string): Promise<Waves> {
    return this.get(`/projects/${enc(project)}/report/waves`);
  }

  communities(project: string): Promise<{ communities: { id: string; name: string }[] }> {
    return this.get(`/projects/${enc(project)}/communities`);
  }

  resident(project: string, id: string, signal?: AbortSignal): Promise<ResidentDetails> {
    return this.get(`/projects/${enc(project)}/residents/${enc(id)}`, signal);
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
