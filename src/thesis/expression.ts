/**
 * A claim's expression: parsed by mathjs (`parse` only: nothing of mathjs ever evaluates a claim),
 * checked node by node against an allow-list, and turned into a small typed tree that
 * `evaluateExpr` walks. Allowed: numbers, `true`/`false`, known variables, + - * / ^ and unary
 * minus and plus, < <= > >= == != (also chained, `a < b < c`), and / or / not (also && || !),
 * `c ? a : b`, parentheses, the functions min, max, abs, log, exp, sqrt, and the aggregates mean,
 * min, max, first, last, sum over a month range, `mean(spotRent@2025-01..2025-12)`. Everything
 * else (assignments, function definitions, property access, indexing, lists, objects, strings,
 * mathjs ranges `1:3`, a month range anywhere but as the one argument of an aggregate, several
 * statements, any other function or name) is rejected with a message naming it.
 *
 * Semantics, per run:
 * - A month-valued variable (`redOnset`, `peakMonth`, `probe.payback`) is a month index from the
 *   scenario start; a month written `2025-01` is the same kind of index. A run without that month
 *   (no red-ocean onset, a probe that never pays back) reads +Infinity, "never": `redOnset <=
 *   2025-01` is false and `redOnset > 2026-01` true for it.
 * - Any other missing value (no probe IRR) reads NaN: arithmetic carries it, and every comparison
 *   with it is false, `!=` included. So `probe.irr > 0.15` and `probe.irr <= 0.15` are both false
 *   for a run without an IRR, while `not (probe.irr > 0.15)` is true.
 * - `==` is exact equality of the two numbers.
 * - An aggregate reads the metric in every month of its range, both ends included; a month
 *   without a value makes the aggregate NaN, like any other missing number (first and last only
 *   read their own month).
 * - Types are checked before any run: arithmetic and comparisons take numbers, and / or / not and
 *   the condition of `?:` take true/false, and the claim as a whole must be true or false.
 */
import { parse } from 'mathjs';
import type { AccessorNode, ConditionalNode, ConstantNode, FunctionNode, MathNode, ParenthesisNode, RelationalNode, SymbolNode } from 'mathjs';
import type { Variable } from '../analysis/variables.js';
import { bindingIndex, exampleRange, ExpressionError, preprocess, unknownNameMessage, type Binding, type ExpressionContext } from './preprocess.js';

/** Most nodes a claim's syntax tree may have. */
export const MAX_NODES = 1000;
/** Deepest a claim's syntax tree may be. */
export const MAX_DEPTH = 100;

export type ArithmeticOp = '+' | '-' | '*' | '/' | '^';
export type ComparisonOp = '<' | '<=' | '>' | '>=' | '==' | '!=';
export type FunctionName = 'min' | 'max' | 'abs' | 'log' | 'exp' | 'sqrt';
export type AggregateName = 'mean' | 'min' | 'max' | 'first' | 'last' | 'sum';

/** The checked tree. `slot` indexes `CompiledExpression.variables`. */
export type Expr =
  | { k: 'number'; value: number }
  | { k: 'boolean'; value: boolean }
  | { k: 'variable'; slot: number }
  | { k: 'negate'; arg: Expr }
  | { k: 'arithmetic'; op: ArithmeticOp; left: Expr; right: Expr }
  | { k: 'compare'; op: ComparisonOp; left: Expr; right: Expr }
  | { k: 'and' | 'or'; left: Expr; right: Expr }
  | { k: 'not'; arg: Expr }
  | { k: 'call'; fn: FunctionName; args: Expr[] }
  /** Over a month range: `slots` are its months' variables, in month order. */
  | { k: 'aggregate'; fn: AggregateName; slots: number[] }
  | { k: 'if'; condition: Expr; then: Expr; otherwise: Expr };

type Type = 'number' | 'boolean';

/** mathjs's OperatorNode, without the generic parameters that make its fields hard to read. */
type Operator = MathNode & { fn: string; op: string; args: MathNode[]; implicit: boolean };

export interface CompiledExpression {
  /** The claim as written. */
  text: string;
  /** The variables it reads, each once, in order of first appearance. */
  variables: Variable[];
  /** Whether each variable is a month (missing reads +Infinity) rather than a number (NaN). */
  monthValued: boolean[];
  tree: Expr;
}

const ARITHMETIC: Readonly<Record<string, ArithmeticOp>> = { add: '+', subtract: '-', multiply: '*', divide: '/', pow: '^' };
const COMPARISON: Readonly<Record<string, ComparisonOp>> = {
  smaller: '<',
  smallerEq: '<=',
  larger: '>',
  largerEq: '>=',
  equal: '==',
  unequal: '!=',
};
/** Allowed functions and how many arguments each takes ([min, max]). */
const FUNCTIONS: Readonly<Record<FunctionName, [number, number]>> = {
  min: [1, 100],
  max: [1, 100],
  abs: [1, 1],
  log: [1, 2],
  exp: [1, 1],
  sqrt: [1, 1],
};
/** Functions of one month range; min and max also take plain numbers (FUNCTIONS). */
const AGGREGATES: readonly AggregateName[] = ['mean', 'min', 'max', 'first', 'last', 'sum'];
const FUNCTION_LIST = [...new Set([...Object.keys(FUNCTIONS), ...AGGREGATES])].join(', ');
const AGGREGATE_LIST = `${AGGREGATES.slice(0, -1).join(', ')} or ${AGGREGATES[AGGREGATES.length - 1]}`;

const isAggregate = (name: string): name is AggregateName => (AGGREGATES as readonly string[]).includes(name);

/**
 * Parses and checks `text`; throws ExpressionError with a message for the claim's author when it
 * is not an allowed expression that is true or false.
 */
export function compileExpression(text: string, ctx: ExpressionContext): CompiledExpression {
  const pre = preprocess(text, ctx);
  if (pre.text.trim() === '') throw new ExpressionError('the expression is empty');
  let root: MathNode;
  try {
    root = parse(pre.text);
  } catch (err) {
    if (err instanceof RangeError) throw new ExpressionError('the expression is nested too deeply');
    const message = err instanceof Error ? err.message : String(err);
    // mathjs counts characters in the text it was given (1-based); the author's text is what matters.
    const where = message.replace(/\(char (\d+)\)/, (_, n: string) => `(at character ${pre.sourceOffset(Number(n) - 1) + 1})`);
    throw new ExpressionError(`cannot parse the expression: ${where}`);
  }
  return new Checker(pre.bindings, ctx, text).compile(root);
}

class Checker {
  private nodes = 0;
  /** Slot per variable key, so that a month named both alone and in a range is read once. */
  private readonly slots = new Map<string, number>();
  readonly variables: Variable[] = [];
  readonly monthValued: boolean[] = [];

  constructor(
    private readonly bindings: readonly Binding[],
    private readonly ctx: ExpressionContext,
    private readonly text: string,
  ) {}

  compile(root: MathNode): CompiledExpression {
    const { expr, type } = this.check(root, 0);
    if (type !== 'boolean') {
      throw new ExpressionError(`the expression gives a number, not true or false: compare it with something, as in ${this.text.trim()} > 0`);
    }
    return { text: this.text, variables: this.variables, monthValued: this.monthValued, tree: expr };
  }

  /** The node as the author wrote it (generated symbols put back), for messages. */
  private show(node: MathNode): string {
    const text = node.toString().replace(/\$v(\d+)/g, (m, i: string) => this.bindings[Number(i)]?.source ?? m);
    return JSON.stringify(text.length > 60 ? `${text.slice(0, 59)}…` : text);
  }

  private check(node: MathNode, depth: number): { expr: Expr; type: Type } {
    if (++this.nodes > MAX_NODES) throw new ExpressionError(`the expression has more than ${MAX_NODES} parts`);
    if (depth > MAX_DEPTH) throw new ExpressionError(`the expression is nested more than ${MAX_DEPTH} levels deep`);
    const d = depth + 1;
    switch (node.type) {
      case 'ConstantNode': {
        const v: unknown = (node as ConstantNode<string | number | boolean | null | undefined>).value;
        if (typeof v === 'number') return { expr: { k: 'number', value: v }, type: 'number' };
        if (typeof v === 'boolean') return { expr: { k: 'boolean', value: v }, type: 'boolean' };
        if (typeof v === 'string') throw new ExpressionError(`text ${this.show(node)} is not allowed: a claim compares numbers`);
        throw new ExpressionError(`the constant ${this.show(node)} is not allowed`);
      }
      case 'SymbolNode':
        return this.symbol(node as SymbolNode);
      case 'ParenthesisNode':
        return this.check((node as ParenthesisNode).content, d);
      case 'OperatorNode':
        return this.operator(node as unknown as Operator, d);
      case 'RelationalNode':
        return this.relational(node as RelationalNode, d);
      case 'ConditionalNode': {
        const n = node as ConditionalNode;
        const condition = this.expect(n.condition, 'boolean', 'the condition before "?"', d);
        const then = this.check(n.trueExpr, d);
        const otherwise = this.check(n.falseExpr, d);
        if (then.type !== otherwise.type) {
          throw new ExpressionError(`both branches of ${this.show(node)} must be numbers, or both true/false`);
        }
        return { expr: { k: 'if', condition, then: then.expr, otherwise: otherwise.expr }, type: then.type };
      }
      case 'FunctionNode':
        return this.call(node as FunctionNode, d);
      case 'AccessorNode': {
        const dot = (node as AccessorNode).index?.dotNotation === true;
        throw new ExpressionError(`${dot ? 'property access' : 'indexing'} ${this.show(node)} is not allowed`);
      }
      case 'IndexNode':
        throw new ExpressionError(`indexing ${this.show(node)} is not allowed`);
      case 'AssignmentNode':
        throw new ExpressionError(`assignment ${this.show(node)} is not allowed: a claim only reads values`);
      case 'FunctionAssignmentNode':
        throw new ExpressionError(`function definition ${this.show(node)} is not allowed`);
      case 'ArrayNode':
        throw new ExpressionError(`a list ${this.show(node)} is not allowed`);
      case 'ObjectNode':
        throw new ExpressionError(`an object ${this.show(node)} is not allowed`);
      case 'RangeNode':
        throw new ExpressionError(`a range ${this.show(node)} is not allowed`);
      case 'BlockNode':
        throw new ExpressionError(`several statements ${this.show(node)} are not allowed: write one expression`);
      default:
        throw new ExpressionError(`${node.type} ${this.show(node)} is not allowed`);
    }
  }

  private expect(node: MathNode, type: Type, what: string, depth: number): Expr {
    const r = this.check(node, depth);
    if (r.type !== type) {
      throw new ExpressionError(`${what} (${this.show(node)}) must be ${type === 'number' ? 'a number' : 'true or false'}`);
    }
    return r.expr;
  }

  private symbol(node: SymbolNode): { expr: Expr; type: Type } {
    const i = bindingIndex(node.name);
    const binding = i >= 0 ? this.bindings[i] : undefined;
    if (!binding) throw new ExpressionError(unknownNameMessage(node.name, this.ctx));
    if (binding.kind === 'month') return { expr: { k: 'number', value: binding.index }, type: 'number' };
    if (binding.kind === 'range') {
      // Reached only when the range is not the argument of an aggregate: call() takes those first.
      throw new ExpressionError(`the month range ${JSON.stringify(binding.source)} is allowed only as the one argument of ${AGGREGATE_LIST}, as in mean(${binding.source})`);
    }
    return { expr: { k: 'variable', slot: this.slotOf(binding.variable) }, type: 'number' };
  }

  private slotOf(variable: Variable): number {
    const key = variable.kind === 'outcome' ? `outcome:${variable.name}` : `metric:${variable.name}@${variable.month}`;
    let slot = this.slots.get(key);
    if (slot === undefined) {
      slot = this.variables.length;
      this.variables.push(variable);
      this.monthValued.push(variable.kind === 'outcome' && variable.unit === 'month');
      this.slots.set(key, slot);
    }
    return slot;
  }

  /** The month range `node` stands for, parentheses aside, or undefined if it is not one. */
  private rangeOf(node: MathNode): (Binding & { kind: 'range' }) | undefined {
    let n = node;
    while (n.type === 'ParenthesisNode') n = (n as ParenthesisNode).content;
    if (n.type !== 'SymbolNode') return undefined;
    const binding = this.bindings[bindingIndex((n as SymbolNode).name)];
    return binding?.kind === 'range' ? binding : undefined;
  }

  private operator(node: Operator, d: number): { expr: Expr; type: Type } {
    const { fn, args } = node;
    const operand = (k: 0 | 1 | 2) => `the ${['left operand', 'right operand', 'operand'][k]} of "${node.op}"`;
    if (fn === 'multiply' && node.implicit) {
      throw new ExpressionError(`implicit multiplication ${this.show(node)} is not allowed: write * between the factors`);
    }
    if (fn in ARITHMETIC && args.length === 2) {
      const left = this.expect(args[0], 'number', operand(0), d);
      const right = this.expect(args[1], 'number', operand(1), d);
      return { expr: { k: 'arithmetic', op: ARITHMETIC[fn], left, right }, type: 'number' };
    }
    if ((fn === 'unaryMinus' || fn === 'unaryPlus') && args.length === 1) {
      const arg = this.expect(args[0], 'number', operand(2), d);
      return { expr: fn === 'unaryMinus' ? { k: 'negate', arg } : arg, type: 'number' };
    }
    if (fn in COMPARISON && args.length === 2) {
      const left = this.expect(args[0], 'number', operand(0), d);
      const right = this.expect(args[1], 'number', operand(1), d);
      return { expr: { k: 'compare', op: COMPARISON[fn], left, right }, type: 'boolean' };
    }
    if ((fn === 'and' || fn === 'or') && args.length === 2) {
      const left = this.expect(args[0], 'boolean', operand(0), d);
      const right = this.expect(args[1], 'boolean', operand(1), d);
      return { expr: { k: fn, left, right }, type: 'boolean' };
    }
    if (fn === 'not' && args.length === 1) {
      return { expr: { k: 'not', arg: this.expect(args[0], 'boolean', operand(2), d) }, type: 'boolean' };
    }
    if (fn === 'factorial') throw new ExpressionError(`the factorial ${this.show(node)} is not allowed`);
    throw new ExpressionError(`the operator "${node.op}" (${fn}) in ${this.show(node)} is not allowed`);
  }

  private relational(node: RelationalNode, d: number): { expr: Expr; type: Type } {
    // a < b <= c means a < b and b <= c; b is evaluated once per comparison, which is harmless
    // because evaluation has no side effects.
    const params = node.params.map((p, k) => this.expect(p, 'number', `a term of the comparison ${k + 1}`, d));
    let expr: Expr | undefined;
    node.conditionals.forEach((fn, k) => {
      const op = Object.hasOwn(COMPARISON, fn) ? COMPARISON[fn] : undefined;
      if (!op) throw new ExpressionError(`the comparison ${fn} in ${this.show(node)} is not allowed`);
      const cmp: Expr = { k: 'compare', op, left: params[k], right: params[k + 1] };
      expr = expr ? { k: 'and', left: expr, right: cmp } : cmp;
    });
    if (!expr) throw new ExpressionError(`an empty comparison ${this.show(node)}`);
    return { expr, type: 'boolean' };
  }

  private call(node: FunctionNode, d: number): { expr: Expr; type: Type } {
    const fnNode = node.fn as unknown as MathNode;
    if (fnNode.type !== 'SymbolNode') throw new ExpressionError(`calling ${this.show(fnNode)} is not allowed`);
    const name = (fnNode as SymbolNode).name;
    if (!Object.hasOwn(FUNCTIONS, name) && !isAggregate(name)) {
      const i = bindingIndex(name);
      const shown = i >= 0 ? (this.bindings[i]?.source ?? name) : name;
      throw new ExpressionError(`the function ${JSON.stringify(shown)} is not allowed; the allowed functions are ${FUNCTION_LIST}`);
    }
    const range = node.args.length === 1 ? this.rangeOf(node.args[0]) : undefined;
    if (range && isAggregate(name)) {
      return { expr: { k: 'aggregate', fn: name, slots: range.variables.map((v) => this.slotOf(v)) }, type: 'number' };
    }
    if (!Object.hasOwn(FUNCTIONS, name)) throw new ExpressionError(this.rangeOnlyMessage(name, node));
    const fn = name as FunctionName;
    const [min, max] = FUNCTIONS[fn];
    if (node.args.length < min || node.args.length > max) {
      const want = min === max ? `${min} argument${min === 1 ? '' : 's'}` : `${min} to ${max} arguments`;
      throw new ExpressionError(`${fn} takes ${want}, found ${node.args.length} in ${this.show(node)}`);
    }
    const args = node.args.map((a, k) => this.expect(a, 'number', `argument ${k + 1} of ${fn}`, d));
    return { expr: { k: 'call', fn, args }, type: 'number' };
  }

  /** Why an aggregate that only takes a month range (mean, first, last, sum) cannot take these arguments. */
  private rangeOnlyMessage(name: string, node: FunctionNode): string {
    const want = `${name} takes one month range, as in ${name}(${exampleRange(this.ctx)})`;
    const ranges = node.args.filter((a) => this.rangeOf(a)).length;
    if (node.args.length === 1) return `${want}, found ${this.show(node.args[0])}`;
    if (ranges > 1) return `${want}, found ${ranges} ranges in ${this.show(node)}: write one aggregate per range`;
    return `${want}, found ${node.args.length} arguments in ${this.show(node)}`;
  }
}

/**
 * The value of a checked tree for one run. `values[slot]` is the variable's value, null where the
 * run has none (see the semantics above).
 */
export function evaluateExpr(e: Expr, values: readonly number[]): number | boolean {
  switch (e.k) {
    case 'number':
    case 'boolean':
      return e.value;
    case 'variable':
      return values[e.slot];
    case 'negate':
      return -num(e.arg, values);
    case 'arithmetic': {
      const a = num(e.left, values);
      const b = num(e.right, values);
      switch (e.op) {
        case '+':
          return a + b;
        case '-':
          return a - b;
        case '*':
          return a * b;
        case '/':
          return a / b;
        case '^':
          return a ** b;
      }
      break;
    }
    case 'compare': {
      const a = num(e.left, values);
      const b = num(e.right, values);
      switch (e.op) {
        case '<':
          return a < b;
        case '<=':
          return a <= b;
        case '>':
          return a > b;
        case '>=':
          return a >= b;
        case '==':
          return a === b;
        case '!=':
          // NaN is unequal to everything in JavaScript; here a missing value makes every comparison false.
          return !Number.isNaN(a) && !Number.isNaN(b) && a !== b;
      }
      break;
    }
    case 'and':
      return bool(e.left, values) && bool(e.right, values);
    case 'or':
      return bool(e.left, values) || bool(e.right, values);
    case 'not':
      return !bool(e.arg, values);
    case 'call': {
      const args = e.args.map((a) => num(a, values));
      switch (e.fn) {
        case 'min':
          return Math.min(...args);
        case 'max':
          return Math.max(...args);
        case 'abs':
          return Math.abs(args[0]);
        case 'log':
          return args.length === 2 ? Math.log(args[0]) / Math.log(args[1]) : Math.log(args[0]);
        case 'exp':
          return Math.exp(args[0]);
        case 'sqrt':
          return Math.sqrt(args[0]);
      }
      break;
    }
    case 'aggregate':
      return aggregate(
        e.fn,
        e.slots.map((slot) => values[slot]),
      );
    case 'if':
      return bool(e.condition, values) ? evaluateExpr(e.then, values) : evaluateExpr(e.otherwise, values);
  }
  throw new Error(`unknown expression node ${JSON.stringify(e)}`);
}

/** An aggregate of a range's values, in month order (never empty: a range has at least one month). */
function aggregate(fn: AggregateName, xs: readonly number[]): number {
  switch (fn) {
    case 'first':
      return xs[0];
    case 'last':
      return xs[xs.length - 1];
    case 'min':
      return Math.min(...xs);
    case 'max':
      return Math.max(...xs);
    case 'sum':
      return sum(xs);
    case 'mean': {
      // Rounding can put the quotient a hair outside the values' span (three 0.1s sum to
      // 0.30000000000000004, a third of which exceeds 0.1); the mean of the numbers never is.
      const mean = sum(xs) / xs.length;
      return Math.min(Math.max(mean, Math.min(...xs)), Math.max(...xs));
    }
  }
}

/** Starts from the first value, not 0, so that a one-month sum is that month's value exactly (-0 included). */
const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b);

const num = (e: Expr, values: readonly number[]): number => evaluateExpr(e, values) as number;
const bool = (e: Expr, values: readonly number[]): boolean => evaluateExpr(e, values) as boolean;

/**
 * Whether the claim holds in one run: `raw[slot]` is the variable's value, null where the run has
 * none; a missing month reads +Infinity ("never"), a missing number NaN.
 */
export function claimHolds(c: CompiledExpression, raw: readonly (number | null)[]): boolean {
  const values = raw.map((v, slot) => (v === null ? (c.monthValued[slot] ? Infinity : NaN) : v));
  return evaluateExpr(c.tree, values) === true;
}
