// How a partner's files say how they were de-identified, as the JSON answers' `privacy: {k,
// generalised}` does (privacy/generalise.ts): in words for a file's own description (GEXF's meta,
// RSiena's README), as graph attributes for GraphML, and as a response header for every file
// (the only place a CSV table has for it).
import type { PrivacyNote } from '../privacy/generalise.ts';
import type { Step } from '../privacy/deidentify.ts';

/** The response header every partner's export carries: the note as JSON. */
export const PRIVACY_HEADER = 'peoplemap-privacy';

const STEP_WORDS: Record<Step, string> = {
  leavingHidden: 'leaving and returning not shown',
  joinedAtToYear: 'joining shown as its year',
  joinedAtHidden: 'joining not shown',
  participantHidden: 'participation not shown (unknown)',
  groupsWithheld: 'memberships withheld',
  communityHidden: 'community not shown',
  residentWithheld: 'left out',
};

/** The note in plain words, for a file's description. */
export function privacyWords(note: PrivacyNote): string {
  const steps = (Object.keys(STEP_WORDS) as Step[]).map(
    (step) => `${STEP_WORDS[step]}: ${note.generalised[step]}`,
  );
  return (
    `De-identified for a partner: pseudonyms, months, and every resident in a class of at least ` +
    `k = ${note.k} on community, participation and its months, join month, groups and their months, band of tie count, and months of leaving and returning. Residents ` +
    `generalised (privacy.generalised): ${steps.join('; ')}.`
  );
}

/** The note as GraphML graph attributes, named by their path in the JSON answers. */
export function privacyAttributes(note: PrivacyNote): [string, number][] {
  return [
    ['privacy.k', note.k],
    ...(Object.keys(STEP_WORDS) as Step[]).map(
      (step) => [`privacy.generalised.${step}`, note.generalised[step]] as [string, number],
    ),
  ];
}
