// The network's waves for RSiena and statnet: one 0/1 adjacency matrix per moment (10, RSiena's
// structural zero, for a resident not yet in the network), the constant and varying covariates,
// the joining moments as composition change, a README and an R script that loads them.
import { readFileSync } from 'node:fs';
import { strToU8, zipSync } from 'fflate';
import { instrumentKey, instrumentNamer, type Instrument } from '../instruments.ts';
import { nodeKey } from '../metrics/id-keys.ts';
import { inCommunity, presentBy, type ResidentRecord } from '../metrics/moment.ts';
import { TieReplay, type TieEvent } from '../metrics/network.ts';
import { byInstrument, type MeasureRecord } from '../metrics/wellbeing.ts';
import { csvCell } from '../csv-cell.ts';
import type { PrivacyNote } from '../privacy/generalise.ts';
import { privacyWords } from './privacy-note.ts';

const ANALYSIS_R = readFileSync(new URL('./siena-analysis.R', import.meta.url), 'utf8');

/** RSiena's code for a tie that cannot exist: a resident not in the network at that wave. */
export const STRUCTURAL_ZERO = 10;

export interface SienaInput {
  project: { id: string; name: string };
  /** Residents the caller may see (a partner's pseudonymised), with their joining moments. */
  records: readonly ResidentRecord[];
  ties: readonly TieEvent[];
  /** Measures for the varying covariates; none for a caller who may not see anyone's score. */
  measures: readonly MeasureRecord[] | null;
  instruments: readonly Instrument[];
  /** The waves' moments, increasing. */
  momentsMs: readonly number[];
  communityId?: string;
  /** How a partner's residents were de-identified (null for every other key). */
  privacy: PrivacyNote | null;
}

const row = (cells: (string | number | null)[]) => cells.map((c) => csvCell(c ?? 'NA')).join(',');
const table = (lines: string[]) => lines.join('\r\n') + '\r\n';

/** The residents a wave file lists: those in scope who joined by the last moment, by id. */
export function sienaResidents(input: Pick<SienaInput, 'records' | 'momentsMs' | 'communityId'>) {
  return input.records
    .filter(presentBy(input.momentsMs.at(-1)!))
    .filter(inCommunity({ communityId: input.communityId }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function waveFiles(input: SienaInput, ids: string[]): Record<string, string> {
  const replay = new TieReplay(input.records, input.ties, { communityId: input.communityId });
  const files: Record<string, string> = {};
  input.momentsMs.forEach((atMs, w) => {
    const graph = replay.advanceTo(atMs);
    const lines = [row(['id', ...ids])];
    for (const a of ids) {
      const cells = ids.map((b) => {
        const [na, nb] = [nodeKey(a), nodeKey(b)];
        if (!graph.hasNode(na) || !graph.hasNode(nb)) return STRUCTURAL_ZERO;
        return a !== b && graph.hasEdge(na, nb) ? 1 : 0;
      });
      lines.push(row([a, ...cells]));
    }
    files[`wave-${w + 1}.csv`] = table(lines);
  });
  return files;
}

/**
 * When each resident is in the network, in RSiena's time scale (wave w at time w): from 1 when
 * present at the first wave, else w + the fraction of the way from wave w to w + 1 at joining.
 */
function composition(residents: ResidentRecord[], moments: readonly number[]): string {
  const k = moments.length;
  const lines = [row(['id', 'joinedAt', 'from', 'to'])];
  for (const r of residents) {
    let w = -1; // the last wave before joining
    while (w + 1 < k && moments[w + 1] < r.joinedAtMs) w += 1;
    const from = w < 0 ? 1 : w + 1 + (r.joinedAtMs - moments[w]) / (moments[w + 1] - moments[w]);
    lines.push(row([r.id, new Date(r.joinedAtMs).toISOString(), from, k]));
  }
  return table(lines);
}

/** Per instrument, each resident's latest score at or before each wave (NA when none). */
function scoreFiles(input: SienaInput, ids: string[]): Record<string, string> {
  if (!input.measures) return {};
  const named = instrumentNamer(input.instruments);
  const listed = new Set(ids);
  const last = input.momentsMs.at(-1)!;
  const measures = input.measures
    .filter((m) => listed.has(m.resident) && m.atMs <= last)
    .map((m) => ({ ...m, instrument: named(m.instrument) }));
  const files: Record<string, string> = {};
  for (const [instrument, ofInstrument] of byInstrument(measures)) {
    const columns = input.momentsMs.map((atMs) => {
      const latest = new Map<string, number>();
      for (const m of ofInstrument) if (m.atMs <= atMs) latest.set(m.resident, m.score);
      return latest;
    });
    const lines = [row(['id', ...input.momentsMs.map((_, w) => `wave-${w + 1}`)])];
    for (const id of ids) lines.push(row([id, ...columns.map((c) => c.get(id) ?? null)]));
    const slug = instrumentKey(instrument).replace(/[^a-z0-9.]/g, '_');
    files[`scores-${slug}.csv`] = table(lines);
  }
  return files;
}

/** A file of the README's list: its name, then its lines, in two columns. */
const entry = (name: string, ...text: string[]) =>
  text.map((line, i) => (i === 0 ? name.padEnd(25) : ' '.repeat(25)) + line);

function readme(input: SienaInput, files: string[]): string {
  const moments = input.momentsMs.map((m, w) => `  wave ${w + 1}: ${new Date(m).toISOString()}`);
  const scores = input.measures
    ? entry(
        'scores-<instrument>.csv',
        "each resident's latest score at or before each wave (NA: none yet); a",
        'varying covariate (RSiena: varCovar of the first k − 1 columns)',
      )
    : ["No scores: this key may not see anyone's individual score."];
  const scope = input.communityId ? `, community ${input.communityId}` : '';
  return [
    `${input.project.name} (${input.project.id}): the resident network at ${input.momentsMs.length} waves${scope}`,
    '',
    ...moments,
    '',
    "Each wave is the network at that moment under peoplemap's time rule: a resident is in it from",
    'joining, and two residents are tied when the latest connection or disconnection between them',
    "at or before the moment is a connection (peoplemap's docs/time-rule.md). Ties are undirected.",
    '',
    ...entry(
      'wave-<k>.csv',
      'square adjacency matrix, the first column and the header naming the',
      "residents in the same order: 1 tied, 0 not, 10 a structural zero (RSiena's",
      'code) where a resident had not joined yet',
    ),
    ...entry(
      'residents.csv',
      'constant covariates: community, participant (1 yes, 0 no, NA not shown)',
    ),
    ...scores,
    ...entry(
      'composition.csv',
      "joining moments, and from/to in RSiena's time scale (wave k at time k) for",
      'sienaCompositionChange',
    ),
    ...entry(
      'analysis.R',
      "loads the waves with network and sna, prints each wave's density among the",
      "residents present, and builds RSiena's data when RSiena is installed",
    ),
    '',
    'Run: Rscript analysis.R  (in this folder; needs the R packages network and sna)',
    '',
    ...(input.privacy ? [privacyWords(input.privacy), ''] : []),
    `Files: ${files.join(', ')}`,
    '',
  ].join('\n');
}

/** The zip's files, by name (the route zips them). */
export function sienaFiles(input: SienaInput): Record<string, string> {
  const residents = sienaResidents(input);
  const ids = residents.map((r) => r.id);
  const covariates = [row(['id', 'community', 'participant'])];
  for (const r of residents) {
    const participant = r.shown?.participant === false ? null : r.participant ? 1 : 0;
    covariates.push(row([r.id, r.communityId, participant]));
  }
  const files: Record<string, string> = {
    ...waveFiles(input, ids),
    'residents.csv': table(covariates),
    ...scoreFiles(input, ids),
    'composition.csv': composition(residents, input.momentsMs),
    'analysis.R': ANALYSIS_R,
  };
  return { 'README.txt': readme(input, [...Object.keys(files), 'README.txt']), ...files };
}

export function sienaZip(input: SienaInput): Uint8Array {
  const files = sienaFiles(input);
  return zipSync(
    Object.fromEntries(Object.entries(files).map(([name, text]) => [name, strToU8(text)])),
  );
}
