/**
 * The model's guard against numbers it cannot hold. A value far outside what a market could have
 * (an output scale of 1e308, a hype index of 1e300) can make a quantity infinite or not a number,
 * and a loop over such a quantity would never end. The model checks the quantities its loops run
 * over where they arise, and every metric at the end of every month; the first that is not finite
 * stops the run with this error, naming the month and the quantity. It comes from the input, so
 * the command line reports it as bad input.
 */
import { monthAt } from './calendar.js';
import type { MarketState } from './state.js';

export class ModelDivergence extends Error {
  /** The scenario file, where the caller knows it. */
  file?: string;

  constructor(
    readonly month: string,
    readonly quantity: string,
    readonly value: number,
  ) {
    super(`in ${month}, ${quantity} became ${describe(value)}: an input is too large or too small for the model`);
    this.name = 'ModelDivergence';
  }
}

const describe = (value: number): string => (Number.isNaN(value) ? 'not a number' : Number.isFinite(value) ? `${value}, more than the model can hold` : 'infinite');

type Clock = Pick<MarketState, 'scenario' | 'month'>;

/**
 * Stops the run unless `value` is finite; `month` is the run's month index (by default the state's
 * current one). A `quantity` whose name must be put together is given as a function, called only
 * for the error: checks run in hot loops, where building a name each time would cost more than them.
 */
export function requireFinite(state: Clock, quantity: string | (() => string), value: number, month = state.month): void {
  if (!Number.isFinite(value)) throw new ModelDivergence(monthAt(state.scenario.start, month), typeof quantity === 'string' ? quantity : quantity(), value);
}

/** Stops the run unless `value` is a finite number no larger than `limit` (a count the model loops over). */
export function requireAtMost(state: Clock, quantity: string, value: number, limit: number): void {
  if (!(value <= limit)) throw new ModelDivergence(monthAt(state.scenario.start, state.month), quantity, value);
}
