/**
 * Reading the scenario schema's structure (rather than a scenario's contents) so that `--set` can
 * address fields the file leaves out and error messages can list the fields an object allows.
 */
import { z } from 'zod';

type Schema = z.core.$ZodType;

/**
 * Strips the wrappers that do not change what a field may contain: optional/default fields are
 * still settable, and a pipe's input side is what the author writes.
 */
export function unwrap(schema: Schema): Schema {
  let s = schema;
  for (;;) {
    const def = s._zod.def as z.core.$ZodTypeDef & { innerType?: Schema; in?: Schema; getter?: () => Schema };
    switch (def.type) {
      case 'optional':
      case 'nullable':
      case 'default':
      case 'prefault':
      case 'nonoptional':
      case 'readonly':
      case 'catch':
        s = def.innerType as Schema;
        break;
      case 'pipe':
        s = def.in as Schema;
        break;
      case 'lazy':
        s = (def.getter as () => Schema)();
        break;
      default:
        return s;
    }
  }
}

/** The fields of an object schema, in declaration order; undefined when it is not an object. */
export function objectShape(schema: Schema): Record<string, Schema> | undefined {
  const s = unwrap(schema);
  return s instanceof z.ZodObject ? s.shape : undefined;
}

/** The item schema of a list schema; undefined when it is not a list. */
export function arrayElement(schema: Schema): Schema | undefined {
  const s = unwrap(schema);
  return s instanceof z.ZodArray ? s.element : undefined;
}

/** The schema that governs the value at `path`, or undefined when the path leaves the schema. */
export function schemaAt(root: Schema, path: readonly PropertyKey[]): Schema | undefined {
  let s: Schema | undefined = root;
  for (const seg of path) {
    if (s === undefined) return undefined;
    s = typeof seg === 'number' ? arrayElement(s) : objectShape(s)?.[String(seg)];
  }
  return s;
}

/** Zod reports integer bounds as plain number bounds; the schema tells us to say "an integer". */
export function isIntegerSchema(schema: Schema | undefined): boolean {
  if (schema === undefined) return false;
  const s = unwrap(schema);
  return s instanceof z.ZodNumber && s.isInt === true;
}

/** Human name of what a leaf schema holds, for "nothing after X (it holds a number)". */
export function kindOf(schema: Schema): string {
  const s = unwrap(schema);
  switch (s._zod.def.type) {
    case 'number':
      return isIntegerSchema(s) ? 'an integer' : 'a number';
    case 'string':
      return 'a string';
    case 'boolean':
      return 'true or false';
    case 'enum':
    case 'literal':
    case 'union':
      return 'a choice of values';
    case 'object':
      return 'a mapping';
    case 'array':
      return 'a list';
    default:
      return `a ${s._zod.def.type}`;
  }
}
