// What a release computes, once, before disclosure control: for every community together and for
// each community, the report (the report route's own computation, from one read of its input),
// the metrics at both moments (the metrics route's) and the timeline points at each interval end
// between them (the timeline route's). Read as an evaluator reads: residents who gave consent.
import type { FastifyInstance } from 'fastify';
import type { Client } from '../analysis/answer.ts';
import { reportInput, type ReportInput } from '../analysis/report-input.ts';
import { bucketEnds } from '../metrics/timeline.ts';
import { ProjectReads } from '../privacy/reads.ts';
import { viewerOf } from '../privacy/viewer.ts';
import type { ReleaseInterval, ScopeContent } from './schema.ts';

export interface Scope {
  community: string | null;
  name: string;
  content: ScopeContent;
}

export interface Moments {
  baselineMs: number;
  followupMs: number;
  interval: ReleaseInterval;
}

/** No names are needed and none is published: the release reads what an evaluator may. */
const RELEASE_READER = viewerOf({
  keyId: 'release',
  name: 'release',
  role: 'evaluator',
  projects: '*',
  network: false,
  expiresAt: null,
});

/** Every scope's content, and the input the reports were computed from. */
export async function releaseContent(
  app: FastifyInstance,
  projectId: string,
  moments: Moments,
  client: Client,
): Promise<{ scopes: Scope[]; input: ReportInput }> {
  const { baselineMs, followupMs } = moments;
  const reads = new ProjectReads(app.store, app.privacy, RELEASE_READER);
  const communities = await app.store.projects.listCommunities(projectId);
  const input = await reportInput(reads, app.store, projectId, followupMs);
  const ends = bucketEnds(baselineMs, followupMs, moments.interval);
  const scopes = [{ id: undefined, name: 'Every community' }, ...communities];
  const out: Scope[] = [];
  for (const { id: communityId, name } of scopes) {
    const metricsAt = async (atMs: number) => {
      const { records, segments } = await reads.moment(projectId, atMs, communityId);
      const task = { records, segments, atMs, communityId, weighted: false };
      const { at, graph, evaluation } = await app.analysis.metrics(task, client);
      return { at, graph, evaluation };
    };
    const report = await app.analysis.report(
      { ...input, baselineMs, followupMs, communityId },
      client,
    );
    const metrics = {
      baseline: await metricsAt(baselineMs),
      followup: await metricsAt(followupMs),
    };
    const timeline = await app.analysis.timeline(
      { records: input.records, ties: input.ties, ends, communityId, centralities: false },
      client,
    );
    out.push({ community: communityId ?? null, name, content: { report, metrics, timeline } });
  }
  return { scopes: out, input };
}
