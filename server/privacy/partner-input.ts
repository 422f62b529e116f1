// What a partner with the network grant reads, in the order it is made (docs/privacy.md): the
// residents as k-anonymity releases them (generalise.ts), pseudonyms for residents, events and
// groups (partner-view.ts), every time at the start of its month (monthly.ts), and every list in
// the order of its pseudonyms.
import type { Spell } from '../metrics/spells.ts';
import type { Group } from '../store/groups.ts';
import type { GroupLayerInput, HistoryInput, MomentInput, ReplayInput } from '../store/network.ts';
import {
  generaliseRecord,
  generaliseResident,
  keptMemberships,
  type Generalisation,
} from './generalise.ts';
import { monthlyHistory, monthlyMoment, monthlyReplay, monthlySpells } from './monthly.ts';
import {
  byPseudonym,
  pseudonymise,
  pseudonymiseGroups,
  pseudonymiseSegments,
} from './partner-view.ts';
import type { Pseudonyms } from './pseudonyms.ts';

/** A partner's input as k-anonymity releases it: generalised residents, memberships kept. */
function generalised<T extends ReplayInput & { memberships?: GroupLayerInput['memberships'] }>(
  input: T,
  k: Generalisation,
): T {
  const out = {
    ...input,
    records: input.records.map((r) => generaliseRecord(r, k)),
    residents: input.residents.map((r) => generaliseResident(r, k)),
  };
  return input.memberships ? { ...out, memberships: keptMemberships(input.memberships, k) } : out;
}

export const partnerReplay = <T extends ReplayInput>(
  whole: T,
  names: Pseudonyms,
  k: Generalisation,
): T =>
  byPseudonym(monthlyReplay(pseudonymise(generalised(whole, k), names), whole.project.timeZone));

export function partnerHistory(
  whole: HistoryInput,
  names: Pseudonyms,
  k: Generalisation,
): HistoryInput {
  const kept = generalised(whole, k);
  const seen = {
    ...kept,
    ...pseudonymise(kept, names),
    groups: pseudonymiseGroups(whole.groups, names),
  };
  return byPseudonym(monthlyHistory(seen, whole.project.timeZone));
}

export function partnerMoment(
  input: MomentInput,
  names: Pseudonyms,
  k: Generalisation,
  timeZone: string,
): MomentInput {
  const records = input.records.map((r) => generaliseRecord(r, k));
  const seen = {
    records: pseudonymise({ records }, names).records,
    segments: pseudonymiseSegments(input.segments, names),
  };
  return byPseudonym(monthlyMoment(seen, timeZone));
}

export function partnerLayerAt(
  layer: { groups: Group[]; memberships: { resident: string; group: string; spells: Spell[] }[] },
  names: Pseudonyms,
  k: Generalisation,
  timeZone: string,
) {
  const memberships = keptMemberships(layer.memberships, k).map((m) => ({
    ...m,
    resident: names.of(m.resident),
    group: names.group(m.group),
  }));
  return {
    groups: byPseudonym({ groups: pseudonymiseGroups(layer.groups, names) }).groups,
    memberships: byPseudonym({ memberships: monthlySpells(memberships, timeZone) }).memberships,
  };
}
