// Publishing a release: the moments moved to the end of their interval, everything computed once
// (./content.ts), disclosure control over every number of every scope against every earlier
// release of the project and what a network-grant partner reads (../privacy/disclosure,
// ./grant-view.ts), and the result frozen in Neo4j as the exact bytes every replica will serve.
import { randomBytes } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { badRequest } from '../errors.ts';
import { bucketCount, bucketEnd, bucketEnds } from '../metrics/timeline.ts';
import { control, type Published } from '../privacy/disclosure/control.ts';
import { kindOf } from '../privacy/disclosure/rules.ts';
import { releasedForm } from '../privacy/disclosure/form.ts';
import { idOf, leafId, leavesOf, type Frame } from '../privacy/disclosure/leaves.ts';
import { releaseContent } from './content.ts';
import { grantCounts, grantHeld } from './grant-view.ts';
import { scoreChanges } from './score-changes.ts';
import { ScopeContent, type ReleaseBody, type ReleaseInterval } from './schema.ts';

export interface ReleaseRequest {
  name: string;
  baseline: string;
  followup: string;
  interval: ReleaseInterval;
}

/** A timeline of more points is refused: twenty years of months. */
export const MAX_RELEASE_POINTS = 240;

const iso = (ms: number) => new Date(ms).toISOString();

/** Publishes a release and answers its body, as stored. */
export async function publishRelease(
  request: FastifyRequest,
  projectId: string,
  asked: ReleaseRequest,
): Promise<string> {
  const { server: app } = request;
  const { interval } = asked;
  if (Date.parse(asked.followup) < Date.parse(asked.baseline))
    throw badRequest('the follow-up is before the baseline', [
      { path: 'followup', message: 'must not be before baseline' },
    ]);
  const baselineMs = bucketEnd(Date.parse(asked.baseline), interval);
  const followupMs = bucketEnd(Date.parse(asked.followup), interval);
  const points = bucketCount(baselineMs, followupMs, interval);
  if (points > MAX_RELEASE_POINTS)
    throw badRequest(`at most ${MAX_RELEASE_POINTS} timeline points; choose a longer interval`, [
      { path: 'interval', message: `${points} points` },
    ]);

  const earlier = await app.store.releases.published(projectId);
  const published: Published = { counts: [], withheld: [] };
  for (const json of earlier.cells) {
    const one = JSON.parse(json) as Published;
    published.counts.push(...one.counts);
    published.withheld.push(...one.withheld);
  }
  const moments = { baselineMs, followupMs, interval };
  const { scopes, input } = await releaseContent(app, projectId, moments, request);
  const frames = scopes.map((s): Frame => ({ scope: s.community, baselineMs, followupMs }));
  const leaves = scopes.flatMap((s, i) => leavesOf(ScopeContent, s.content, frames[i]));
  const { minCount, rounding } = app.privacy;
  // and, when a partner key with the network grant may read it, against what that key reads of
  // the same moments and scopes
  const networkGrant = await grantHeld(app, projectId);
  const ends = new Set([baselineMs, ...bucketEnds(baselineMs, followupMs, interval), followupMs]);
  const communities = scopes.map((s) => s.community);
  const grant = networkGrant ? await grantCounts(app, projectId, communities, [...ends]) : [];
  const compared: Published = { ...published, counts: [...published.counts, ...grant] };
  const withheld = control(leaves, compared, minCount, scoreChanges(input, baselineMs));

  const counts = { primary: 0, secondary: 0, differencing: 0, unclassified: 0 };
  for (const reason of withheld.values()) counts[reason] += 1;
  const id = 'rel_' + randomBytes(9).toString('base64url');
  const publishedAtMs = Date.now();
  const body: ReleaseBody = {
    id,
    name: asked.name,
    baseline: iso(baselineMs),
    followup: iso(followupMs),
    interval,
    publishedAt: iso(publishedAtMs),
    disclosure: {
      minCount,
      meanDecimals: rounding.meanDigits,
      shareDecimals: rounding.shareDigits,
      withheld: counts,
      networkGrant,
    },
    scopes: scopes.map((s, i) => ({
      community: s.community,
      name: s.name,
      ...(releasedForm(ScopeContent, s.content, frames[i], withheld, rounding) as object),
    })) as ReleaseBody['scopes'],
  };
  // what the next publication's differencing compares against: no values but counts
  const shown = new Map(
    leaves
      .filter((l) => kindOf(l) === 'residents' && l.value !== null && !withheld.has(idOf(l)))
      .map(({ scope, name, moments, value }) => [
        leafId(scope, name, moments),
        { scope, name, moments, n: value! },
      ]),
  );
  const cells: Published = { counts: [...shown.values()], withheld: [...withheld.keys()] };
  const json = JSON.stringify(body);
  await app.store.releases.create(
    projectId,
    {
      id,
      name: asked.name,
      interval,
      baselineMs,
      followupMs,
      publishedAtMs,
      publishedBy: request.principal?.keyId ?? 'unknown',
      minCount,
      body: json,
      cells: JSON.stringify(cells),
    },
    earlier.ids,
  );
  return json;
}
