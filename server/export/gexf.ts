// GEXF 1.3 with time, so Gephi's timeline replays the network's growth: a resident's spells are
// their presence (from joinedAt, ended by a leave, again from a return) and `participant` is true
// during their participation, false outside it; a tie has one spell per period it held, [formed,
// ended) as in the time rule, while both its residents are present, so no edge is ever there
// without its two nodes.
// A tie carries its strength (1–3, higher is closer) and distance (1/strength) as attributes; GEXF's
// own `weight` is the strength: Gephi reads it as how strongly two residents pull together.
// A partner's file says how it was de-identified in its <meta>, and a resident whose participation
// is not shown to them has no `participant` value (unknown, not false).
import type { TieHistory } from '../metrics/network.ts';
import type { Spell } from '../metrics/spells.ts';
import type { PrivacyNote } from '../privacy/generalise.ts';
import { privacyWords } from './privacy-note.ts';
import { xmlEscape } from './xml.ts';
import {
  participationSpells,
  presenceSpells,
  tieInNetwork,
  type ResidentRecord,
} from '../metrics/moment.ts';

const iso = (ms: number) => new Date(ms).toISOString();

/** A spell's bounds as GEXF writes them: end-open, no end while it holds. */
const bounds = (s: Spell) =>
  s.toMs === null
    ? `start="${iso(s.fromMs)}"`
    : `start="${iso(s.fromMs)}" endopen="${iso(s.toMs)}"`;

const spellTag = (s: Spell) => `<spell ${bounds(s)}/>`;

/** A resident's `participant` values: true in each participation spell, false between them. */
function participation(spells: readonly Spell[]): string[] {
  const value = (v: boolean, attributes: string) =>
    `          <attvalue for="participant" value="${v}"${attributes}/>`;
  const since = (ms: number | null) => (ms === null ? '' : ` start="${iso(ms)}"`);
  const lines: string[] = [];
  let notFrom: number | null = null; // false from here (null: from the beginning)
  for (const spell of spells) {
    if (notFrom === null || notFrom < spell.fromMs)
      lines.push(value(false, `${since(notFrom)} endopen="${iso(spell.fromMs)}"`));
    lines.push(value(true, ` ${bounds(spell)}`));
    if (spell.toMs === null) return lines;
    notFrom = spell.toMs;
  }
  lines.push(value(false, since(notFrom)));
  return lines;
}

export function historyToGexf(
  project: { id: string; name: string },
  residents: readonly ResidentRecord[],
  ties: readonly TieHistory[],
  privacy: PrivacyNote | null,
): string {
  const description = privacy ? `${project.name}. ${privacyWords(privacy)}` : project.name;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gexf xmlns="http://gexf.net/1.3" version="1.3">',
    `  <meta><creator>peoplemap</creator><description>${xmlEscape(description)}</description></meta>`,
    '  <graph mode="dynamic" defaultedgetype="undirected" timeformat="datetime" timerepresentation="interval">',
    '    <attributes class="node" mode="dynamic">',
    '      <attribute id="community" title="community" type="string"/>',
    '      <attribute id="participant" title="participant" type="boolean"/>',
    '    </attributes>',
    '    <attributes class="edge">',
    '      <attribute id="kind" title="kind" type="string"/>',
    '      <attribute id="strength" title="strength" type="double"/>',
    '      <attribute id="distance" title="distance" type="double"/>',
    '    </attributes>',
    '    <nodes>',
  ];
  for (const r of residents) {
    lines.push(
      `      <node id="${xmlEscape(r.id)}" label="${xmlEscape(r.name ?? r.id)}">`,
      '        <attvalues>',
      `          <attvalue for="community" value="${xmlEscape(r.communityId ?? '')}"/>`,
      ...(r.shown?.participant === false ? [] : participation(participationSpells(r))),
      '        </attvalues>',
      `        <spells>${presenceSpells(r).map(spellTag).join('')}</spells>`,
      '      </node>',
    );
  }
  lines.push('    </nodes>', '    <edges>');
  const byId = new Map(residents.map((r) => [r.id, r]));
  for (const tie of ties) {
    const source = byId.get(tie.source);
    const target = byId.get(tie.target);
    if (source === undefined || target === undefined) continue;
    const spells = tieInNetwork(tie.spells, source, target);
    if (spells.length === 0) continue;
    const id = xmlEscape(`${tie.source}|${tie.target}`);
    lines.push(
      `      <edge id="${id}" source="${xmlEscape(tie.source)}" target="${xmlEscape(tie.target)}" weight="${tie.weight}">`,
      '        <attvalues>',
      `          <attvalue for="kind" value="${xmlEscape(tie.kind ?? '')}"/>`,
      `          <attvalue for="strength" value="${tie.weight}"/>`,
      `          <attvalue for="distance" value="${1 / tie.weight}"/>`,
      '        </attvalues>',
      '        <spells>',
      ...spells.map((s) => `          ${spellTag(s)}`),
      '        </spells>',
      '      </edge>',
    );
  }
  lines.push('    </edges>', '  </graph>', '</gexf>', '');
  return lines.join('\n');
}
