// The report's words: every definition opens with a plain sentence and keeps its formula apart,
// and every number the Report view tabulates has a label in words, never a field name.
import { readFile } from 'node:fs/promises';
import t from 'tap';
import {
  DEFINITIONS,
  HOW_COMPUTED,
  LABELS,
  SHARES,
  definitionText,
  splitDefinition,
  withPermutationTest,
} from '../../server/report-words.ts';
import { ReportBody } from '../../server/routes/report.ts';
import { GraphLevel } from '../../server/domain.ts';

const camelCase = /\b[a-z]+[A-Z][A-Za-z]*\b/;

t.test(
  'each definition is one plain sentence, then how it is computed, then its limits',
  async (t) => {
    for (const [name, definition] of Object.entries(DEFINITIONS)) {
      t.notMatch(definition.plain, camelCase, `${name}: no field names in the plain part`);
      t.notMatch(definition.computed, camelCase, `${name}: no field names in the formula either`);
      t.notMatch(definition.plain, /[±√Σ=·]|\(B|F\]/, `${name}: no formula in the plain part`);
      t.match(definition.plain, /^[A-Z].*[.]$/, `${name}: a sentence`);
      t.ok(definition.computed.length > 0, `${name}: a formula part`);
      t.match(definition.limits, /^[A-Z].*[.]$/, `${name}: what it cannot show, in sentences`);
      t.notMatch(definition.limits, camelCase, `${name}: no field names in the limits`);
      t.same(splitDefinition(definitionText(definition)), definition, `${name}: parted again`);
    }
    t.same(splitDefinition('Only words.'), { plain: 'Only words.', computed: '', limits: '' });
    t.match(definitionText(DEFINITIONS.involvement), ` ${HOW_COMPUTED} At moment M`);
    t.match(definitionText(DEFINITIONS.butterfly), / What it cannot show: It is observational/);
  },
);

t.test('the outcomes with a permutation p carry the permutation test’s definition', async (t) => {
  const { plain, computed, limits } = DEFINITIONS.withinPerson;
  const text = withPermutationTest(DEFINITIONS.withinPerson);
  t.ok(text.startsWith(`${plain} ${HOW_COMPUTED} ${computed} The permutation test:`));
  t.equal(splitDefinition(text).limits, limits, 'the limits stay last');
  t.match(text, /The permutation test: Residents in a network are not independent of each other/);
  t.match(splitDefinition(text).computed, /9,999 seeded random ones/);
  t.equal(splitDefinition(text).plain, DEFINITIONS.withinPerson.plain);
});

t.test('the wellbeing and butterfly cards have definitions of their own', async (t) => {
  t.not(DEFINITIONS.wellbeing.plain, DEFINITIONS.butterflyEffect.plain);
  t.match(DEFINITIONS.butterflyEffect.plain, /never reached/);
});

/** The fields of an object schema's shape whose values are numbers (or nullable numbers). */
function numericFields(shape: Record<string, { def?: { type?: string; innerType?: unknown } }>) {
  return Object.entries(shape)
    .filter(([key, schema]) => {
      let def = schema.def as { type?: string; innerType?: { def: unknown } } | undefined;
      while (def?.type === 'nullable' || def?.type === 'optional')
        def = def.innerType?.def as typeof def;
      return def?.type === 'number' && key !== 'n';
    })
    .map(([key]) => key);
}

t.test('every number the view tabulates has a label in words', async (t) => {
  const shape = ReportBody.shape;
  const fields = [
    ...Object.keys(GraphLevel),
    ...numericFields(shape.involvement.shape.baseline.shape),
    ...numericFields(shape.sustainability.shape),
    ...numericFields(shape.valueForMoney.shape),
    ...numericFields(shape.connections.shape.withinPerson.shape.all.shape),
    ...Object.keys(shape.connections.shape.withinPerson.shape).filter(
      (k) => k !== 'definition' && k !== 'permutation',
    ),
    'participants',
    'direct',
    'indirect',
    'unreached',
    ...numericFields(shape.butterfly.def.valueType.shape.participants.shape),
    ...numericFields(shape.butterfly.def.valueType.shape.attrition.shape.direct.shape),
    ...numericFields(shape.mixing.shape.baseline.def.valueType.shape),
    ...numericFields(shape.nameQuestion.shape.waves.element.shape),
    'adjusted',
    'hedgesG',
    'dz',
    'pHolm',
  ];
  t.ok(fields.length > 30, `${fields.length} fields`);
  for (const field of fields) {
    t.ok(LABELS[field], `${field} has a label`);
    t.notMatch(LABELS[field] ?? '', camelCase, `${field}: "${LABELS[field]}" is words`);
  }
  for (const share of SHARES) t.ok(fields.includes(share), `${share} is a field`);
});

t.test('docs/report.md gives every field the label the Report view shows', async (t) => {
  const docs = (await readFile(new URL('../../docs/report.md', import.meta.url), 'utf8')).replace(
    /\s+/g,
    ' ',
  );
  for (const [field, words] of Object.entries(LABELS)) {
    t.ok(docs.includes(`\`${field}\``), `${field} is documented`);
    t.ok(docs.includes(words), `"${words}" is documented`);
  }
});
