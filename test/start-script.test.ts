import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { postGraphql } from './support/graphql-client.ts';

const REPO = fileURLToPath(new URL('../', import.meta.url));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

interface Started {
  readonly child: ChildProcess;
  readonly url: string;
  readonly output: () => string;
}

async function start(env: Record<string, string>, args: string[] = []): Promise<Started> {
  const port = await freePort();
  let output = '';
  const child = spawn(process.execPath, ['scripts/start.ts', ...args], {
    cwd: REPO,
    env: {
      ...process.env,
      DATABASE_URL: '',
      GATEWAY_PORT: String(port),
      ERP_PORT: '0',
      MES_PORT: '0',
      QUALITY_PORT: '0',
      GENEALOGY_PORT: '0',
      ...env,
    },
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`start exited early:\n${output}`);
    const ready = await fetch(`http://127.0.0.1:${port}/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) throw new Error(`not ready in time:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { child, url: `http://127.0.0.1:${port}/graphql`, output: () => output };
}

async function stop({ child }: Started): Promise<number | null> {
  child.kill('SIGTERM');
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

function exitOf(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    let stderr = '';
    const child = spawn(process.execPath, ['scripts/start.ts'], {
      cwd: REPO,
      env: { ...process.env, ...env },
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) => resolve({ code, stderr }));
  });
}

const PLANTS = '{ plants { code } }';

describe('npm start on the embedded default', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'plantgraph-start-'));
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('serves the demo data, keeps it across a restart, and starts empty-then-seeded after --reset', async () => {
    const first = await start({ PGLITE_DATA_DIR: dataDir });
    const plants = await postGraphql<{ plants: { code: string }[] }>(first.url, PLANTS);
    expect(plants.data?.plants.length).toBeGreaterThanOrEqual(2);
    expect(first.output()).toContain('demo data loaded');
    expect(await stop(first)).toBe(0);

    const second = await start({ PGLITE_DATA_DIR: dataDir });
    const again = await postGraphql<{ plants: unknown[] }>(second.url, PLANTS);
    // The errors go along, so a failure says why the plants are missing.
    expect({ plants: again.data?.plants, errors: again.errors }).toEqual({
      plants: plants.data?.plants,
      errors: undefined,
    });
    expect(second.output()).not.toContain('demo data loaded');
    expect(await stop(second)).toBe(0);

    const third = await start({ PGLITE_DATA_DIR: dataDir }, ['--reset']);
    expect(third.output()).toContain('demo data loaded');
    expect(await stop(third)).toBe(0);
  }, 240_000);

  it('refuses a malformed variable with one line naming it', async () => {
    const { code, stderr } = await exitOf({ GATEWAY_PORT: 'eighty' });
    expect(code).toBe(1);
    expect(stderr.trim()).toBe(
      'plantgraph: configuration error: GATEWAY_PORT must be a TCP port between 0 and 65535, got "eighty"',
    );
  });
});
