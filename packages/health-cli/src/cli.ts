import { runCli } from './run-cli.js';

// exitCode rather than process.exit(), so output piped to another process is fully flushed.
process.exitCode = await runCli(process.argv.slice(2), {
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
});
