/** `gpu-market validate <scenario>`: load and check a scenario without running it. */
import { EXIT, type ExitCode } from './exitCodes.js';
import type { CliIo } from './io.js';
import { loadForRun } from './loadForRun.js';

export interface ValidateOptions {
  set: string[];
}

export function validateCommand(file: string, options: ValidateOptions, io: CliIo): ExitCode {
  const s = loadForRun(file, options.set);
  const n = s.generations.length;
  io.out(`ok: ${file} (${s.name}, ${s.start} to ${s.end}, ${n} generation${n === 1 ? '' : 's'})\n`);
  return EXIT.OK;
}
