#!/usr/bin/env node
/** Entry point of the `gpu-market` command (package.json "bin" points at the built dist/cli/main.js). */
import { runCli } from './program.js';

// Output piped into `head` and the like: stop quietly when the reader goes away.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

process.exitCode = await runCli(process.argv.slice(2), {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
  env: process.env,
  isTty: process.stderr.isTTY === true,
});
