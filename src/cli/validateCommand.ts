/** `gpu-market validate <scenario>`: load and check a scenario without running it. */
import { loadScenarioWithFiles, resolvedYaml } from '../scenario/index.js';
import { EXIT, type ExitCode } from './exitCodes.js';
import type { CliIo } from './io.js';
import { loadForRun } from './loadForRun.js';

export interface ValidateOptions {
  set: string[];
  /** Print the scenario as a run uses it instead of the one-line verdict. */
  resolved?: boolean;
}

export function validateCommand(file: string, options: ValidateOptions, io: CliIo): ExitCode {
  if (options.resolved) {
    io.out(resolvedYaml(loadScenarioWithFiles(file, options.set), options.set.length > 0));
    return EXIT.OK;
  }
  const s = loadForRun(file, options.set);
  const n = s.generations.length;
  io.out(`ok: ${file} (${s.name}, ${s.start} to ${s.end}, ${n} generation${n === 1 ? '' : 's'})\n`);
  return EXIT.OK;
}
