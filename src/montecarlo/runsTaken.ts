import type { RunFailure } from './chunk.js';

/** What an analysis over many runs (a thesis, a discovery) ran: its seed and design, and how many runs completed. */
export interface RunsTaken {
  seed: number;
  runs: number;
  design: string;
  /** The uncertain inputs' paths, the columns of each run's inputs. */
  inputs: string[];
  completedRuns: number;
  failures: RunFailure[];
}
