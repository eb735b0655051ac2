import { runCli } from './run-cli.js';

// A reader that stops early, as in `meta-health --json | head -1`, is no failure of ours.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

// exitCode rather than process.exit(), so output piped to another process is fully flushed.
process.exitCode = await runCli(process.argv.slice(2), {
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
});
