/** Regenerates scenarios/scenario.schema.json: `node dist/scenario/writeJsonSchema.js [out]`. */
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from '../files/writeFiles.js';
import { scenarioJsonSchemaText } from './jsonSchema.js';

// Same relative spot from dist/scenario/ and src/scenario/: the package root's scenarios/.
const target = process.argv[2] ?? fileURLToPath(new URL('../../scenarios/scenario.schema.json', import.meta.url));
// Written whole, so an editor watching the schema never reads a half-written file.
writeFileAtomic(target, scenarioJsonSchemaText());
console.log(`wrote ${target}`);
