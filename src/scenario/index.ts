export { ScenarioError, type ScenarioErrorInfo } from './errors.js';
export { loadScenario, loadScenarioWithFiles, parseScenario, parseScenarioWithFiles, type LoadedScenario } from './load.js';
export { RESOLVED_SCENARIO_FILE, resolvedScenarioJson, resolvedYaml } from './resolved.js';
export { EXTENDS_KEY, MAX_EXTENDS_CHAIN } from './inheritance.js';
export { applyOverrides, type AppliedOverride } from './overrides.js';
export { scenarioJsonSchema, scenarioJsonSchemaText } from './jsonSchema.js';
export { formatPath, type PathSegment } from './path.js';
export * from './schema.js';
