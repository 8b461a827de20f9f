/**
 * The distributions an uncertain scenario input may follow, as they are written in a scenario's
 * `uncertain` section. Their inverse distribution functions live in src/montecarlo/sampling.
 *
 * - `normal {mean, sd, min?, max?}`: with a bound it is the normal truncated to [min, max] (not
 *   clipped); `mean`/`sd` are then those of the untruncated normal.
 * - `lognormal {median, sigma}`: exp of a normal with mean ln(median) and sd sigma.
 * - `beta {alpha, beta, min = 0, max = 1}`: beta(alpha, beta) stretched onto [min, max].
 * - `choice {values, weights?}`: a discrete choice, equal weights unless given.
 */
import { z } from 'zod';

/** The issue that says field `key` must be `expected`; messages are the "expected …" text. */
function fail<T>(ctx: z.core.$RefinementCtx<T>, key: string, expected: string, input: unknown): void {
  ctx.addIssue({ code: 'custom', path: [key], message: expected, input });
}

function above<T extends { min: number; max: number }>(d: T, ctx: z.core.$RefinementCtx<T>): void {
  if (!(d.max > d.min)) fail(ctx, 'max', `a number above min (${d.min})`, d.max);
}

const Fixed = z.strictObject({
  dist: z.literal('fixed'),
  value: z.number(),
});

const Uniform = z
  .strictObject({
    dist: z.literal('uniform'),
    min: z.number(),
    max: z.number(),
  })
  .superRefine(above);

const LogUniform = z
  .strictObject({
    dist: z.literal('logUniform'),
    min: z.number().positive(),
    max: z.number().positive(),
  })
  // Zod runs refinements even after a field check failed; one message per mistake is enough.
  .superRefine((d, ctx) => {
    if (d.min > 0) above(d, ctx);
  });

const Normal = z
  .strictObject({
    dist: z.literal('normal'),
    mean: z.number(),
    sd: z.number().positive(),
    min: z.number().optional().describe('truncate below this value'),
    max: z.number().optional().describe('truncate above this value'),
  })
  .superRefine((d, ctx) => {
    if (d.min !== undefined && d.max !== undefined && !(d.max > d.min)) fail(ctx, 'max', `a number above min (${d.min})`, d.max);
  });

const Lognormal = z.strictObject({
  dist: z.literal('lognormal'),
  median: z.number().positive(),
  sigma: z.number().positive().describe('standard deviation of the logarithm'),
});

const Triangular = z
  .strictObject({
    dist: z.literal('triangular'),
    min: z.number(),
    mode: z.number(),
    max: z.number(),
  })
  .superRefine((d, ctx) => {
    if (!(d.max > d.min)) fail(ctx, 'max', `a number above min (${d.min})`, d.max);
    else if (!(d.mode >= d.min && d.mode <= d.max)) fail(ctx, 'mode', `a number from min (${d.min}) to max (${d.max})`, d.mode);
  });

const Beta = z
  .strictObject({
    dist: z.literal('beta'),
    alpha: z.number().positive(),
    beta: z.number().positive(),
    min: z.number().default(0),
    max: z.number().default(1),
  })
  .superRefine(above);

const Choice = z
  .strictObject({
    dist: z.literal('choice'),
    values: z.array(z.number()).min(1).max(1000),
    weights: z.array(z.number().min(0)).max(1000).optional().describe('relative weights, one per value; equal if left out'),
  })
  .superRefine((d, ctx) => {
    if (d.weights === undefined) return;
    const n = d.values.length;
    if (d.weights.length !== n) {
      fail(ctx, 'weights', `a list of ${n} weight${n === 1 ? '' : 's'}, one per value`, d.weights);
    } else if (d.weights.every((w) => w >= 0) && !(d.weights.reduce((s, w) => s + w, 0) > 0)) {
      // (A negative weight is already reported by the element check; zod runs this one anyway.)
      fail(ctx, 'weights', 'weights with a positive sum', d.weights);
    }
  });

export const DistributionSchema = z.discriminatedUnion('dist', [Fixed, Uniform, LogUniform, Normal, Lognormal, Triangular, Beta, Choice]);

export type Distribution = z.output<typeof DistributionSchema>;
export type DistributionInput = z.input<typeof DistributionSchema>;
export type DistributionKind = Distribution['dist'];

/** A rank correlation between two uncertain inputs, as a scenario states it. */
export const CorrelationSchema = z.strictObject({
  a: z.string().min(1).describe('dotted path of one uncertain input'),
  b: z.string().min(1).describe('dotted path of the other'),
  rho: z.number().min(-1).max(1).describe('Spearman rank correlation between them'),
});

export type Correlation = z.output<typeof CorrelationSchema>;
