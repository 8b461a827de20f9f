export { prim, boxContains, type PrimBox, type PrimOptions, type PrimRestriction, type PrimResult, type PrimStep } from './prim.js';
export { decileTarget, tailThreshold, type TailDirection } from './decileTarget.js';
export { describeBox, describeRestriction } from './describeBox.js';
export { binomialUpperTail } from './binomialTail.js';
