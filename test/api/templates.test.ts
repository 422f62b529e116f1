// New projects from a template: `POST /projects {template: "abcd-programme"}` starts with the ABCD
// group kinds in words, a community temperature instrument beside the built-in WEMWBS, and the
// facilitator's guide's consent script, written with the project in one transaction.
import t from 'tap';
import { readFileSync } from 'node:fs';
import { measure } from '../helpers/events.ts';
import { auth, createProject, testApp, uniqueProject } from '../helpers/server.ts';

/** The guide's consent script as a reader copies it: the quoted lines, paragraphs kept apart. */
const GUIDE = readFileSync(new URL('../../docs/guide.md', import.meta.url), 'utf8');
const QUOTED = GUIDE.slice(GUIDE.indexOf('## The consent script'))
  .split('\n## ')[0]
  .split('\n')
  .filter((line) => line.startsWith('>'));

t.test('a project from the ABCD programme template', async (t) => {
  const app = await testApp(t);
  const p = uniqueProject('abcd');
  const created = await app.inject({
    method: 'POST',
    url: '/api/v1/projects',
    headers: auth,
    payload: { id: p, name: 'Resilient Streets', template: 'abcd-programme' },
  });
  t.equal(created.statusCode, 201, created.body);
  const project = (await app.inject({ url: `/api/v1/projects/${p}`, headers: auth })).json();

  t.test('says which template it started from and has the six kinds in words', async (t) => {
    t.equal(project.template, 'abcd-programme');
    t.same(
      project.groupKinds.map((k: { kind: string }) => k.kind),
      ['association', 'institution', 'space', 'business', 'informal', 'activity'],
    );
    for (const k of project.groupKinds) t.ok(k.description.length > 20, `${k.kind} in words`);
  });

  t.test('plans two measurement waves, baseline then follow-up', async (t) => {
    t.same(project.waves, ['baseline', 'follow-up']);
  });

  t.test('carries the guide’s consent script word for word', async (t) => {
    t.ok(QUOTED.length > 5, 'the guide has a quoted script');
    const words = (text: string) => text.replace(/^>\s?/gm, '').split(/\s+/).filter(Boolean);
    t.same(words(project.consentText), words(QUOTED.join('\n')));
    t.equal(project.consentText.split('\n\n').length, 3, 'its three paragraphs kept apart');
    t.match(project.consentText, /withdrawn: from that moment you, and every connection/);
  });

  t.test('has a community temperature (1–10) beside WEMWBS', async (t) => {
    const { instruments } = (
      await app.inject({ url: `/api/v1/projects/${p}/instruments`, headers: auth })
    ).json() as { instruments: { id: string; min: number; max: number; builtIn: boolean }[] };
    t.match(
      instruments.find((i) => i.id === 'temperature'),
      { min: 1, max: 10, builtIn: false },
    );
    t.match(
      instruments.find((i) => i.id === 'WEMWBS'),
      { min: 14, max: 70, builtIn: true },
    );
  });

  t.test('takes temperature scores within its range only', async (t) => {
    const send = (score: number, id: string) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/projects/${p}/events`,
        headers: auth,
        payload: measure(id, 'ann', '2025-03-01T10:00:00Z', score, { instrument: 'temperature' }),
      });
    await app.inject({
      method: 'POST',
      url: `/api/v1/projects/${p}/residents`,
      headers: auth,
      payload: { id: 'ann', name: 'Ann' },
    });
    t.equal((await send(7, 'warm')).statusCode, 201);
    const hot = await send(11, 'too-hot');
    t.equal(hot.statusCode, 400);
    t.equal(hot.json().details[0].path, 'score');
  });

  t.test('its consent text can be changed for the programme', async (t) => {
    const patched = await app.inject({
      method: 'PATCH',
      url: `/api/v1/projects/${p}`,
      headers: auth,
      payload: { consentText: 'Our own words.' },
    });
    t.equal(patched.statusCode, 200);
    t.equal(patched.json().consentText, 'Our own words.');
    t.equal(patched.json().template, 'abcd-programme', 'the rest is kept');
  });
});

t.test('a project without a template starts with nothing of one', async (t) => {
  const app = await testApp(t);
  const p = uniqueProject('plain');
  await createProject(app, p);
  const project = (await app.inject({ url: `/api/v1/projects/${p}`, headers: auth })).json();
  t.match(project, { template: null, consentText: null, groupKinds: [], waves: [] });
  const { instruments } = (
    await app.inject({ url: `/api/v1/projects/${p}/instruments`, headers: auth })
  ).json() as { instruments: { builtIn: boolean }[] };
  t.ok(
    instruments.every((i) => i.builtIn),
    'only the built-ins',
  );
});

t.test('an unknown template is a 400 naming template, and nothing is made', async (t) => {
  const app = await testApp(t);
  const p = uniqueProject('unknown-template');
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/projects',
    headers: auth,
    payload: { id: p, name: 'Nope', template: 'kitchen-sink' },
  });
  t.equal(response.statusCode, 400);
  t.equal(response.json().details[0].path, 'template');
  const after = await app.inject({ url: `/api/v1/projects/${p}`, headers: auth });
  t.equal(after.statusCode, 404);
});

t.test('a second project with the same id is a 409 and adds no second instrument', async (t) => {
  const app = await testApp(t);
  const p = uniqueProject('abcd-twice');
  const create = () =>
    app.inject({
      method: 'POST',
      url: '/api/v1/projects',
      headers: auth,
      payload: { id: p, name: 'Twice', template: 'abcd-programme' },
    });
  t.equal((await create()).statusCode, 201);
  t.equal((await create()).statusCode, 409);
  const { instruments } = (
    await app.inject({ url: `/api/v1/projects/${p}/instruments`, headers: auth })
  ).json() as { instruments: { id: string }[] };
  t.equal(instruments.filter((i) => i.id === 'temperature').length, 1);
});
