/**
 * The shape every sensitivity design shares: a list of blocks of equally many rows, each row a
 * point in the unit cube (one probability u in (0, 1) per input, turned into a value by the
 * input's quantile function). Row j of every block is evaluated with the same random stream j
 * (common random numbers), so that the difference between two blocks at row j is the effect of
 * the inputs that differ, not of the model's own randomness.
 *
 * A value of null means the evaluation has none at that point (a run that failed, an outcome the
 * run does not have); every estimator says how it treats them.
 */
export type Block = number[][];

export type BlockValues = (number | null)[][];

/**
 * Evaluates `f` at every row of every block: for deterministic functions (tests, analytic
 * examples), where common random numbers are trivially satisfied.
 */
export function evaluateBlocks(blocks: readonly Block[], f: (u: readonly number[]) => number | null): BlockValues {
  return blocks.map((block) => block.map((row) => f(row)));
}

/** Checks that `values` has one value per row of each block; the estimators rely on it. */
export function checkBlockValues(blocks: readonly Block[], values: BlockValues): void {
  if (values.length !== blocks.length) throw new RangeError(`expected values for ${blocks.length} blocks, got ${values.length}`);
  values.forEach((v, b) => {
    if (v.length !== blocks[b].length) throw new RangeError(`block ${b}: expected ${blocks[b].length} values, got ${v.length}`);
  });
}
