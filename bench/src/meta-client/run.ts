import { execFileSync, fork } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import {
  type Contender,
  facebookSdk,
  ourClient,
  rawUndici,
  rawUndiciDispatch,
} from './contenders.js';

const READERS = 20;
const CONNECTIONS = 20;
const WARMUP_MS = 500;
const MEASURE_MS = Number(process.env.BENCH_MEASURE_MS ?? 1_500);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const EXPECTED_CAMPAIGN = 'Implantes dentales - Mensajes WhatsApp - CABA';

/** Starts the fake Graph server in a child process and resolves with its loopback base URL. */
async function startFakeGraph() {
  const serverFile = fileURLToPath(new URL('./fake-graph-server.ts', import.meta.url));
  const child = fork(serverFile, [], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (message) => resolve((message as { port: number }).port));
    child.once('error', reject);
  });
  return { baseUrl: `http://127.0.0.1:${port}`, stop: () => child.disconnect() };
}

interface Sample {
  readsPerSecond: number;
  /** CPU time this process spent per read: robust to other load on the machine. */
  cpuMicrosPerRead: number;
}

/** Runs READERS concurrent loops for `durationMs`; measures throughput and CPU cost per read. */
async function measure(contender: Contender, durationMs: number): Promise<Sample> {
  const stopAt = performance.now() + durationMs;
  let reads = 0;
  const reader = async () => {
    while (performance.now() < stopAt) {
      const campaign = await contender.read();
      if (campaign !== EXPECTED_CAMPAIGN)
        throw new Error(`${contender.name} read ${String(campaign)}`);
      reads += 1;
    }
  };
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  await Promise.all(Array.from({ length: READERS }, reader));
  const cpu = process.cpuUsage(cpuBefore);
  return {
    readsPerSecond: reads / ((performance.now() - started) / 1000),
    cpuMicrosPerRead: (cpu.user + cpu.system) / reads,
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function packedSize(): { size: number; unpackedSize: number; files: number } {
  const packageDir = fileURLToPath(new URL('../../../packages/meta-ads-client', import.meta.url));
  const output = execFileSync('npm', ['pack', '--dry-run', '--json'], {
    cwd: packageDir,
    encoding: 'utf8',
  });
  const [info] = JSON.parse(output) as { size: number; unpackedSize: number; entryCount: number }[];
  if (!info) throw new Error('npm pack --dry-run printed no package');
  return { size: info.size, unpackedSize: info.unpackedSize, files: info.entryCount };
}

async function main() {
  const graph = await startFakeGraph();
  const contenders = [
    rawUndici(graph.baseUrl, CONNECTIONS),
    rawUndiciDispatch(graph.baseUrl, CONNECTIONS),
    ourClient(graph.baseUrl, CONNECTIONS),
    ourClient(graph.baseUrl, CONNECTIONS, 'bench-app-secret'),
    facebookSdk(graph.baseUrl),
  ];
  const samples = new Map<Contender, Sample[]>(contenders.map((contender) => [contender, []]));

  try {
    for (const contender of contenders) await measure(contender, WARMUP_MS);
    // Rounds interleave the contenders so drift on the machine hits all of them alike.
    for (let round = 0; round < ROUNDS; round++) {
      for (const contender of contenders)
        samples.get(contender)?.push(await measure(contender, MEASURE_MS));
    }
  } finally {
    await Promise.all(contenders.map((contender) => contender.close()));
    graph.stop();
  }
  report(contenders, samples);
}

/** Per-round ratios of one contender against a baseline, so drift between rounds cancels out. */
function ratios(
  runs: readonly Sample[],
  baseline: readonly Sample[],
  of: (sample: Sample) => number,
) {
  return runs.map((run, round) => of(run) / (baseline[round] ? of(baseline[round]) : Number.NaN));
}

function report(contenders: readonly Contender[], samples: ReadonlyMap<Contender, Sample[]>) {
  const byRequest = samples.get(contenders[0] as Contender) ?? [];
  const byDispatch = samples.get(contenders[1] as Contender) ?? [];
  console.log(
    `meta-client bench: ${READERS} concurrent readers, one loopback fake Graph (separate process,`,
  );
  console.log(
    `usage header changing on every answer), same ad, ${ROUNDS} rounds x ${MEASURE_MS} ms, Node ${process.version}, load ${loadAverage()}`,
  );
  console.log(
    'ratios are medians of per-round ratios; "req" = raw request(), "disp" = raw dispatch()\n',
  );
  console.log(
    `${'contender'.padEnd(46)}${'reads/s'.padStart(8)}${'vs req'.padStart(8)}${'vs disp'.padStart(9)}${'(range)'.padStart(12)}${'CPU us/read'.padStart(13)}${'vs disp'.padStart(9)}`,
  );
  for (const contender of contenders) {
    const runs = samples.get(contender) ?? [];
    const readsPerSecond = (sample: Sample) => sample.readsPerSecond;
    const vsRequest = ratios(runs, byRequest, readsPerSecond);
    const vsDispatch = ratios(runs, byDispatch, readsPerSecond);
    const cost = ratios(runs, byDispatch, (sample) => sample.cpuMicrosPerRead);
    const range = `${Math.min(...vsDispatch).toFixed(2)}-${Math.max(...vsDispatch).toFixed(2)}`;
    console.log(
      contender.name.padEnd(46) +
        median(runs.map(readsPerSecond)).toFixed(0).padStart(8) +
        `${median(vsRequest).toFixed(2)}x`.padStart(8) +
        `${median(vsDispatch).toFixed(2)}x`.padStart(9) +
        range.padStart(12) +
        median(runs.map((run) => run.cpuMicrosPerRead))
          .toFixed(1)
          .padStart(13) +
        `${median(cost).toFixed(2)}x`.padStart(9),
    );
  }
  const pack = packedSize();
  console.log(
    `\n@ctwa/meta-ads-client npm pack --dry-run: ${(pack.size / 1024).toFixed(1)} KB packed, ${(pack.unpackedSize / 1024).toFixed(1)} KB unpacked, ${pack.files} files`,
  );
}

function loadAverage(): string {
  return loadavg()
    .map((value) => value.toFixed(1))
    .join(' ');
}

await main();
