/**
 * A developer: its shape (`Developer`, `OwnCohort`) and where its numbers live. A run has thousands of developers and visits each of them in
 * several passes a month; as object fields, each number is a separate heap box and a pass over the
 * developers is a walk through scattered memory. Here each field is one typed array indexed by
 * developer, so a pass reads contiguous memory. `DeveloperRow` is the `Developer` the rules see:
 * its fields are accessors into those columns, which the optimising compiler inlines, so the rules
 * read and write `d.need` as before.
 *
 * Engine bookkeeping only: the rules never see the columns, and a column holds exactly the double
 * an object field would, so results are the same bit for bit.
 */
import type { DeveloperKind } from './kinds.js';

export interface OwnCohort {
  gen: number;
  count: number;
  start: number;
  lifeMonths: number;
}

export interface Developer {
  index: number;
  kind: DeveloperKind;
  active: boolean;
  /** Compute need, in reference GPUs running full time: training plus the inference of what is deployed. */
  need: number;
  /** Need when everything trained is deployed; it grows by `logGrowthPerMonth`, which shrinks by the archetype's yearly decay. */
  scale: number;
  logGrowthPerMonth: number;
  /** Share of `scale` that is training; the rest is inference at full deployment. */
  baseTrainingShare: number;
  /** Smoothed share of training need that was served: the inference need scales with it. */
  deployed: number;
  /** Share of last month's training need that was served (1 before any month). */
  servedTrainingShare: number;
  /** Share of `need` that is training this month. */
  trainingShare: number;
  wtpTraining: number;
  wtpInference: number;
  /** Share of its limit prices the developer bids as its funding allows: 1, or less while its runway is short. */
  wtpFunding: number;
  ownCohorts: OwnCohort[];
  /** The month the first of `ownCohorts` reaches the end of its life (Infinity: none). */
  ownNextRetirement: number;
  ownRef: number;
  ownPipelineRef: number;
  funding: number;
  /** Reference GPUs under contract and their cost per hour, as for lessors. */
  contractedRef: number;
  contractSpendPerHour: number;
  /** Reference GPUs of `contractedRef` held on multi-year offtakes, which are take-or-pay. */
  offtakeRef: number;
  spend: number;
  servedRef: number;
}

const INITIAL_CAPACITY = 64;

/** The fields kept in columns: every number of `Developer` but its index. */
const NUMERIC_FIELDS = [
  'need',
  'scale',
  'logGrowthPerMonth',
  'baseTrainingShare',
  'deployed',
  'servedTrainingShare',
  'trainingShare',
  'wtpTraining',
  'wtpInference',
  'wtpFunding',
  'ownRef',
  'ownPipelineRef',
  'funding',
  'contractedRef',
  'contractSpendPerHour',
  'offtakeRef',
  'spend',
  'servedRef',
] as const satisfies readonly (keyof DeveloperColumns & keyof Developer)[];

/**
 * The numeric fields of every developer of a run, by developer index: each a view of one block,
 * which is one allocation outside V8's heap where a typed array per column would be eighteen.
 */
export class DeveloperColumns {
  capacity = 0;
  need!: Float64Array;
  scale!: Float64Array;
  logGrowthPerMonth!: Float64Array;
  baseTrainingShare!: Float64Array;
  deployed!: Float64Array;
  servedTrainingShare!: Float64Array;
  trainingShare!: Float64Array;
  wtpTraining!: Float64Array;
  wtpInference!: Float64Array;
  wtpFunding!: Float64Array;
  ownRef!: Float64Array;
  ownPipelineRef!: Float64Array;
  funding!: Float64Array;
  contractedRef!: Float64Array;
  contractSpendPerHour!: Float64Array;
  offtakeRef!: Float64Array;
  spend!: Float64Array;
  servedRef!: Float64Array;

  /** Room for `capacity` developers to start with; `reserve` makes more. */
  constructor(capacity = INITIAL_CAPACITY) {
    this.allot(capacity);
  }

  /** Makes room for developer indices below `n`, doubling so that arrivals cost constant work each. */
  reserve(n: number): void {
    if (n <= this.capacity) return;
    let c = Math.max(this.capacity, INITIAL_CAPACITY);
    while (c < n) c *= 2;
    this.allot(c);
  }

  /** Moves every column into a new block with room for `capacity` developers. */
  private allot(capacity: number): void {
    const block = new Float64Array(capacity * NUMERIC_FIELDS.length);
    NUMERIC_FIELDS.forEach((field, i) => {
      const column = block.subarray(i * capacity, (i + 1) * capacity);
      if (this.capacity > 0) column.set(this[field]);
      this[field] = column;
    });
    this.capacity = capacity;
  }
}

/** A developer whose numbers are in `columns` at `index`; its other fields are its own. */
export class DeveloperRow implements Developer {
  active = true;
  ownCohorts: OwnCohort[] = [];
  ownNextRetirement = Infinity;

  constructor(
    private readonly columns: DeveloperColumns,
    readonly index: number,
    readonly kind: DeveloperKind,
  ) {
    columns.reserve(index + 1);
  }

  get need(): number {
    return this.columns.need[this.index];
  }
  set need(v: number) {
    this.columns.need[this.index] = v;
  }
  get scale(): number {
    return this.columns.scale[this.index];
  }
  set scale(v: number) {
    this.columns.scale[this.index] = v;
  }
  get logGrowthPerMonth(): number {
    return this.columns.logGrowthPerMonth[this.index];
  }
  set logGrowthPerMonth(v: number) {
    this.columns.logGrowthPerMonth[this.index] = v;
  }
  get baseTrainingShare(): number {
    return this.columns.baseTrainingShare[this.index];
  }
  set baseTrainingShare(v: number) {
    this.columns.baseTrainingShare[this.index] = v;
  }
  get deployed(): number {
    return this.columns.deployed[this.index];
  }
  set deployed(v: number) {
    this.columns.deployed[this.index] = v;
  }
  get servedTrainingShare(): number {
    return this.columns.servedTrainingShare[this.index];
  }
  set servedTrainingShare(v: number) {
    this.columns.servedTrainingShare[this.index] = v;
  }
  get trainingShare(): number {
    return this.columns.trainingShare[this.index];
  }
  set trainingShare(v: number) {
    this.columns.trainingShare[this.index] = v;
  }
  get wtpTraining(): number {
    return this.columns.wtpTraining[this.index];
  }
  set wtpTraining(v: number) {
    this.columns.wtpTraining[this.index] = v;
  }
  get wtpInference(): number {
    return this.columns.wtpInference[this.index];
  }
  set wtpInference(v: number) {
    this.columns.wtpInference[this.index] = v;
  }
  get wtpFunding(): number {
    return this.columns.wtpFunding[this.index];
  }
  set wtpFunding(v: number) {
    this.columns.wtpFunding[this.index] = v;
  }
  get ownRef(): number {
    return this.columns.ownRef[this.index];
  }
  set ownRef(v: number) {
    this.columns.ownRef[this.index] = v;
  }
  get ownPipelineRef(): number {
    return this.columns.ownPipelineRef[this.index];
  }
  set ownPipelineRef(v: number) {
    this.columns.ownPipelineRef[this.index] = v;
  }
  get funding(): number {
    return this.columns.funding[this.index];
  }
  set funding(v: number) {
    this.columns.funding[this.index] = v;
  }
  get contractedRef(): number {
    return this.columns.contractedRef[this.index];
  }
  set contractedRef(v: number) {
    this.columns.contractedRef[this.index] = v;
  }
  get contractSpendPerHour(): number {
    return this.columns.contractSpendPerHour[this.index];
  }
  set contractSpendPerHour(v: number) {
    this.columns.contractSpendPerHour[this.index] = v;
  }
  get offtakeRef(): number {
    return this.columns.offtakeRef[this.index];
  }
  set offtakeRef(v: number) {
    this.columns.offtakeRef[this.index] = v;
  }
  get spend(): number {
    return this.columns.spend[this.index];
  }
  set spend(v: number) {
    this.columns.spend[this.index] = v;
  }
  get servedRef(): number {
    return this.columns.servedRef[this.index];
  }
  set servedRef(v: number) {
    this.columns.servedRef[this.index] = v;
  }
}
