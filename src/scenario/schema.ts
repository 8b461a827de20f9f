/**
 * The scenario schema. It is the single source of truth for what a scenario may contain:
 * the TypeScript type (`Scenario`) is inferred from it, the loader validates with it, and the
 * JSON Schema for editors is generated from it. Money fields carry `Ccy` in their names: the
 * scenario's `currency` says which currency that is.
 */
import { z } from 'zod';
import { CorrelationSchema, DistributionSchema } from './distribution.js';

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

export const Month = z.string().regex(MONTH_RE, { message: 'a month written as YYYY-MM' }).describe('a calendar month, YYYY-MM');

const share = (what: string) => z.number().min(0).max(1).describe(what);
const nonNeg = (what: string, max: number) => z.number().min(0).max(max).describe(what);
const positive = (what: string, max: number) => z.number().positive().max(max).describe(what);
const count = (what: string, max: number) => z.number().int().min(0).max(max).describe(what);
/**
 * Agents the model creates one by one. A market slice of 100,000 lessors or 1,000,000 developers is
 * far beyond any real one (the large bench has 1,000 and 10,000) and still runs; a larger count is a
 * typo, and would keep a run busy for hours before it failed.
 */
const MAX_LESSORS = 100_000;
const MAX_DEVELOPERS = 1_000_000;
/*
 * Upper bounds of the other quantities: what a real market could have, with room to spare, so that
 * a typo or a hostile value is refused naming its field instead of overflowing the model. Money is
 * in the scenario's currency (CNY, USD or EUR; the yuan is the smallest, about 7 to the dollar).
 */
/** Money per GPU (price, cash, equity): a data-centre GPU costs about 30,000 USD (220,000 CNY) with its server share. */
const MAX_CCY_PER_GPU = 1e8;
/** Money per GPU-hour (rents, limit prices): rents have been 1 to 10 USD (7 to 70 CNY) an hour. */
const MAX_CCY_PER_HOUR = 1e5;
/** Money per GPU or kW and month (operations, data-centre space, an own cluster's running cost): tens to hundreds of USD. */
const MAX_CCY_PER_UNIT_MONTH = 1e7;
/** A firm's money per month (fixed overhead): below a billion USD even for the largest clouds. */
const MAX_CCY_PER_MONTH = 1e11;
/** Electricity per kWh: 0.05 to 0.3 USD (0.3 to 2 CNY). */
const MAX_CCY_PER_KWH = 1e3;
/** GPUs shipped into the market in a month: the whole world took about 4 million data-centre GPUs in 2024. */
const MAX_GPUS_PER_MONTH = 1e8;
/** GPUs of a firm, an order or a developer's need: the largest clusters hold hundreds of thousands. */
const MAX_GPUS = 1e8;
/** Months of a delay, a queue, a runway or a half-life: a century. */
const MAX_MONTHS = 1200;
/** Months from an order or a delivery to use (shipping, installation): a few. */
const MAX_LEAD_MONTHS = 60;
/** Wall power per GPU with its server share: 1 to 2 kW today. */
const MAX_KW_PER_GPU = 20;
/** Throughput relative to the reference generation: the newest are 10 to 30 times an A100. */
const MAX_PERF_RATIO = 1e4;
/** MW of data-centre capacity: the largest campuses are a few GW. */
const MAX_MW = 1e6;
/** A dimensionless multiplier or sensitivity (output scale, hype, aggressiveness): about 1 in practice. */
const MAX_FACTOR = 1e3;

export const GenerationSchema = z.strictObject({
  name: z
    .string()
    .min(1)
    .max(40)
    .regex(/^[A-Za-z0-9_.-]+$/, { message: 'letters, digits, _ . -' }),
  launch: Month.describe('first month the vendor ships this generation'),
  perfRatio: positive('throughput relative to the reference generation (reference = 1)', MAX_PERF_RATIO),
  priceCcyPerGpu: positive('purchase price per GPU at launch: one eighth of an 8-GPU server', MAX_CCY_PER_GPU),
  clusterCostShare: z.number().min(0).max(2).describe('network, storage and installation on top of the server, as a share of its price').default(0.25),
  priceDeclinePerYear: share('yearly fall of the purchase price after launch').default(0.1),
  powerKwPerGpu: positive('wall power per GPU including its server share, kW', MAX_KW_PER_GPU),
  outputGpusPerMonth: nonNeg('vendor output for this market in the launch month, GPUs per month', MAX_GPUS_PER_MONTH),
  outputGrowthPerYear: z.number().min(-1).max(20).describe('yearly growth of that output (packaging ramp)'),
  outputCapGpusPerMonth: positive('ceiling on monthly output once the ramp saturates, GPUs per month', MAX_GPUS_PER_MONTH).optional(),
});

export const GreyChannelSchema = z.strictObject({
  premiumShare: z.number().min(0).max(5).describe('price premium over the vendor price paid through intermediaries'),
  maxGpusPerMonth: nonNeg('largest volume that leaks through the channel in a month (scaled like output), GPUs', MAX_GPUS_PER_MONTH),
});

export const ExportControlSchema = z.strictObject({
  region: z.string().min(1),
  generation: z.string().min(1),
  from: Month.describe('first month in which the region may not receive the generation'),
  announced: Month.optional().describe('month the control becomes known; buyers stockpile from then until `from`'),
  grey: GreyChannelSchema.optional().describe('a grey channel that keeps leaking the generation after the ban'),
});

export const PackagingSchema = z.strictObject({
  reviewEveryMonths: z.number().int().min(1).max(24).describe('how often the vendor decides on packaging capacity').default(3),
  expandAboveLeadTimeMonths: nonNeg('queue lead time above which the vendor adds capacity, months', MAX_MONTHS).default(4),
  stepShare: z.number().min(0).max(2).describe('largest addition at one review, as a share of current capacity').default(0.2),
  lagMonths: z.number().int().min(0).max(60).describe('months from the decision to output').default(9),
  maxMultiple: z.number().min(1).max(20).describe('ceiling on capacity as a multiple of the scheduled ramp').default(2),
  otherCustomersShare: share('share of added capacity that goes to the vendor’s non-rental customers').default(0.5),
});

export const PowerSchema = z.strictObject({
  initialHeadroomMw: nonNeg('power and data-centre space ready for new GPUs at the start, MW of IT load', MAX_MW),
  buildMwPerMonth: nonNeg('new ready capacity per month at the start, MW', MAX_MW),
  buildGrowthPerYear: z.number().min(-0.9).max(10).describe('yearly growth of that build rate').default(0),
  responseMwPerMonth: nonNeg('extra capacity built per month while GPUs wait for power, MW', MAX_MW).default(0),
  leadMonths: z.number().int().min(0).max(60).describe('months from deciding on extra capacity to its use').default(12),
});

export const PolicyBuildSchema = z.strictObject({
  from: Month.describe('first month of subsidised, policy-driven build-out'),
  months: z.number().int().min(1).max(240).describe('how long the programme orders'),
  generation: z.string().min(1),
  gpusPerMonth: positive('GPUs ordered per month for policy data centres', MAX_GPUS_PER_MONTH),
  subsidyShare: share('share of the capex paid by the state'),
});

export const VendorSchema = z.strictObject({
  outputScale: nonNeg('multiplier on every generation’s output: 0 means no new chips', MAX_FACTOR).default(1),
  shippingMonths: count('months from allocation to delivery (manufacture, test, ship)', MAX_LEAD_MONTHS).default(2),
  initialBacklogMonths: nonNeg('orders already queued at the start, in months of output', MAX_MONTHS).default(0),
  exportControls: z.array(ExportControlSchema).max(1000).default([]),
  orderInflationPerLeadMonth: z.number().min(0).max(1).describe('extra share buyers order per month of lead time above normalLeadTimeMonths (double ordering)').default(0),
  normalLeadTimeMonths: nonNeg('queue lead time buyers treat as normal, months', MAX_MONTHS).default(2),
  cancelShareWhenUnwanted: share('share of its open orders a buyer cancels in a month it wants no more chips').default(0),
  stockpileShare: z.number().min(0).max(5).describe('extra share ordered of a generation under an announced ban').default(0),
  preBanOutputBoost: z.number().min(1).max(5).describe('multiplier on output of a generation between a ban’s announcement and its start').default(1),
  packaging: PackagingSchema.optional().describe('packaging capacity added by the vendor as a lagged decision'),
});

export const PricingSchema = z.strictObject({
  raiseAboveUtilisation: share('utilisation above which the lessor raises its ask'),
  cutBelowUtilisation: share('utilisation below which the lessor cuts its ask'),
  raiseStep: z.number().min(0).max(0.5).describe('largest monthly rise of the ask, as a share'),
  cutStep: z.number().min(0).max(0.9).describe('largest monthly cut of the ask, as a share'),
  fullCutShortfall: z.number().min(0.01).max(1).describe('utilisation shortfall below cutBelowUtilisation at which the full cut applies').default(0.25),
  undercut: z.number().min(0).max(0.5).describe('discount below last month’s market price that the ask never exceeds').default(0),
  noise: z.number().min(0).max(0.2).describe('spread of idiosyncratic pricing errors (pricing skill)').default(0.01),
});

export const ExpectationsSchema = z.strictObject({
  adaptation: share('weight on the latest observation in adaptive expectations'),
  trendWeight: z.number().min(0).max(3).describe('how far the recent trend is extrapolated over the delivery lag'),
});

export const InvestmentSchema = z.strictObject({
  hurdleSpread: z.number().min(-0.5).max(1).describe('return above the cost of capital required to order'),
  aggressiveness: nonNeg('fleet growth ordered per unit of excess expected return', MAX_FACTOR),
  maxOrderShareOfFleet: nonNeg('largest order in one month, as a share of the current fleet', MAX_FACTOR).default(0.25),
  minOrderGpus: count('smallest order worth placing, GPUs', MAX_GPUS).default(8),
});

export const LessorArchetypeSchema = z.strictObject({
  initialCount: count('lessors of this archetype at the start', MAX_LESSORS),
  initialGpus: nonNeg('mean fleet per lessor at the start, GPUs of the initial generation', MAX_GPUS),
  sizeDispersion: z.number().min(0).max(3).describe('log-normal sigma of fleet sizes').default(0.5),
  initialGeneration: z.string().min(1),
  initialFleetMaxAgeMonths: count('initial cohorts were bought up to this many months before the start', MAX_MONTHS).default(18),
  initialCashCcyPerGpu: nonNeg('cash held at the start per GPU of fleet', MAX_CCY_PER_GPU),
  priorityClass: z.union([z.literal(0), z.literal(1)]).describe('0 = vendor partner (served first), 1 = first-in-first-out'),
  pue: z.number().min(1).max(3).describe('data-center power usage effectiveness'),
  energyCcyPerKwh: nonNeg('electricity price per kWh', MAX_CCY_PER_KWH),
  spaceCcyPerKwMonth: nonNeg('data-center (IDC) space rent per kW of IT load and month', MAX_CCY_PER_UNIT_MONTH),
  opsCcyPerGpuMonth: nonNeg('operations staff and maintenance per installed GPU and month', MAX_CCY_PER_UNIT_MONTH),
  overheadShareOfRevenue: share('sales, general and administrative cost as a share of revenue'),
  fixedOverheadCcyPerMonth: nonNeg('overhead independent of fleet size, per month', MAX_CCY_PER_MONTH).default(0),
  depreciationMonths: z.number().int().min(12).max(120).describe('book life of GPUs'),
  costOfCapital: z.number().min(0).max(1).describe('required yearly return on investment'),
  debtRate: z.number().min(0).max(1).describe('yearly interest rate on debt'),
  debtShare: share('share of each purchase financed by debt'),
  debtTermMonths: z.number().int().min(1).max(240).describe('amortisation term of GPU-backed debt'),
  maxDebtToAssets: share('debt capacity as a share of fleet book value'),
  taxRate: share('tax on positive pre-tax profit'),
  contractShare: share('target share of capacity sold on term contracts'),
  exitAfterNegativeMonths: z.number().int().min(1).max(120).describe('exit after this many months of negative cash margin'),
  pricing: PricingSchema,
  expectations: ExpectationsSchema,
  investment: InvestmentSchema,
});

export const EntrantPoolSchema = z.strictObject({
  poolSize: count('firms from other industries that may enter', MAX_LESSORS),
  baseMonthlyProbability: share('monthly entry probability of each firm at the reference margin and zero hype'),
  referenceNetMargin: positive('trailing industry net margin at which entry runs at its base rate (a margin is at most 1)', 1),
  hypeSensitivity: nonNeg('how much market hype multiplies entry', MAX_FACTOR),
  maxMonthlyProbability: share('ceiling on any firm’s monthly entry probability').default(0.2),
  firstOrderGpus: positive('mean size of an entrant’s first GPU order', MAX_GPUS),
  sizeDispersion: z.number().min(0).max(3).default(0.6),
  equityCcyPerGpu: nonNeg('equity an entrant brings per GPU of its first order', MAX_CCY_PER_GPU),
});

export const BuildOwnSchema = z.strictObject({
  enabled: z.boolean(),
  fromMonth: Month.describe('first month in which developers of this archetype can order their own chips'),
  minNeedRefGpus: nonNeg('only developers at least this large consider building, reference GPUs', MAX_GPUS),
  maxOwnShare: share('largest share of need a developer moves onto its own cluster'),
  waitCostPerMonth: nonNeg('cost of waiting one month for chips, as a share of the ownership cost', MAX_FACTOR),
  opexCcyPerGpuMonth: nonNeg('energy, space and staff of an own cluster per GPU and month', MAX_CCY_PER_UNIT_MONTH),
  costOfCapital: z.number().min(0).max(1),
  lifeMonths: z.number().int().min(12).max(120),
  maxOrderShareOfNeed: share('largest own-chip order in a month, as a share of need').default(0.1),
  priorityClass: z
    .union([z.literal(0), z.literal(1)])
    .describe('0 = vendor partner (served first), 1 = first-in-first-out')
    .default(1),
});

export const PopulationSchema = z.strictObject({
  entriesPerMonthAtFullHype: nonNeg('new developers per month when hype is 1', 100_000),
  fundingMonths: positive('mean runway of a new developer’s funding at its starting spend, months', MAX_MONTHS),
  refundProbabilityAtFullHype: share('chance a developer out of funding raises again, when hype is 1'),
  tightRunwayMonths: nonNeg('runway (months of funding left at the current spend) below which a developer bids less', MAX_MONTHS).default(0),
  tightWtpShare: z.number().min(0.05).max(1).describe('share of its limit prices a developer bids while its runway is short').default(1),
});

export const DeveloperArchetypeSchema = z.strictObject({
  initialCount: count('developers of this archetype at the start', MAX_DEVELOPERS),
  needRefGpus: nonNeg('mean compute need per developer at the start, in reference GPUs running full time', MAX_GPUS),
  sizeDispersion: z.number().min(0).max(3).default(0.7),
  needGrowthPerYear: z.number().min(-0.9).max(20).describe('yearly growth of need at the start'),
  growthDecayPerYear: share('yearly shrink of that growth rate').default(0),
  growthNoise: z.number().min(0).max(1).describe('monthly spread of need growth').default(0.02),
  trainingShare: share('share of need that is training (urgent); the rest is inference'),
  trainingShareDriftPerYear: z.number().min(-1).max(1).default(0),
  deployLagMonths: z.number().int().min(1).max(36).describe('months over which inference need follows the share of training need that was served (only trained models are deployed)').default(6),
  wtpTrainingCcyPerRefGpuHour: nonNeg('limit price for training compute, per reference-GPU-hour', MAX_CCY_PER_HOUR),
  wtpInferenceCcyPerRefGpuHour: nonNeg('limit price for inference compute, per reference-GPU-hour', MAX_CCY_PER_HOUR),
  wtpDispersion: z.number().min(0).max(2).describe('log-normal sigma of limit prices').default(0.25),
  contractPreference: share('share of new rental demand requested as term contracts'),
  offtakeShare: share('share of that contract demand requested as multi-year offtakes').default(0),
  priceElasticity: z.number().min(0).max(3).describe('rental quantity ~ (reference rent / smoothed rent) ^ elasticity').default(0),
  releaseExcessPerMonth: share('share of contracted capacity beyond its need a developer hands back each month').default(0.2),
  trainingMinPerfShareOfNewest: share('training tranches buy only generations at least this share of the best performance on offer').default(0),
  build: BuildOwnSchema.optional(),
  population: PopulationSchema.optional(),
});

export const HypeSchema = z.strictObject({
  initial: nonNeg('hype index at the start (1 = the 2023 frenzy)', MAX_FACTOR),
  floor: nonNeg('level it decays towards', MAX_FACTOR),
  halfLifeMonths: positive('months for the excess over the floor to halve', MAX_MONTHS),
});

export const ListPriceSchema = z.strictObject({
  premium: z.number().min(1).max(10).describe('list price over the spot rent when it is set or revised'),
  reviewEveryMonths: z.number().int().min(1).max(60).describe('months between revisions of a list price').default(12),
  maxChangeShare: share('largest change of a list price at one revision').default(0.3),
});

export const OfftakeSchema = z.strictObject({
  months: z.number().int().min(13).max(120).describe('length of a multi-year offtake').default(36),
  discount: z.number().min(0).max(0.9).describe('offtakes are priced this far below the rent expected over their term').default(0.2),
  prepaymentShare: share('share of an offtake’s whole value the buyer pays at signing').default(0),
});

export const MarketSchema = z.strictObject({
  initialRentCcyPerRefGpuHour: positive('spot rent of the first month, per reference-GPU-hour', MAX_CCY_PER_HOUR),
  contractDiscount: z.number().min(0).max(0.9).describe('term contracts are priced this far below the expected spot rent'),
  contractMonths: z.number().int().min(1).max(120).describe('length of a term contract'),
  offtake: OfftakeSchema.prefault({}).describe('multi-year offtakes: take-or-pay, part paid in advance'),
  installMonths: count('months from delivery to rentable capacity', MAX_LEAD_MONTHS),
  secondaryPriceShare: share('price of a used GPU as a share of its remaining book value'),
  idlePowerShare: share('share of full power an idle GPU still draws').default(0.3),
  list: ListPriceSchema.prefault({ premium: 2 }).describe('hyperscalers’ on-demand list prices: sticky, revised rarely'),
  retireAfterUneconomicMonths: z.number().int().min(1).max(120).describe('months a generation’s spot rent stays below a lessor’s cash cost before its cohorts are retired').default(6),
  uneconomicResaleShare: share('share of remaining book value that retired uneconomic GPUs fetch from buyers outside this market (0: scrapped)').default(0),
  priceSmoothing: share('weight of the latest month in the rent developers plan on').default(0.3),
  hype: HypeSchema,
});

const DEMAND_REGIMES = ['boom', 'squeeze', 'wave'] as const;
export const DemandRegimeName = z.enum(DEMAND_REGIMES);

export const DemandRegimeSchema = z.strictObject({
  needGrowthAdjustPerYear: z.number().min(-0.9).max(5).describe('added to every developer’s yearly need growth (negative: need falls)'),
  wtpMultiplier: z.number().min(0.05).max(10).describe('multiplier on every limit price'),
  fundingMultiplier: z.number().min(0).max(10).describe('multiplier on start-ups’ new entries and refunding'),
  needStep: z.number().min(-0.9).max(5).describe('one-off step of every developer’s need on entering the regime').default(0),
});

export const DemandSchema = z.strictObject({
  initial: DemandRegimeName.default('boom'),
  boom: DemandRegimeSchema.prefault({ needGrowthAdjustPerYear: 0, wtpMultiplier: 1, fundingMultiplier: 1 }),
  squeeze: DemandRegimeSchema.prefault({ needGrowthAdjustPerYear: -0.3, wtpMultiplier: 0.7, fundingMultiplier: 0.3 }),
  wave: DemandRegimeSchema.prefault({ needGrowthAdjustPerYear: 0.3, wtpMultiplier: 1.2, fundingMultiplier: 1.3, needStep: 0.5 }),
  switchPerMonth: z
    .strictObject({
      boom: z.strictObject({ squeeze: share('monthly chance'), wave: share('monthly chance') }).prefault({ squeeze: 0, wave: 0 }),
      squeeze: z.strictObject({ boom: share('monthly chance'), wave: share('monthly chance') }).prefault({ boom: 0, wave: 0 }),
      wave: z.strictObject({ boom: share('monthly chance'), squeeze: share('monthly chance') }).prefault({ boom: 0, squeeze: 0 }),
    })
    .prefault({})
    .describe('monthly chances of a random switch from each regime to the others'),
  schedule: z
    .array(z.strictObject({ from: Month, regime: DemandRegimeName }))
    .max(600)
    .default([])
    .describe('regimes set on given months, whatever the random switches did'),
  wtpDriftPerYear: z.number().min(-0.9).max(5).describe('yearly drift of every limit price: the value of compute').default(0),
});

export const ProbeSchema = z.strictObject({
  archetype: z.enum(['incumbent', 'specialist', 'entrant']),
  generation: z.string().min(1),
  gpus: z.number().int().positive().max(MAX_GPUS).describe('GPUs the probe buys'),
  entry: Month.describe('month the probe orders its GPUs'),
  debtShare: share('share of the purchase financed by debt'),
  debtRate: z.number().min(0).max(1).describe('yearly interest rate of the probe’s debt'),
  holdMonths: z.number().int().min(1).max(240).optional().describe('defaults to the archetype’s depreciation life'),
  discountRate: z.number().min(0).max(1).describe('yearly rate for NPV'),
  hurdleIrr: z.number().min(-1).max(10).describe('IRR the investor requires').default(0.15),
  contract: z
    .strictObject({
      share: share('share of the probe’s fleet let on a fixed-price contract'),
      priceCcyPerGpuHour: nonNeg('fixed rent per GPU-hour of the probe’s generation', MAX_CCY_PER_HOUR),
      months: z.number().int().min(1).max(240).describe('length of the contract from first delivery'),
      defaultProbabilityPerYear: share('yearly chance the counterparty defaults; the share then earns market rent'),
    })
    .optional(),
});

export const RegimeSchema = z.strictObject({
  blueMinUtilisation: share('blue needs utilisation at least this').default(0.85),
  blueMinLeadTimeMonths: nonNeg('blue needs a vendor lead time at least this, months', MAX_MONTHS).default(3),
  blueMinRentOverFullCost: positive('blue needs spot rent at least this multiple of full cost', MAX_FACTOR).default(1.3),
  redMaxRentOverFullCost: positive('red needs spot rent at most this multiple of full cost', MAX_FACTOR).default(1.0),
  sustainMonths: z.number().int().min(1).max(36).describe('red months in a row that mark the red-ocean onset').default(3),
});

export const ScenarioSchema = z
  .strictObject({
    name: z.string().min(1).max(200),
    description: z.string().max(5000).default(''),
    currency: z.enum(['CNY', 'USD', 'EUR']),
    region: z.string().min(1).max(20),
    start: Month,
    end: Month,
    anchorMonth: Month.optional().describe('month the calibration targets refer to'),
    hoursPerMonth: positive('hours in a month (at most 31 days)', 744).default(730),
    referenceGeneration: z.string().min(1),
    generations: z.array(GenerationSchema).min(1).max(12),
    vendor: VendorSchema,
    market: MarketSchema,
    lessors: z.strictObject({
      incumbent: LessorArchetypeSchema,
      specialist: LessorArchetypeSchema,
      entrant: LessorArchetypeSchema,
    }),
    entrants: EntrantPoolSchema,
    demand: DemandSchema.prefault({}),
    power: PowerSchema.optional().describe('power and data-centre space as a second constraint on installing GPUs'),
    policyBuild: PolicyBuildSchema.optional().describe('subsidised, policy-driven data-centre build-out'),
    developers: z.strictObject({
      frontier: DeveloperArchetypeSchema,
      startup: DeveloperArchetypeSchema,
      enterprise: DeveloperArchetypeSchema,
    }),
    probe: ProbeSchema.optional(),
    regime: RegimeSchema.prefault({}),
    uncertain: z
      .record(z.string().min(1), DistributionSchema)
      .refine((r) => Object.keys(r).length <= 1000, 'at most 1,000 uncertain inputs')
      .default({})
      .describe('for batches: dotted path of a numeric field → the distribution its value is drawn from'),
    correlations: z.array(CorrelationSchema).max(1000).default([]).describe('rank correlations between uncertain inputs'),
  })
  .superRefine((s, ctx) => {
    const toIndex = (m: string) => {
      const [y, mo] = m.split('-').map(Number);
      return y * 12 + mo - 1;
    };
    const startIx = toIndex(s.start);
    const endIx = toIndex(s.end);
    if (endIx < startIx) {
      ctx.addIssue({ code: 'custom', path: ['end'], message: `a month not before start ${s.start}`, input: s.end });
    } else if (endIx - startIx + 1 > 600) {
      ctx.addIssue({ code: 'custom', path: ['end'], message: 'at most 600 months after start', input: s.end });
    }
    const inHorizon = (m: string, path: (string | number)[]) => {
      const ix = toIndex(m);
      if (ix < startIx || ix > endIx) {
        ctx.addIssue({ code: 'custom', path, message: `a month between ${s.start} and ${s.end}`, input: m });
      }
    };
    if (s.anchorMonth) inHorizon(s.anchorMonth, ['anchorMonth']);
    const names = new Set<string>();
    s.generations.forEach((g, i) => {
      if (names.has(g.name)) {
        ctx.addIssue({ code: 'custom', path: ['generations', i, 'name'], message: 'a generation name used once', input: g.name });
      }
      names.add(g.name);
    });
    const known = (name: string, path: (string | number)[]) => {
      if (!names.has(name)) {
        ctx.addIssue({ code: 'custom', path, message: `one of the generations (${[...names].join(', ')})`, input: name });
      }
    };
    known(s.referenceGeneration, ['referenceGeneration']);
    s.vendor.exportControls.forEach((c, i) => known(c.generation, ['vendor', 'exportControls', i, 'generation']));
    for (const a of ['incumbent', 'specialist', 'entrant'] as const) {
      known(s.lessors[a].initialGeneration, ['lessors', a, 'initialGeneration']);
      const p = s.lessors[a].pricing;
      if (p.cutBelowUtilisation > p.raiseAboveUtilisation) {
        ctx.addIssue({
          code: 'custom',
          path: ['lessors', a, 'pricing', 'cutBelowUtilisation'],
          message: `at most raiseAboveUtilisation (${p.raiseAboveUtilisation})`,
          input: p.cutBelowUtilisation,
        });
      }
    }
    s.vendor.exportControls.forEach((c, i) => {
      if (c.announced && toIndex(c.announced) > toIndex(c.from)) {
        ctx.addIssue({ code: 'custom', path: ['vendor', 'exportControls', i, 'announced'], message: `a month not after from ${c.from}`, input: c.announced });
      }
    });
    if (s.policyBuild) known(s.policyBuild.generation, ['policyBuild', 'generation']);
    if (s.probe) {
      known(s.probe.generation, ['probe', 'generation']);
      inHorizon(s.probe.entry, ['probe', 'entry']);
    }
    s.correlations.forEach((c, i) => {
      for (const key of ['a', 'b'] as const) {
        if (!(c[key] in s.uncertain)) {
          ctx.addIssue({ code: 'custom', path: ['correlations', i, key], message: 'a path listed under uncertain', input: c[key] });
        }
      }
    });
    const r = s.regime;
    if (r.redMaxRentOverFullCost > r.blueMinRentOverFullCost) {
      ctx.addIssue({
        code: 'custom',
        path: ['regime', 'redMaxRentOverFullCost'],
        message: `at most blueMinRentOverFullCost (${r.blueMinRentOverFullCost})`,
        input: r.redMaxRentOverFullCost,
      });
    }
  });

export type Scenario = z.output<typeof ScenarioSchema>;
export type ScenarioInput = z.input<typeof ScenarioSchema>;
export type Generation = Scenario['generations'][number];
export type LessorArchetypeParams = z.output<typeof LessorArchetypeSchema>;
export type DeveloperArchetypeParams = z.output<typeof DeveloperArchetypeSchema>;
export type ProbeParams = z.output<typeof ProbeSchema>;
export type PricingParams = z.output<typeof PricingSchema>;
export type DemandParams = z.output<typeof DemandSchema>;
export type DemandRegimeParams = z.output<typeof DemandRegimeSchema>;
export type DemandRegime = (typeof DEMAND_REGIMES)[number];
export { DEMAND_REGIMES };

export const LESSOR_ARCHETYPES = ['incumbent', 'specialist', 'entrant'] as const;
export type LessorArchetype = (typeof LESSOR_ARCHETYPES)[number];
export const DEVELOPER_ARCHETYPES = ['frontier', 'startup', 'enterprise'] as const;
export type DeveloperArchetype = (typeof DEVELOPER_ARCHETYPES)[number];
