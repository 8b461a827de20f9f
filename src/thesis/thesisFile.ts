/**
 * Thesis files: a YAML list of claims about a scenario's runs, each an expression and the
 * probability the investor requires of it. A thesis is compiled against one scenario (its months
 * and generations give the variables their meaning); every problem, in the YAML or in an
 * expression, is one ScenarioError with file:line:col and the field's path, like a scenario's.
 */
import { z } from 'zod';
import { monthRange } from '../model/calendar.js';
import { ScenarioError, type Scenario } from '../scenario/index.js';
import { explainIssue } from '../scenario/explainIssue.js';
import { formatPath } from '../scenario/path.js';
import { locate, parseYamlMapping, readSourceFile, type YamlSource } from '../scenario/yamlSource.js';
import { compileExpression, type CompiledExpression } from './expression.js';
import { ExpressionError, MAX_EXPRESSION_LENGTH, type ExpressionContext } from './preprocess.js';

const CLAIM_NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;
/** Column names of thesis-runs.csv that a claim's column may not repeat. */
const RESERVED_NAMES = ['run', 'seed'];

export const ClaimSchema = z.strictObject({
  name: z.string().max(60).regex(CLAIM_NAME, { message: 'a name of letters, digits, _ and -, starting with a letter' }).describe('short name, used as a column of thesis-runs.csv'),
  expr: z.string().min(1).max(MAX_EXPRESSION_LENGTH).describe('an expression over outcomes and metric@YYYY-MM that is true or false per run'),
  require: z.number().min(0).max(1).describe('the probability the claim must have to hold'),
  description: z.string().max(2000).optional(),
});

export const ThesisSchema = z
  .strictObject({
    name: z.string().min(1).max(200),
    description: z.string().max(5000).optional(),
    claims: z.array(ClaimSchema).min(1).max(100),
  })
  .superRefine((t, ctx) => {
    const seen = new Set<string>();
    t.claims.forEach((c, i) => {
      if (RESERVED_NAMES.includes(c.name)) {
        ctx.addIssue({ code: 'custom', path: ['claims', i, 'name'], message: `a name other than ${RESERVED_NAMES.join(' and ')}`, input: c.name });
      } else if (seen.has(c.name)) {
        ctx.addIssue({ code: 'custom', path: ['claims', i, 'name'], message: 'a claim name used once', input: c.name });
      }
      seen.add(c.name);
    });
  });

export type ThesisFile = z.infer<typeof ThesisSchema>;

export interface Claim {
  name: string;
  expr: string;
  require: number;
  description?: string;
  compiled: CompiledExpression;
}

export interface Thesis {
  name: string;
  description?: string;
  claims: Claim[];
  /** The scenario context the claims were compiled against (see runThesis). */
  context: ExpressionContext;
}

/** The context in which claims about `scenario`'s runs are read. */
export function expressionContext(scenario: Scenario): ExpressionContext {
  return {
    start: scenario.start,
    months: monthRange(scenario.start, scenario.end),
    generations: scenario.generations.map((g) => g.name),
  };
}

/** Reads a thesis file and compiles its claims for `scenario`. */
export function loadThesis(file: string, scenario: Scenario): Thesis {
  return parseThesis(readSourceFile(file), file, scenario);
}

/** The same as loadThesis for text in hand; `file` is only used in messages. */
export function parseThesis(text: string, file: string, scenario: Scenario): Thesis {
  const source = parseYamlMapping(text, file, 'a mapping with name: and claims: at the top level');
  const result = ThesisSchema.safeParse(source.data, { reportInput: true });
  if (!result.success) throw firstProblem(result.error.issues, source);
  const context = expressionContext(scenario);
  const claims = result.data.claims.map((c, i): Claim => {
    try {
      return { ...c, compiled: compileExpression(c.expr, context) };
    } catch (err) {
      if (!(err instanceof ExpressionError)) throw err;
      const at = locate(source, ['claims', i, 'expr']);
      throw new ScenarioError({
        file,
        line: at.line,
        column: at.column,
        path: formatPath(['claims', i, 'expr']),
        expected: 'an allowed expression',
        found: JSON.stringify(c.expr),
        problem: err.message,
      });
    }
  });
  return { name: result.data.name, description: result.data.description, claims, context };
}

/** The top-most problem in the file, so that fixing errors in reading order converges. */
function firstProblem(issues: readonly Parameters<typeof explainIssue>[0][], source: YamlSource): ScenarioError {
  const placed = issues
    .flatMap((issue) => explainIssue(issue, ThesisSchema, source.data))
    .map((c, order) => ({ c, order, where: locate(source, c.path, c.atKey) }))
    .sort((a, b) => a.where.rank - b.where.rank || a.order - b.order);
  const { c, where } = placed[0];
  return new ScenarioError({
    file: source.file,
    line: where.line,
    column: where.column,
    path: formatPath(c.path),
    expected: c.expected,
    found: c.found,
  });
}
