/**
 * Whether two batches can be compared run by run. A run's random streams are named by the master
 * seed and the run's index (model/random.ts), and its drawn inputs are row i of a design that
 * depends only on the seed, the number of runs, the design and the inputs in order
 * (montecarlo/plan.ts). So two batches with the same seed, runs, design, drawn inputs and start
 * month give run i of each the same random numbers: where their scenarios also have the same
 * agents, run i meets the same luck in both, and b − a of run i is the scenarios' difference for
 * that run. Another distribution for an input (a stress that moves it) still draws it at the same
 * quantile, so the runs stay paired.
 */
import type { BatchSummary } from '../batchData.js';

export interface Pairing {
  paired: boolean;
  /** Why the batches are not paired, one phrase each; empty when they are. */
  reasons: string[];
  /** The pairing in one or two plain sentences, for the page. */
  sentence: string;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** How two lists of drawn inputs differ: "the first draws 21 inputs, the second none". */
function inputsDiffer(a: readonly string[], b: readonly string[]): string {
  const onlyA = a.filter((p) => !b.includes(p)).length;
  const onlyB = b.filter((p) => !a.includes(p)).length;
  if (onlyA === 0 && onlyB === 0) return `the same ${plural(a.length, 'input')} in another order`;
  const counts = `the first draws ${a.length === 0 ? 'none' : plural(a.length, 'input')}, the second ${b.length === 0 ? 'none' : b.length}`;
  return a.length === 0 || b.length === 0 ? counts : `${counts}; ${onlyA} only in the first, ${onlyB} only in the second`;
}

export function pairing(a: BatchSummary, b: BatchSummary): Pairing {
  const pathsA = a.inputs.map((i) => i.path);
  const pathsB = b.inputs.map((i) => i.path);
  const reasons: string[] = [];
  if (a.seed !== b.seed) reasons.push(`different seeds (${a.seed} and ${b.seed})`);
  if (a.runs !== b.runs) reasons.push(`different run counts (${a.runs} and ${b.runs})`);
  if (a.design !== b.design) reasons.push(`different designs (${a.design} and ${b.design})`);
  if (pathsA.join('\n') !== pathsB.join('\n')) reasons.push(`different drawn inputs (${inputsDiffer(pathsA, pathsB)})`);
  if (a.months[0] !== b.months[0]) reasons.push(`different start months (${a.months[0]} and ${b.months[0]})`);
  if (reasons.length > 0) {
    return {
      paired: false,
      reasons,
      sentence: `Unpaired: ${reasons.join(', ')}. Run i of one batch has nothing to do with run i of the other, so the two are compared as distributions: the difference of their medians, with a bootstrap interval.`,
    };
  }
  const moved = a.inputs.filter((x, i) => x.distribution !== b.inputs[i].distribution).length;
  const inputs = pathsA.length === 0 ? 'draw no inputs' : `draw the same ${plural(pathsA.length, 'input')}${moved === 0 ? '' : ` (${moved} from another distribution, at the same quantiles)`}`;
  return {
    paired: true,
    reasons: [],
    sentence: `Paired run by run: both batches have seed ${a.seed}, ${a.runs} runs and design ${a.design}, and ${inputs}, so run i of one meets the same random numbers as run i of the other. The change in a run's outcome is then the scenarios' difference for that run, where the scenarios have the same agents.`,
  };
}
