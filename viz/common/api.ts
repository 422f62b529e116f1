// A small typed client for the peoplemap API v1: the web app talks to the API like any other
// client. Its types are the API's own (server/contract.ts, inferred from the route schemas).
import type {
  Community,
  Event,
  Graph,
  GroupSummary,
  History,
  ImportReport,
  InstrumentListed,
  Me,
  MetricsAt,
  NewCommunity,
  NewGroup,
  NewRelease,
  NewResident,
  ProjectSummary,
  Release,
  ReleaseListing,
  Report,
  Resident,
  Timeline,
  WaveAnswer,
  Waves,
} from '../../server/contract.ts';

/** Every type of the contract, so the web app's modules read them here with the client. */
export type * from '../../server/contract.ts';

/** A write the web app sends: a new resident, group, community or event, as the API's inputs type them. */
export type NewRecord =
  | { collection: 'residents'; body: NewResident }
  | { collection: 'communities'; body: NewCommunity }
  | { collection: 'groups'; body: NewGroup }
  | { collection: 'events'; body: Event }
  | { collection: `waves/${string}/answers`; body: WaveAnswer };

/** An API answer other than 2xx, with the API's stable error code and the fields it names. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: { path: string; message: string }[] = [],
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
    /** The key sent with every request (the live stream sends it too, viz/common/live.ts). */
    readonly key: string,
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

  /** The network now (no `at`): what the project holds at this moment. */
  graph(project: string): Promise<Graph> {
    return this.request('GET', `/projects/${enc(project)}/graph`);
  }

  metrics(project: string, at: number, signal?: AbortSignal): Promise<MetricsAt> {
    return this.request('GET', `/projects/${enc(project)}/metrics?at=${enc(iso(at))}`, { signal });
  }

  timeline(project: string, interval: Timeline['interval'], community?: string): Promise<Timeline> {
    const scope = community ? `&community=${enc(community)}` : '';
    return this.request('GET', `/projects/${enc(project)}/timeline?interval=${interval}${scope}`);
  }

  /**
   * The report between two moments; `waves` pairs scores by those two waves, `comparison` adds the
   * difference in differences of `community` against that community.
   */
  report(
    project: string,
    baseline: string,
    followup: string,
    options: { community?: string; comparison?: string; waves?: [string, string] } = {},
  ): Promise<Report> {
    const query = new URLSearchParams({ baseline, followup });
    if (options.community) query.set('community', options.community);
    if (options.comparison) query.set('comparison', options.comparison);
    if (options.waves) {
      query.set('baselineWave', options.waves[0]);
      query.set('followupWave', options.waves[1]);
    }
    return this.request('GET', `/projects/${enc(project)}/report?${query}`);
  }

  releases(project: string): Promise<{ releases: ReleaseListing[] }> {
    return this.request('GET', `/projects/${enc(project)}/releases`);
  }

  release(project: string, id: string): Promise<Release> {
    return this.request('GET', `/projects/${enc(project)}/releases/${enc(id)}`);
  }

  /** Publishes a release (an admin's or evaluator's key); answers it as partners will read it. */
  publishRelease(project: string, body: NewRelease): Promise<Release> {
    return this.request('POST', `/projects/${enc(project)}/releases`, { body });
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

  instruments(project: string): Promise<{ instruments: InstrumentListed[] }> {
    return this.request('GET', `/projects/${enc(project)}/instruments`);
  }

  communities(project: string): Promise<{ communities: Community[] }> {
    return this.request('GET', `/projects/${enc(project)}/communities`);
  }

  /** POSTs a new resident, group, community or event; a 2xx is stored, anything else throws. */
  create(project: string, { collection, body }: NewRecord): Promise<unknown> {
    return this.request('POST', `/projects/${enc(project)}/${collection}`, { body });
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

  /** The project's workshop sheets (a PDF to print), for one community or all. */
  async workshopSheets(project: string, community?: string): Promise<Blob> {
    const scope = community ? `?community=${enc(community)}` : '';
    const response = await fetch(`${this.base}/projects/${enc(project)}/sheets.pdf${scope}`, {
      headers: { Authorization: `Bearer ${this.key}` },
    });
    if (!response.ok) {
      const body = (await response.json().catch(() => ({}))) as {
        error?: string;
        message?: string;
      };
      throw new ApiError(
        response.status,
        body.error ?? `http_${response.status}`,
        body.message ?? 'no sheets',
      );
    }
    return response.blob();
  }

  /** An import template (an empty sheet with its headers) as a file to save. */
  async importTemplate(sheet: string): Promise<Blob> {
    const response = await fetch(`${this.base}/import/templates/${enc(sheet)}.csv`, {
      headers: { Authorization: `Bearer ${this.key}` },
    });
    if (!response.ok) throw new ApiError(response.status, `http_${response.status}`, 'no template');
    return response.blob();
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
    let details: ApiError['details'] = [];
    try {
      const body = (await response.json()) as Partial<Pick<ApiError, 'message' | 'details'>> & {
        error?: string;
      };
      code = body.error ?? code;
      message = body.message ?? message;
      details = body.details ?? [];
    } catch {
      // A non-JSON error body (a proxy, a crash page): keep the status line.
    }
    throw new ApiError(response.status, code, message, details);
  }
}

/**
 * What an answer keys by this id (a resident's metrics, a community's mixing), or undefined: a
 * parsed answer is a plain object, where an absent `constructor` or `__proto__` would read
 * Object.prototype's member.
 */
export const ownEntry = <T>(record: Readonly<Record<string, T>>, id: string): T | undefined =>
  Object.hasOwn(record, id) ? record[id] : undefined;

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function enc(value: string): string {
  return encodeURIComponent(value);
}
