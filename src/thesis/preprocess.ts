/**
 * The first pass over a claim's text, before mathjs sees it. mathjs would read `2025-01` as a
 * subtraction, `probe.irr` as property access and `spotRent@2025-06` as a syntax error, so this
 * tokenizer replaces each variable (`peakRent`, `probe.irr`, `spotRent@2025-06`), each month range
 * of a metric (`spotRent@2025-01..2025-12`) and each month (`2025-01`) by a generated symbol, `$v0`,
 * `$v1`, …, bound to what it stands for. Everything else is copied as written, so that whatever is
 * not allowed reaches the syntax-tree check and is rejected there by name. A range is bound here
 * like any variable; where it may stand (only as the argument of an aggregate) is the check's
 * business, since only the syntax tree knows what encloses it.
 *
 * Generated symbols start with `$`, a character a claim may not contain, so a claim can never
 * name one of them itself.
 */
import { monthOffset } from '../model/calendar.js';
import { metricNames, metricVariable, outcomeVariable, parseVariable, UnknownVariable, type MetricVariable, type Variable } from '../analysis/variables.js';

/** Longest claim text accepted, in characters: checked before any parsing. */
export const MAX_EXPRESSION_LENGTH = 2000;
/** Deepest nesting of brackets accepted: mathjs parses recursively and would exhaust the stack. */
export const MAX_NESTING = 32;

/** What a claim is evaluated against: the scenario's months and generations. */
export interface ExpressionContext {
  /** The scenario's first month, YYYY-MM: months in a claim count from it. */
  start: string;
  /** Every month of the scenario, YYYY-MM, in order. */
  months: readonly string[];
  /** Generation names, for the per-generation metrics (`installedGpus_H100@2025-01`). */
  generations: readonly string[];
}

/** A claim that cannot be evaluated; the message says why, in the claim author's terms. */
export class ExpressionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExpressionError';
  }
}

export type Binding =
  | { kind: 'variable'; source: string; variable: Variable }
  /** A month written YYYY-MM, standing for its index from the scenario start. */
  | { kind: 'month'; source: string; index: number }
  /** A metric over consecutive months, `spotRent@2025-01..2025-12`: one variable per month, in order. */
  | { kind: 'range'; source: string; variables: MetricVariable[] };

export interface Preprocessed {
  /** The text mathjs parses. */
  text: string;
  /** bindings[i] is what the symbol `$v<i>` stands for. */
  bindings: Binding[];
  /** Maps a 0-based offset in `text` to the 0-based offset in the claim as written. */
  sourceOffset: (offset: number) => number;
}

export const symbolFor = (i: number): string => `$v${i}`;
const SYMBOL = /^\$v(\d+)$/;

/** The binding index of a generated symbol, or -1 for any other name. */
export function bindingIndex(name: string): number {
  const m = SYMBOL.exec(name);
  return m ? Number(m[1]) : -1;
}

const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*/y;
const MONTH_LIKE = /(\d{4})-(\d{1,2})(?![A-Za-z0-9_.])/y;
// A decimal point never takes the first dot of "..", so that `1..5` reaches the range checks
// below rather than mathjs, which would read it as `1. .5`.
const NUMBER = /0[xXbBoO][0-9A-Fa-f]+|(?:\d+(?:\.(?!\.)\d*)?|\.\d+)(?:[eE][+-]?\d+)?/y;
const AT_MONTH = /\s*@\s*(\d{4}-\d{2})(?![A-Za-z0-9_.])/y;
// A third month after a second ".." is left to the check for a stray "..", which says so.
const AT_RANGE = /\s*@\s*(\d{4}-\d{2})\s*\.\.\s*(\d{4}-\d{2})(?![A-Za-z0-9_]|\.(?!\.))/y;
/** The start of a range whose end is not a month, for a message better than mathjs's. */
const AT_RANGE_START = /\s*@\s*(\d{4}-\d{2})\s*\.\./y;
/** Months joined by ".." with no metric before them: mathjs would read a subtraction and decimals. */
const BARE_RANGE = /\d{4}-\d{1,2}\s*\.\./y;
/** Words mathjs reads as operators or constants: never variables. */
const WORDS = new Set(['and', 'or', 'not', 'xor', 'mod', 'to', 'in', 'true', 'false', 'null', 'undefined']);
/** A four-digit year in this range followed by -MM is read as a month, not a subtraction. */
const MONTH_YEARS = { min: 1900, max: 2199 };

function stickyMatch(re: RegExp, text: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(text);
}

/**
 * Replaces variables, month ranges and months in `expr` by generated symbols. Throws
 * ExpressionError for text no claim can mean: a character outside printable ASCII or a `$`, a month
 * that is not one (`2025-13`), an `@` without a month, an unknown metric or dotted outcome name, a
 * range that ends before it starts or leaves the scenario's months, a `..` that does not join two
 * months after a metric, too much nesting.
 */
export function preprocess(expr: string, ctx: ExpressionContext): Preprocessed {
  if (expr.length > MAX_EXPRESSION_LENGTH) {
    throw new ExpressionError(`the expression has ${expr.length} characters, more than the ${MAX_EXPRESSION_LENGTH} allowed`);
  }
  let out = '';
  const bindings: Binding[] = [];
  const byKey = new Map<string, number>();
  // Pairs (offset in out, offset in expr) at the start of each copied or replaced piece.
  const marks: [number, number][] = [];
  const emit = (text: string, from: number) => {
    marks.push([out.length, from]);
    out += text;
  };
  const bind = (key: string, binding: Binding, from: number) => {
    let i = byKey.get(key);
    if (i === undefined) {
      i = bindings.length;
      bindings.push(binding);
      byKey.set(key, i);
    }
    emit(` ${symbolFor(i)} `, from);
  };
  let depth = 0;
  let i = 0;
  while (i < expr.length) {
    const c = expr[i];
    const at = `at character ${i + 1}`;
    if (c === '$' || !/^[\x20-\x7e\t\r\n]$/.test(c)) {
      throw new ExpressionError(`unexpected character ${JSON.stringify(c)} ${at}`);
    }
    if (/\s/.test(c)) {
      // Line breaks become spaces: mathjs would read them as separate statements, and a long
      // claim may well be written over several lines of a YAML block.
      emit(' ', i);
      i++;
      continue;
    }
    if (c === '"' || c === "'") {
      // Copied whole so that nothing inside is taken for a variable; the check rejects strings.
      let j = i + 1;
      while (j < expr.length && expr[j] !== c) j += expr[j] === '\\' ? 2 : 1;
      emit(expr.slice(i, j + 1), i);
      i = j + 1;
      continue;
    }
    if (c === '.' && expr[i + 1] === '.') {
      throw new ExpressionError(`".." ${at} joins the two months of a range after a metric, as in mean(${exampleRange(ctx)})`);
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(expr[i + 1] ?? ''))) {
      if (stickyMatch(BARE_RANGE, expr, i)) {
        throw new ExpressionError(`the month range ${at} needs a metric before it, as in mean(${exampleRange(ctx)})`);
      }
      const month = stickyMatch(MONTH_LIKE, expr, i);
      const year = month ? Number(month[1]) : NaN;
      if (month && year >= MONTH_YEARS.min && year <= MONTH_YEARS.max) {
        if (!/^(0[1-9]|1[0-2])$/.test(month[2])) {
          throw new ExpressionError(`${JSON.stringify(month[0])} ${at} is not a month: write months as YYYY-MM (01 to 12), or put spaces around "-" for a subtraction`);
        }
        bind(`month:${month[0]}`, { kind: 'month', source: month[0], index: monthOffset(ctx.start, month[0]) }, i);
        i += month[0].length;
        continue;
      }
      const num = stickyMatch(NUMBER, expr, i)!;
      emit(num[0], i);
      i += num[0].length;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      const name = stickyMatch(IDENTIFIER, expr, i)![0];
      const after = i + name.length;
      const range = stickyMatch(AT_RANGE, expr, after);
      if (range) {
        const binding = rangeBinding(name, range[1], range[2], ctx);
        bind(`range:${binding.source}`, binding, i);
        i = after + range[0].length;
        continue;
      }
      const rangeStart = stickyMatch(AT_RANGE_START, expr, after);
      if (rangeStart) {
        throw new ExpressionError(`expected a month as YYYY-MM after "${name}@${rangeStart[1]}.." ${at}, as in mean(${exampleRange(ctx, name)})`);
      }
      const atMonth = stickyMatch(AT_MONTH, expr, after);
      if (atMonth) {
        const source = `${name}@${atMonth[1]}`;
        bind(`metric:${source}`, { kind: 'variable', source, variable: variableOrThrow(source, ctx) }, i);
        i = after + atMonth[0].length;
        continue;
      }
      if (/^\s*@/.test(expr.slice(after, after + 40))) {
        throw new ExpressionError(`expected a month as YYYY-MM after "${name}@" ${at}, for example ${name}@${ctx.months[ctx.months.length - 1] ?? '2025-06'}`);
      }
      const known = knownOutcome(name);
      if (known && !/^\s*\(/.test(expr.slice(after, after + 40))) {
        bind(`outcome:${known.name}`, { kind: 'variable', source: name, variable: known }, i);
      } else if (name.includes('.') && name.startsWith('probe.')) {
        // A misspelt probe outcome would otherwise reach the check as property access.
        variableOrThrow(name, ctx);
      } else {
        emit(name, i);
      }
      i = after;
      continue;
    }
    if ((c === '&' && expr[i + 1] === '&') || (c === '|' && expr[i + 1] === '|')) {
      emit(c === '&' ? ' and ' : ' or ', i);
      i += 2;
      continue;
    }
    if (c === '!' && expr[i + 1] !== '=') {
      emit(' not ', i);
      i++;
      continue;
    }
    if (c === '@') throw new ExpressionError(`"@" ${at} must follow a metric name, as in spotRent@2025-06`);
    if (c === '(' || c === '[' || c === '{') {
      depth++;
      if (depth > MAX_NESTING) throw new ExpressionError(`brackets nested more than ${MAX_NESTING} deep ${at}`);
    } else if (c === ')' || c === ']' || c === '}') {
      depth = Math.max(0, depth - 1);
    }
    emit(c, i);
    i++;
  }
  const sourceOffset = (offset: number): number => {
    let lo = 0;
    let hi = marks.length - 1;
    if (hi < 0) return 0;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (marks[mid][0] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return marks[lo][1];
  };
  return { text: out, bindings, sourceOffset };
}

function knownOutcome(name: string): Variable | undefined {
  if (WORDS.has(name)) return undefined;
  try {
    return outcomeVariable(name);
  } catch (err) {
    if (err instanceof UnknownVariable) return undefined;
    throw err;
  }
}

/**
 * The metric `name` in every month from `from` to `to`, both included. Each end is read as a
 * plain `metric@month` term would be, so an unknown metric or a month outside the scenario gets
 * the same message as there.
 */
function rangeBinding(name: string, from: string, to: string, ctx: ExpressionContext): Binding & { kind: 'range' } {
  const source = `${name}@${from}..${to}`;
  variableOrThrow(`${name}@${from}`, ctx);
  variableOrThrow(`${name}@${to}`, ctx);
  const start = ctx.months.indexOf(from);
  const end = ctx.months.indexOf(to);
  if (end < start) throw new ExpressionError(`the range ${source} ends before it starts: write the earlier month first, as in ${name}@${to}..${from}`);
  const variables = ctx.months.slice(start, end + 1).map((month) => metricVariable(name, month, ctx.months, ctx.generations));
  return { kind: 'range', source, variables };
}

/** A range valid in this scenario, for messages: its first twelve months (fewer if it is shorter). */
export function exampleRange(ctx: ExpressionContext, metric = 'spotRent'): string {
  const months = ctx.months.length > 0 ? ctx.months : ['2025-01', '2025-12'];
  return `${metric}@${months[0]}..${months[Math.min(11, months.length - 1)]}`;
}

function variableOrThrow(text: string, ctx: ExpressionContext): Variable {
  try {
    return parseVariable(text, ctx.months, ctx.generations);
  } catch (err) {
    if (err instanceof UnknownVariable) throw new ExpressionError(err.message);
    throw err;
  }
}

/**
 * Why `name`, left as a plain symbol, is not a variable: a metric needs a month, anything else
 * gets the closest outcome names.
 */
export function unknownNameMessage(name: string, ctx: ExpressionContext): string {
  if (metricNames(ctx.generations).includes(name)) {
    return `${name} is a monthly metric: name a month, as in ${name}@${ctx.months[Math.min(ctx.months.length - 1, 12)] ?? '2025-06'}`;
  }
  try {
    outcomeVariable(name);
  } catch (err) {
    if (err instanceof UnknownVariable) return err.message.replace(/^unknown outcome/, 'unknown variable');
    throw err;
  }
  return `unknown variable ${JSON.stringify(name)}`;
}
