/** Loading the scenario a command works on, with `--set` overrides and the `--months` horizon. */
import { loadScenario, ScenarioError, type Scenario } from '../scenario/index.js';
import { endMonthFor } from './options.js';

/**
 * `--months N` is applied as one more override, `end=<start + N - 1>`, after the user's own, so
 * that the shortened scenario is validated by the same rules as any other (the probe's entry
 * month must still fall inside the horizon, for example).
 */
export function loadForRun(file: string, sets: readonly string[], months?: number, held?: string[]): Scenario {
  const scenario = loadScenario(file, sets, held);
  if (months === undefined) return scenario;
  const end = endMonthFor(scenario.start, months);
  try {
    return loadScenario(file, [...sets, `end=${end}`]);
  } catch (err) {
    // An error the added override caused is the --months option's, not a --set the user typed.
    if (err instanceof ScenarioError && err.file === `--set end=${end}`) {
      throw new ScenarioError({ ...err, file: `--months ${months}` });
    }
    throw err;
  }
}

/**
 * Says which uncertain inputs `--set` holds (see `loadScenario`). Commands that draw inputs say it
 * as their runs start, once every input has been checked: a refused input gets its one line alone.
 */
export function noteHeld(err: (text: string) => void, held: readonly string[]): void {
  for (const key of held) err(`note: --set fixes ${key}, so it is no longer drawn from the scenario's uncertain section\n`);
}
