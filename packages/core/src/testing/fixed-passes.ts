import { INFERENCE_PASS, trainingPass } from '../contract/forward-pass.js';
import type { ForwardPass, Phase } from '../contract/layer.js';
import type { StateBuffer } from '../contract/state-buffer.js';
import { SeededRandom } from '../random/seeded-random.js';

/** Seed of the draws a stochastic layer gets in every forward of a check, unless a check is given another. */
export const DEFAULT_DRAW_SEED = 7;

/**
 * Forward passes that repeat exactly, for finite differences and bit comparisons: in training each pass gets a
 * fresh source seeded with `drawSeed` (fixed draws: a dropout layer drops the same units every time) when the layer
 * is stochastic, else a source that refuses draws; in inference every draw is refused.
 */
export function fixedPass(phase: Phase, stochastic: boolean, drawSeed = DEFAULT_DRAW_SEED): () => ForwardPass {
  if (phase === 'inference') return () => INFERENCE_PASS;
  if (!stochastic) {
    const pass = trainingPass(undefined);
    return () => pass;
  }
  return () => ({ phase: 'training', random: new SeededRandom(drawSeed) });
}

/**
 * Keeps a copy of state buffers' values so that every forward of a check starts from the same state (a training
 * forward of batch normalization moves its running statistics) and the state can be put back afterwards.
 */
export class StateSnapshot {
  private readonly saved: Float64Array[];

  constructor(private readonly buffers: readonly StateBuffer[]) {
    this.saved = buffers.map(({ value }) => Float64Array.from(value.data));
  }

  /** Puts every buffer back to the values it had when the snapshot was taken. */
  restore(): void {
    this.buffers.forEach(({ value }, index) => value.data.set(this.saved[index]));
  }
}
