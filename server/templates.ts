// Project templates: what a new programme starts with (`POST /projects {template}`). The ABCD
// programme's consent text is the facilitator's guide's own (docs/guide.md, "The consent script"),
// read from there so the guide and new projects never say two different things.
import { readFileSync } from 'node:fs';
import { GROUP_KINDS, TEMPLATE_IDS } from './domain-names.ts';
import type { InstrumentInput } from './domain.ts';

export type TemplateId = (typeof TEMPLATE_IDS)[number];

/** A kind of community group, in the words a coordinator reads on the sheets. */
export interface GroupKind {
  kind: (typeof GROUP_KINDS)[number];
  description: string;
}

export interface ProjectTemplate {
  groupKinds: GroupKind[];
  /** The project's own instruments; the built-ins (WEMWBS among them) every project has. */
  instruments: InstrumentInput[];
  /** The measurement waves planned, in order: what a measure's wave is called. */
  waves: string[];
  consentText: string;
}

/** The blockquote under the guide's "## The consent script", its paragraphs kept apart. */
export function consentScript(guide: string): string {
  const section = guide.split(/^## /m).find((part) => part.startsWith('The consent script'));
  const quoted = (section ?? '')
    .split('\n')
    .filter((line) => line.startsWith('>'))
    .map((line) => line.replace(/^>\s?/, ''));
  const text = quoted
    .join('\n')
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.replace(/\s*\n\s*/g, ' ').trim())
    .join('\n\n');
  if (!text) throw new Error('peoplemap/templates: docs/guide.md has no consent script');
  return text;
}

const GUIDE = readFileSync(new URL('../docs/guide.md', import.meta.url), 'utf8');

/** "How warm does your neighbourhood feel?", the community temperature of ABCD programmes. */
export const COMMUNITY_TEMPERATURE: InstrumentInput = {
  id: 'temperature',
  name: 'Community temperature',
  min: 1,
  max: 10,
  higherIsBetter: true,
  description: '"How warm does your neighbourhood feel?" from 1 (cold) to 10 (warm).',
};

const ABCD_GROUP_KINDS: Record<GroupKind['kind'], string> = {
  association: 'a club or society its members run: a choir, a tenants’ association, a faith group',
  institution: 'a public or voluntary service: a school, library, GP surgery, housing office',
  space: 'a place people meet: a park, community centre, allotment, café corner',
  business: 'a local business: a shop, pub, hairdresser, market stall',
  informal: 'people who meet without a name: neighbours on a street, parents at the school gate',
  activity: 'a regular session people attend: a walk, a lunch club, a workshop (record attendance)',
};

export const TEMPLATES: Record<TemplateId, ProjectTemplate> = {
  'abcd-programme': {
    groupKinds: GROUP_KINDS.map((kind) => ({ kind, description: ABCD_GROUP_KINDS[kind] })),
    instruments: [COMMUNITY_TEMPERATURE],
    waves: ['baseline', 'follow-up'],
    consentText: consentScript(GUIDE),
  },
};
