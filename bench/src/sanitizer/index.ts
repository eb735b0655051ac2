// Benchmark: pino plain vs pino with four redact paths vs pino with @ctwa/log-sanitizer, on the
// same records and lines, written to the same null destination; then the slowest 1 MB
// adversarial input. Run after `npm run build`: `npm run bench:sanitizer -w bench`.
//
// Time is process CPU time (user + system), not wall time: on a shared machine other processes
// stretch wall time at random, while the CPU this process spends per line stays comparable.
import { createSanitizer } from '@ctwa/log-sanitizer';
import { pinoSanitizerOptions } from '@ctwa/log-sanitizer/pino';
import pino, { type Logger } from 'pino';
import { adversarialInputs } from './adversarial.js';
import { lineCorpus, requestLogRecord } from './workload.js';

const RECORDS = 10_000;
const ROUNDS = 15;
const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  '*.token',
];

interface Config {
  readonly name: string;
  readonly logger: Logger;
}

function makeConfigs(): Config[] {
  const destination = () => pino.destination({ dest: '/dev/null', sync: true });
  const sanitizer = pinoSanitizerOptions();
  return [
    { name: 'pino plain', logger: pino({}, destination()) },
    { name: 'pino redact (4 paths)', logger: pino({ redact: REDACT_PATHS }, destination()) },
    { name: 'pino + log-sanitizer', logger: pino({ ...pinoSanitizerOptions() }, destination()) },
    // Where the time goes: each pass of the sanitizer alone. Neither is safe to ship by itself.
    {
      name: '  object pass only',
      logger: pino({ hooks: { logMethod: sanitizer.hooks.logMethod } }, destination()),
    },
    {
      name: '  line pass only',
      logger: pino({ hooks: { streamWrite: sanitizer.hooks.streamWrite } }, destination()),
    },
  ];
}

/** Milliseconds of CPU time this process spends running `work`. */
function cpuTime(work: () => void): number {
  const start = process.cpuUsage();
  work();
  const spent = process.cpuUsage(start);
  return (spent.user + spent.system) / 1000;
}

function timeRecords(logger: Logger, records: readonly Record<string, unknown>[]): number {
  return cpuTime(() => {
    for (const record of records) logger.info(record, 'request completed');
  });
}

function timeLines(logger: Logger, lines: readonly string[]): number {
  return cpuTime(() => {
    for (const line of lines) logger.info(line);
  });
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Rounds interleave the configurations so drift on a shared machine hits all of them alike. */
function measure(configs: readonly Config[], run: (logger: Logger) => number, count: number) {
  const samples = new Map(configs.map((config) => [config.name, [] as number[]]));
  for (const config of configs) run(config.logger);
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const config of configs) samples.get(config.name)?.push(run(config.logger));
  }
  return configs.map((config) => ({
    name: config.name,
    linesPerSecond: count / (median(samples.get(config.name) ?? []) / 1000),
  }));
}

function report(title: string, results: ReturnType<typeof measure>): void {
  const baseline = results[0]?.linesPerSecond ?? Number.NaN;
  const redact = results[1]?.linesPerSecond ?? Number.NaN;
  console.log(`\n${title}`);
  for (const result of results) {
    const lines = Math.round(result.linesPerSecond).toLocaleString('en-US').padStart(10);
    const vsPlain = (result.linesPerSecond / baseline).toFixed(2);
    const vsRedact = (result.linesPerSecond / redact).toFixed(2);
    console.log(
      `  ${result.name.padEnd(24)} ${lines} lines/CPU-s  ${vsPlain}x plain  ${vsRedact}x redact`,
    );
  }
}

function worstAdversarial(): void {
  const sanitizer = createSanitizer({ pii: true });
  const timings = adversarialInputs.map(([name, text]) => {
    sanitizer.sanitizeString(text);
    const samples = [0, 1, 2].map(() => cpuTime(() => sanitizer.sanitizeString(text)));
    return { name, ms: median(samples) };
  });
  timings.sort((left, right) => right.ms - left.ms);
  console.log('\n1 MB adversarial inputs, sanitizeString with pii: true (CPU ms, median of 3)');
  for (const timing of timings)
    console.log(`  ${timing.name.padEnd(40)} ${timing.ms.toFixed(2)} ms`);
  console.log(`  worst: ${timings[0]?.name} ${timings[0]?.ms.toFixed(2)} ms (goal < 20 ms)`);
}

function main(): void {
  const records = Array.from({ length: RECORDS }, (_, index) => requestLogRecord(index));
  const lines = Array.from(
    { length: RECORDS },
    (_, index) => lineCorpus[index % lineCorpus.length] ?? '',
  );
  const configs = makeConfigs();

  console.log(
    `node ${process.version}, ${RECORDS} lines per round, median of ${ROUNDS} interleaved rounds, CPU time`,
  );
  report(
    'request-log records',
    measure(configs, (logger) => timeRecords(logger, records), RECORDS),
  );
  report(
    'line-heavy string corpus',
    measure(configs, (logger) => timeLines(logger, lines), RECORDS),
  );
  worstAdversarial();
}

main();
