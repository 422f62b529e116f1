// A small typed client for the peoplemap API v1: the web app talks to the API like any other
// client. Its types are the API's own (server/contract.ts, inferred from the route schemas).
import type {
  AppendResult,
  Community,
  Event,
  GroupSummary,
  History,
  MetricsAt,
  ProjectSummary,
  Resident,
  Timeline,
} from '../server/contract.ts';
import type { z } from 'zod';
import type { ReportBody, WavesBody } from '../server/routes/report.ts';

/** The evaluation report and the measurement waves, typed by the API's own schemas. */
export type Report = z.infer<typeof ReportBody>;
export type Waves = z.infer<typeof WavesBody>;

export type {
  Community,
  Event,
  GraphMetrics,
  GroupSummary,
  History,
  HistoryResident,
  MetricsAt,
  ProjectSummary,
  Resident,
  ResidentMetrics,
  Spell,
  Timeline,
} from '../server/contract.ts';

/** GET /me: who the key is. Projects without the access routes answer 404 (then null). */
export interface Me {
  id: string;
  name: string;
  role: string;
  projects: string[] | '*';
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

/** The API could not be reached at all (no network, connection refused, request aborted). */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super(`the service could not be reached (${cause instanceof Error ? cause.message : cause})`);
    this.name = 'NetworkError';
  }
}

/** Worth sending again later: the network dropped or the database is briefly unavailable. */
export const isTransient = (error: unknown): boolean =>
  error instanceof NetworkError || (error instanceof ApiError && error.status === 503);

export class PeoplemapApi {
  constructor(
    private readonly key: string,
    private readonly base = '/api/v1',
  ) {}

  projects(): Promise<{ projects: ProjectSummary[] }> {
    return this.request('GET', '/projects');
  }

  async me(): Promise<Me | null> {
    try {
      return await this.request<Me>('GET', '/me');
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return null;
      throw error;
    }
  }

  history(project: string): Promise<History> {
    return this.request('GET', `/projects/${enc(project)}/history`);
  }

  metrics(project: string, at: number, signal?: AbortSignal): Promise<MetricsAt> {
    return this.request('GET', `/projects/${enc(project)}/metrics?at=${enc(iso(at))}`, { signal });
  }

  timeline(project: string, interval: Timeline['interval'], community?: string): Promise<Timeline> {
    const scope = community ? `&community=${enc(community)}` : '';
    return this.request('GET', `/projects/${enc(project)}/timeline?interval=${interval}${scope}`);
  }

  report(project: string, baseline: string, followup: string, community?: string): Promise<Report> {
    const query = `baseline=${enc(baseline)}&followup=${enc(followup)}`;
    const scope = community ? `&community=${enc(community)}` : '';
    return this.request('GET', `/projects/${enc(project)}/report?${query}${scope}`);
  }

  waves(project: string): Promise<Waves> {
    return this.request('GET', `/projects/${enc(project)}/report/waves`);
  }

  resident(project: string, id: string, signal?: AbortSignal): Promise<Resident> {
    return this.request('GET', `/projects/${enc(project)}/residents/${enc(id)}`, { signal });
  }

  residents(project: string): Promise<{ residents: Resident[] }> {
    return this.request('GET', `/projects/${enc(project)}/residents`);
  }

  groups(project: string): Promise<{ groups: GroupSummary[] }> {
    return this.request('GET', `/projects/${enc(project)}/groups`);
  }

  communities(project: string): Promise<{ communities: Community[] }> {
    return this.request('GET', `/projects/${enc(project)}/communities`);
  }

  /** POSTs a new resident, group or event; a 2xx is stored, anything else throws. */
  create(project: string, collection: 'residents' | 'groups', body: object): Promise<unknown>;
  create(project: string, collection: 'events', body: Event): Promise<AppendResult>;
  create(project: string, collection: string, body: object): Promise<unknown> {
    return this.request('POST', `/projects/${enc(project)}/${collection}`, { body });
  }

  private async request<T>(
    method: 'GET' | 'POST',
    path: string,
    options: { body?: object; signal?: AbortSignal } = {},
  ): Promise<T> {
    const headers: Record<string, string> = {
      Authorization: `Bearer ${this.key}`,
      Accept: 'application/json',
    };
    if (options.body) headers['Content-Type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(this.base + path, {
        method,
        headers,
        body: options.body ? JSON.stringify(options.body) : undefined,
        signal: options.signal,
      });
    } catch (error) {
      if (options.signal?.aborted) throw error;
      throw new NetworkError(error);
    }
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
