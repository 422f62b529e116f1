// GEXF 1.3 with time, so Gephi's timeline replays the network's growth: a resident's spell starts
// at joinedAt; a tie has one spell per period it held, [formed, ended) as in the time rule, cut to
// start when both its residents have joined, so no edge is ever there without its two nodes.
import type { ResidentRecord, TieHistory } from '../metrics/network.ts';
import type { Spell } from '../metrics/spells.ts';
import { xmlEscape } from './xml.ts';

const iso = (ms: number) => new Date(ms).toISOString();

/** A tie's spells from the moment both residents have joined; spells ended by then drop out. */
function clippedSpells(spells: readonly Spell[], bothJoinedMs: number): Spell[] {
  return spells.flatMap((s) => {
    if (s.toMs !== null && s.toMs <= bothJoinedMs) return [];
    return [{ fromMs: Math.max(s.fromMs, bothJoinedMs), toMs: s.toMs }];
  });
}

export function historyToGexf(
  project: { id: string; name: string },
  residents: readonly ResidentRecord[],
  ties: readonly TieHistory[],
): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gexf xmlns="http://gexf.net/1.3" version="1.3">',
    `  <meta><creator>peoplemap</creator><description>${xmlEscape(project.name)}</description></meta>`,
    '  <graph mode="dynamic" defaultedgetype="undirected" timeformat="datetime" timerepresentation="interval">',
    '    <attributes class="node">',
    '      <attribute id="community" title="community" type="string"/>',
    '      <attribute id="participant" title="participant" type="boolean"/>',
    '    </attributes>',
    '    <attributes class="edge">',
    '      <attribute id="kind" title="kind" type="string"/>',
    '    </attributes>',
    '    <nodes>',
  ];
  for (const r of residents) {
    lines.push(
      `      <node id="${xmlEscape(r.id)}" label="${xmlEscape(r.name ?? r.id)}">`,
      '        <attvalues>',
      `          <attvalue for="community" value="${xmlEscape(r.communityId ?? '')}"/>`,
      `          <attvalue for="participant" value="${r.participant}"/>`,
      '        </attvalues>',
      `        <spells><spell start="${iso(r.joinedAtMs)}"/></spells>`,
      '      </node>',
    );
  }
  lines.push('    </nodes>', '    <edges>');
  const joinedAt = new Map(residents.map((r) => [r.id, r.joinedAtMs]));
  for (const tie of ties) {
    const sourceJoined = joinedAt.get(tie.source);
    const targetJoined = joinedAt.get(tie.target);
    if (sourceJoined === undefined || targetJoined === undefined) continue;
    const spells = clippedSpells(tie.spells, Math.max(sourceJoined, targetJoined));
    if (spells.length === 0) continue;
    const id = xmlEscape(`${tie.source}|${tie.target}`);
    lines.push(
      `      <edge id="${id}" source="${xmlEscape(tie.source)}" target="${xmlEscape(tie.target)}" weight="${tie.weight}">`,
      `        <attvalues><attvalue for="kind" value="${xmlEscape(tie.kind ?? '')}"/></attvalues>`,
      '        <spells>',
      ...spells.map((s) =>
        s.toMs === null
          ? `          <spell start="${iso(s.fromMs)}"/>`
          : `          <spell start="${iso(s.fromMs)}" endopen="${iso(s.toMs)}"/>`,
      ),
      '        </spells>',
      '      </edge>',
    );
  }
  lines.push('    </edges>', '  </graph>', '</gexf>', '');
  return lines.join('\n');
}
