// `npm start` logs JSON lines when its output is collected (a pipe) and readable lines on a
// terminal (pino-pretty); the terminal is a pseudo-terminal made by util-linux `script`.
import t from 'tap';
import { spawn } from 'node:child_process';
import { ADMIN_KEY, TEST_SECRETS } from '../helpers/server.ts';

const startCommand = 'node --import tsx scripts/start.ts';

/** Runs `npm start`'s script on a free port against the tests' Neo4j until it has logged that it
 * listens and printed its links, stops it with SIGTERM and returns everything it wrote to stdout. */
function runStart(viaTerminal: boolean): Promise<string> {
  const { LOG_FORMAT: _chosenByStart, ...inherited } = process.env;
  // the tests' own Neo4j (NEO4J_URI): a start there needs its secrets set
  const env = {
    ...inherited,
    ...TEST_SECRETS,
    PEOPLEMAP_ADMIN_KEY: ADMIN_KEY,
    PORT: '0',
    LOG_LEVEL: 'info',
  };
  const child = viaTerminal
    ? spawn('script', ['-qfec', startCommand, '/dev/null'], { env, detached: true })
    : spawn('node', ['--import', 'tsx', 'scripts/start.ts'], { env, detached: true });
  let out = '';
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => {
      process.kill(-child.pid!, 'SIGKILL');
      fail(new Error(`no listening line and links within 120 s:\n${out}`));
    }, 120_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      // the links come last, but pretty lines pass through a worker thread: wait for both
      if (out.includes('Stop with Ctrl-C') && out.includes('Server listening'))
        process.kill(-child.pid!, 'SIGTERM');
    });
    child.on('exit', () => {
      clearTimeout(timer);
      ok(out);
    });
  });
}

const logLines = (out: string) =>
  out
    .split(/\r?\n/)
    .filter((line) => /Server listening/.test(line))
    .map((line) => line.replace(/\u001b\[[0-9;]*m/g, ''));

t.test('with its output in a pipe, npm start logs one JSON object per line', async (t) => {
  const lines = logLines(await runStart(false));
  t.equal(lines.length > 0, true, 'the listening line is logged');
  for (const line of lines) {
    const entry = JSON.parse(line) as { level: number; msg: string };
    t.equal(entry.level, 30);
    t.match(entry.msg, /^Server listening at http:\/\/127\.0\.0\.1:\d+$/);
  }
});

t.test('on a terminal, npm start logs readable lines', async (t) => {
  const lines = logLines(await runStart(true));
  t.equal(lines.length > 0, true, 'the listening line is logged');
  for (const line of lines) {
    t.match(
      line,
      /^\[\d{2}:\d{2}:\d{2}(\.\d{3})?\] INFO: Server listening at http:\/\/127\.0\.0\.1:\d+/,
    );
  }
});
