/**
 * The JSON Schema that editors use to complete and check scenario files. It is generated from
 * the zod schema so the two cannot disagree, and committed (scenarios/scenario.schema.json) so
 * editors find it without a build; a test keeps the committed copy current.
 */
import { z } from 'zod';
import { ScenarioSchema } from './schema.js';

export function scenarioJsonSchema(): Record<string, unknown> {
  // io: 'input' describes what an author may write (fields with defaults are optional), not the
  // filled-in result. The cross-field checks in superRefine (end after start, known generation
  // names) have no JSON Schema form; zod leaves them out, and the loader still enforces them.
  // No `unrepresentable: 'any'`: if the schema ever gains a type JSON Schema cannot express, we
  // want this to throw (and the staleness test to fail) rather than silently accept anything.
  return z.toJSONSchema(ScenarioSchema, { io: 'input' });
}

/** The file's exact text: 2-space indent and a final newline, as editors and diff tools expect. */
export function scenarioJsonSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}
