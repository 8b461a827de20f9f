/**
 * Regenerates scenarios/scenario.schema.json: `node dist/scenario/writeJsonSchema.js [out]`.
 * A script rather than a library function, hence its own fs use.
 */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { scenarioJsonSchemaText } from './jsonSchema.js';

// Same relative spot from dist/scenario/ and src/scenario/: the package root's scenarios/.
const target = process.argv[2] ?? fileURLToPath(new URL('../../scenarios/scenario.schema.json', import.meta.url));
// Write-then-rename, so an editor watching the schema never reads a half-written file.
const tmp = `${target}.tmp-${process.pid}`;
try {
  writeFileSync(tmp, scenarioJsonSchemaText());
  renameSync(tmp, target);
} catch (err) {
  rmSync(tmp, { force: true });
  throw err;
}
console.log(`wrote ${target}`);
