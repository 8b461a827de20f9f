/**
 * The units a market history may state its numbers in, and how each becomes the model's unit:
 * money per GPU-hour, months, or a share. One table, so a user's own file goes through the same
 * conversions as the shipped history and no figure is converted by hand. A month is the scenario's
 * `hoursPerMonth` hours; a month of lead time is 4.35 weeks or 30.44 days.
 */

/** What a unit measures; a row's unit must measure what its metric does. */
export type Dimension = 'money' | 'time' | 'share';

export interface Unit {
  /** The unit as written. */
  text: string;
  dimension: Dimension;
  /** The currency of a money unit (upper case), else null. */
  currency: string | null;
  /** What a number in this unit is divided by to be in the model's unit. */
  divisor: (hoursPerMonth: number) => number;
}

const WEEKS_PER_MONTH = 4.35;
const DAYS_PER_MONTH = 30.44;

interface UnitPattern {
  pattern: RegExp;
  dimension: Dimension;
  /** The divisor, from the match (its GPU count) and the scenario's hours in a month. */
  divisor: (m: RegExpExecArray, hoursPerMonth: number) => number;
}

const CCY = '([A-Z]{3})';
const GPUS = '([1-9]\\d*)[- ]GPU (?:server|node|instance)';

/** Tried in order; matched without regard to case, after runs of spaces are made one. */
const UNITS: readonly UnitPattern[] = [
  { pattern: new RegExp(`^${CCY} per GPU[- ]hour$`, 'i'), dimension: 'money', divisor: () => 1 },
  { pattern: new RegExp(`^${CCY} per GPU[- ]month$`, 'i'), dimension: 'money', divisor: (_, h) => h },
  { pattern: new RegExp(`^${CCY} per ${GPUS}[- ]month$`, 'i'), dimension: 'money', divisor: (m, h) => Number(m[2]) * h },
  { pattern: new RegExp(`^${CCY} per ${GPUS}[- ]hour$`, 'i'), dimension: 'money', divisor: (m) => Number(m[2]) },
  { pattern: /^weeks?$/i, dimension: 'time', divisor: () => WEEKS_PER_MONTH },
  { pattern: /^months?$/i, dimension: 'time', divisor: () => 1 },
  { pattern: /^days?$/i, dimension: 'time', divisor: () => DAYS_PER_MONTH },
  { pattern: /^share(?: of revenue)?$/i, dimension: 'share', divisor: () => 1 },
  { pattern: /^(?:%|percent)$/i, dimension: 'share', divisor: () => 100 },
];

export const UNIT_EXPECTED = 'a unit such as CNY per GPU-hour, USD per 8-GPU server-month, weeks or share of revenue';

/** The units that fit each dimension, in the words of a message. */
export const DIMENSION_UNITS: Readonly<Record<Dimension, string>> = {
  money: '<currency> per GPU-hour, per GPU-month, per N-GPU server-month or per N-GPU server-hour',
  time: 'weeks, months or days',
  share: 'share of revenue, share, % or percent',
};

/** The unit `text` names, or undefined for one the table does not know. */
export function parseUnit(text: string): Unit | undefined {
  const normal = text.trim().replace(/\s+/g, ' ');
  for (const u of UNITS) {
    const m = u.pattern.exec(normal);
    if (!m) continue;
    return {
      text,
      dimension: u.dimension,
      currency: u.dimension === 'money' ? m[1].toUpperCase() : null,
      divisor: (hoursPerMonth) => u.divisor(m, hoursPerMonth),
    };
  }
  return undefined;
}
