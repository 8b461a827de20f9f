/** The shipped scenarios as targets of observed data: China in CNY, the US in USD. */
import { join } from 'node:path';
import { scenarioTarget } from '../../src/observed/target.js';
import { loadScenario } from '../../src/scenario/index.js';
import { ROOT } from '../cli/helpers.js';

export const CN = scenarioTarget(loadScenario(join(ROOT, 'scenarios/baseline.yaml')));
export const US = scenarioTarget(loadScenario(join(ROOT, 'scenarios/us-h100-2023.yaml')));
