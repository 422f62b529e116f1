// `npm start` with no secrets set, as a newcomer runs it: the secrets are made once and kept beside
// the data, so a restart keeps an erasure refused, issued keys working, a partner's pseudonyms and
// the map link; a start with another hash secret is refused; `npm run rotate-secrets` re-keys the
// tombstones so erasures hold after it.
import t from 'tap';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../scripts/local-neo4j.ts';
import { csv, multipart } from '../helpers/upload.ts';

const parent = mkdtempSync(join(tmpdir(), 'peoplemap-restart-'));
// as in a fresh clone, where `.data/` does not exist yet
const dataDir = join(parent, '.data', 'neo4j');
const secretsFile = `${dataDir}.secrets.json`;
const DEMO_ID = 'resilient-together';

/** The environment of a newcomer's shell: no secrets, no NEO4J_URI, this test's data directory. */
async function newcomerEnv(extra: Record<string, string> = {}): Promise<NodeJS.ProcessEnv> {
  const {
    NEO4J_URI: _uri,
    NEO4J_USER: _user,
    NEO4J_PASSWORD: _password,
    PEOPLEMAP_ADMIN_KEY: _admin,
    PEOPLEMAP_HASH_SECRET: _hash,
    PEOPLEMAP_PSEUDONYM_SECRET: _pseudonym,
    LOG_FORMAT: _format,
    ...inherited
  } = process.env;
  return {
    ...inherited,
    PORT: '0',
    LOG_LEVEL: 'warn',
    PEOPLEMAP_DATA_DIR: dataDir,
    NEO4J_LOCAL_PORT: String(await freePort()),
    ...extra,
  };
}

interface Started {
  out: string;
  baseUrl: string;
  stop(): Promise<void>;
}

/** Runs `npm start`'s script until it prints its links; `stop` sends Ctrl-C's SIGINT and waits. */
async function start(extra: Record<string, string> = {}, args: string[] = []): Promise<Started> {
  const child = spawn('node', ['--import', 'tsx', 'scripts/start.ts', ...args], {
    env: await newcomerEnv(extra),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<number | null>((ok) => child.on('exit', (code) => ok(code)));
  await new Promise<void>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`no links within 180 s:\n${out}`)), 180_000);
    const read = (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('Stop with Ctrl-C')) {
        clearTimeout(timer);
        ok();
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    void exited.then((code) => {
      clearTimeout(timer);
      fail(new Error(`npm start exited (${code}):\n${out}`));
    });
  });
  const baseUrl = /API:\s+(http:\/\/[^/\s]+)/.exec(out)![1];
  return {
    out,
    baseUrl,
    stop: async () => {
      child.kill('SIGINT');
      await exited;
    },
  };
}

/** Runs a start that must be refused; returns its exit code and everything it printed. */
async function refusedStart(extra: Record<string, string>) {
  const result = spawnSync('node', ['--import', 'tsx', 'scripts/start.ts'], {
    env: await newcomerEnv(extra),
    encoding: 'utf8',
    timeout: 180_000,
  });
  return { code: result.status, out: result.stdout + result.stderr };
}

const keptAdminKey = () =>
  (JSON.parse(readFileSync(secretsFile, 'utf8')) as { PEOPLEMAP_ADMIN_KEY: string })
    .PEOPLEMAP_ADMIN_KEY;

async function call(baseUrl: string, key: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${baseUrl}/api/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${key}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
  };
}

/** The three ways an erased id could come back: as a resident, in events, in a sheet. */
async function erasedIdAnswers(baseUrl: string, key: string): Promise<(number | string)[]> {
  const resident = await call(baseUrl, key, 'POST', `/projects/${DEMO_ID}/residents`, {
    id: 'erin',
    name: 'Erin Again',
  });
  const events = await call(baseUrl, key, 'POST', `/projects/${DEMO_ID}/events`, {
    id: `tie-${Date.now()}`,
    type: 'connection',
    from: 'erin',
    to: 'kate',
    at: '2025-02-01T10:00:00Z',
  });
  const form = multipart([csv('residents.csv', ['id,name', 'erin,Erin Again'])]);
  const sheet = await fetch(`${baseUrl}/api/v1/projects/${DEMO_ID}/import`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, ...form.headers },
    body: new Uint8Array(form.payload),
  });
  // a sheet is refused as a whole (its dry-run report, a 400), naming the erasure
  const report = await sheet.text();
  return [resident.status, events.status, /erased/.test(report) ? sheet.status : report];
}

/** The partner's pseudonyms of the residents: the node keys of the network it reads (the grant). */
async function pseudonyms(baseUrl: string, partnerKey: string): Promise<string[]> {
  const graph = await call(baseUrl, partnerKey, 'GET', `/projects/${DEMO_ID}/graph`);
  return ((graph.body.nodes ?? []) as { key: string }[]).map((n) => n.key).sort();
}

/** The map link's key (the port changes from start to start). */
const mapLink = (out: string) => /The map:\s+\S+&key=(\S+)/.exec(out)?.[1];

// five starts of a real Neo4j, on a machine other work shares
t.setTimeout(900_000);
t.teardown(() => rmSync(parent, { recursive: true, force: true }));

t.test('a restart with no secrets set keeps what the first start made', async (t) => {
  const first = await start();
  t.match(
    first.out,
    /made PEOPLEMAP_ADMIN_KEY, PEOPLEMAP_HASH_SECRET, PEOPLEMAP_PSEUDONYM_SECRET once/,
  );
  t.equal((statSync(secretsFile).mode & 0o777).toString(8), '600', 'the secrets file is 0600');
  const adminKey = keptAdminKey();
  t.match(first.out, `Admin key: ${adminKey}`, 'a just-made admin key is printed once');
  const { baseUrl } = first;
  t.equal(
    (await call(baseUrl, adminKey, 'POST', '/projects', { id: DEMO_ID, name: 'Demo' })).status,
    201,
  );
  // six left after Erin's erasure, alike in everything a partner sees: a class of more than k = 5
  const residents = ['erin', 'kate', 'lena', 'nia', 'owen', 'pia', 'quinn'].map((id) => ({
    id,
    name: id.toUpperCase(),
    consent: 'given',
    joinedAt: '2025-01-15T10:00:00Z',
  }));
  t.equal(
    (await call(baseUrl, adminKey, 'POST', `/projects/${DEMO_ID}/residents`, { residents })).status,
    201,
  );
  t.equal(
    (await call(baseUrl, adminKey, 'DELETE', `/projects/${DEMO_ID}/residents/erin`)).status,
    204,
  );
  const partner = await call(baseUrl, adminKey, 'POST', '/keys', {
    role: 'partner',
    projects: [DEMO_ID],
    name: 'council',
    network: true,
  });
  const partnerKey = partner.body.key as string;
  const before = await pseudonyms(baseUrl, partnerKey);
  t.equal(before.length, 6, 'the partner sees the six residents left');
  t.same(await erasedIdAnswers(baseUrl, adminKey), [409, 409, 400], 'erased before the restart');
  await first.stop();

  const second = await start();
  t.notMatch(second.out, adminKey, 'a kept admin key is not printed again');
  t.match(second.out, /Admin key: kept in .*neo4j\.secrets\.json/);
  t.same(await erasedIdAnswers(second.baseUrl, adminKey), [409, 409, 400], 'still erased after it');
  t.equal(
    (await call(second.baseUrl, partnerKey, 'GET', '/me')).status,
    200,
    'an issued key works',
  );
  t.same(
    await pseudonyms(second.baseUrl, partnerKey),
    before,
    "the partner's pseudonyms are the same",
  );
  t.ok(mapLink(second.out), 'with the project there, a map link is printed');
  t.match(second.out, /kept across restarts until the key is revoked/);
  await second.stop();

  const shown = await start({}, ['--show-admin-key']);
  t.match(shown.out, `Admin key: ${adminKey}`, '--show-admin-key prints the kept key');
  t.equal(mapLink(shown.out), mapLink(second.out), 'the map link is the one printed before');
  await shown.stop();
});

t.test('a start with another hash secret on the same data refuses to serve', async (t) => {
  const { code, out } = await refusedStart({ PEOPLEMAP_HASH_SECRET: 'x'.repeat(40) });
  t.equal(code, 1);
  t.match(out, /PEOPLEMAP_HASH_SECRET is not the secret this database was written with/);
  t.match(out, /erased residents' ids would be accepted again/);
  t.notMatch(out, /Server listening/);
});

t.test('a start with another pseudonym secret on the same data refuses to serve', async (t) => {
  const { code, out } = await refusedStart({ PEOPLEMAP_PSEUDONYM_SECRET: 'y'.repeat(40) });
  t.equal(code, 1);
  t.match(out, /PEOPLEMAP_PSEUDONYM_SECRET is not the secret this database was served with/);
});

t.test('after rotate-secrets the erasure still holds and the old secret is refused', async (t) => {
  const oldHash = (JSON.parse(readFileSync(secretsFile, 'utf8')) as Record<string, string>)
    .PEOPLEMAP_HASH_SECRET;
  const rotated = spawnSync(
    'node',
    ['--import', 'tsx', 'scripts/rotate-secrets.ts', '--hash-secret'],
    { env: await newcomerEnv(), encoding: 'utf8', timeout: 180_000 },
  );
  t.equal(rotated.status, 0, rotated.stderr);
  t.match(rotated.stdout, /1 tombstone\(s\) re-keyed/);
  const newHash = (JSON.parse(readFileSync(secretsFile, 'utf8')) as Record<string, string>)
    .PEOPLEMAP_HASH_SECRET;
  t.not(newHash, oldHash, 'the file holds the new hash secret');

  const after = await start();
  t.same(await erasedIdAnswers(after.baseUrl, keptAdminKey()), [409, 409, 400]);
  const fresh = await call(
    after.baseUrl,
    keptAdminKey(),
    'POST',
    `/projects/${DEMO_ID}/residents`,
    {
      id: 'mo',
      name: 'Mo',
    },
  );
  t.equal(fresh.status, 201, 'ids never erased are still accepted');
  await after.stop();
  const old = await refusedStart({ PEOPLEMAP_HASH_SECRET: oldHash });
  t.equal(old.code, 1, 'the secret from before the rotation is refused');
});

t.test('with your own Neo4j and no secrets set, npm start names the variables', async (t) => {
  const { code, out } = await refusedStart({ NEO4J_URI: 'bolt://127.0.0.1:1' });
  t.equal(code, 1);
  t.match(out, /set PEOPLEMAP_ADMIN_KEY, PEOPLEMAP_HASH_SECRET, PEOPLEMAP_PSEUDONYM_SECRET/);
});
