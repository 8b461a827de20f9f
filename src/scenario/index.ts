export { ScenarioError, type ScenarioErrorInfo } from './errors.js';
export { loadScenario, parseScenario } from './load.js';
export { applyOverrides, type AppliedOverride } from './overrides.js';
export { scenarioJsonSchema, scenarioJsonSchemaText } from './jsonSchema.js';
export { formatPath, type PathSegment } from './path.js';
export * from './schema.js';
