/** The CLI run in this process (no build needed), its output captured. */
import type { CliIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/program.js';

export interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runInProcess(argv: string[]): Promise<Captured> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { out: (t) => void (stdout += t), err: (t) => void (stderr += t), env: {}, isTty: false };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}
