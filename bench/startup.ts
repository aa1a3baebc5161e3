/**
 * Cold `npm start` to ready: spawns the product on a fresh embedded data directory, polls the
 * gateway's /ready, and prints the seconds it took and the process's resident memory.
 *   node bench/startup.ts
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

const dataDir = await mkdtemp(path.join(tmpdir(), 'plantgraph-bench-'));
const port = 4600 + Math.floor(Math.random() * 200);
const started = performance.now();
const child = spawn(process.execPath, ['scripts/start.ts'], {
  env: {
    ...process.env,
    PGLITE_DATA_DIR: dataDir,
    GATEWAY_PORT: String(port),
    ERP_PORT: '0',
    MES_PORT: '0',
    QUALITY_PORT: '0',
    GENEALOGY_PORT: '0',
    LOG_LEVEL: 'warn',
  },
  stdio: ['ignore', 'ignore', 'inherit'],
});

async function ready(): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/ready`)).ok;
  } catch {
    return false;
  }
}

const deadline = Date.now() + 180_000;
while (!(await ready())) {
  if (Date.now() > deadline || child.exitCode !== null)
    throw new Error('the stack did not become ready');
  await new Promise((resolve) => setTimeout(resolve, 100));
}
const seconds = (performance.now() - started) / 1000;
const status = await readFile(`/proc/${child.pid}/status`, 'utf8');
const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
console.log(
  JSON.stringify({
    bench: 'cold npm start to ready (fresh embedded data directory, demo data loaded)',
    seconds: Number(seconds.toFixed(2)),
    residentMemoryMiB: Number((rssKb / 1024).toFixed(1)),
  }),
);
child.kill('SIGTERM');
await new Promise((resolve) => child.once('exit', resolve));
await rm(dataDir, { recursive: true, force: true });
