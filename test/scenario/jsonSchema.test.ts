import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema, scenarioJsonSchemaText } from '../../src/scenario/index.js';

describe('the committed JSON Schema', () => {
  it('is exactly what the zod schema generates (regenerate with node dist/scenario/writeJsonSchema.js)', () => {
    expect(readFileSync('scenarios/scenario.schema.json', 'utf8')).toBe(scenarioJsonSchemaText());
  });

  it('describes what authors write: fields with defaults are not required', () => {
    const schema = scenarioJsonSchema() as { required: string[]; additionalProperties: boolean };
    expect(schema.required).toContain('generations');
    expect(schema.required).not.toContain('regime');
    expect(schema.required).not.toContain('hoursPerMonth');
    expect(schema.additionalProperties).toBe(false);
  });
});
