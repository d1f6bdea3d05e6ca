import type { ForwardPass, Phase } from './layer.js';
import type { RandomSource } from '../random/random-source.js';
import { brief } from '../validation/brief.js';

/**
 * A random source every draw of which throws `message`: what layers get in inference (where nothing may draw) and
 * in networks that declare no stochastic layer (so a layer that draws without declaring it fails loudly).
 */
export function refusingRandom(message: string): RandomSource {
  const refuse = (): never => {
    throw new Error(message);
  };
  return { uniform: refuse, normal: refuse, integer: refuse, shuffle: refuse, sample: refuse };
}

/** The message of a draw made in inference. */
const INFERENCE_DRAW =
  'A layer drew a random number in an inference pass; stochastic ' +
  "layers draw only in training (pass.phase === 'training')";

/** The message of a draw made in a network whose layers declare no randomness. */
const UNDECLARED_DRAW =
  'A layer drew a random number but no layer of this network declares `stochastic: true`; declare it ' +
  'on the layer so that the network gives it a random source and checkpoints save it';

/** The inference pass: every draw throws. */
export const INFERENCE_PASS: ForwardPass = Object.freeze({
  phase: 'inference',
  random: refusingRandom(INFERENCE_DRAW),
});

/** A training pass drawing from `random`, or, without one, refusing every draw. */
export function trainingPass(random: RandomSource | undefined): ForwardPass {
  return Object.freeze({ phase: 'training', random: random ?? refusingRandom(UNDECLARED_DRAW) });
}

/** The pass of `phase` for a network whose stochastic layers draw from `random` (undefined when it has none). */
export function forwardPass(phase: Phase, random: RandomSource | undefined): ForwardPass {
  if (phase === 'inference') return INFERENCE_PASS;
  if (phase === 'training') return trainingPass(random);
  throw new Error(`phase must be 'training' or 'inference', got ${brief(phase)}`);
}
