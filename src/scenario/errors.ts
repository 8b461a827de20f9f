import { oneLine } from './oneLine.js';

export interface ScenarioErrorInfo {
  /** The scenario file as the user named it, or the `--set …` text an override came from. */
  file: string;
  /** 1-based; absent when the problem has no place in a file (unreadable file, a `--set`). */
  line?: number;
  column?: number;
  /** Dotted path to the offending field, e.g. `generations[1].perfRatio`; empty for the whole file. */
  path: string;
  expected: string;
  found: string;
  /**
   * Free text used instead of "expected …, found …" when the problem is not about a value
   * (the file cannot be read, the YAML does not parse). `expected`/`found` are still filled so
   * that callers handling the structured fields do not need a special case.
   */
  problem?: string;
}

/**
 * Every way a scenario can fail to load ends in this error, so the CLI can print `format()` and
 * exit without a stack trace: scenario authors are not programmers debugging the loader, and one
 * line with file:line:col is what editors and terminals turn into a clickable location.
 */
export class ScenarioError extends Error {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  readonly path: string;
  readonly expected: string;
  readonly found: string;
  readonly problem?: string;

  constructor(info: ScenarioErrorInfo) {
    super('');
    this.name = 'ScenarioError';
    this.file = info.file;
    this.line = info.line;
    this.column = info.column;
    this.path = info.path;
    this.expected = info.expected;
    this.found = info.found;
    this.problem = info.problem;
    // Set after the fields exist so that `String(err)` and uncaught-error output show the same
    // line the CLI would print.
    this.message = this.format();
  }

  /** `file[:line:col]: [path: ]expected X, found Y` (or the problem text), always one line. */
  format(): string {
    const where = this.line === undefined ? this.file : `${this.file}:${this.line}:${this.column ?? 1}`;
    const body = this.problem ?? `expected ${this.expected}, found ${this.found}`;
    const parts = [where, this.path, body].filter((p) => p !== '');
    return oneLine(parts.join(': '));
  }
}
