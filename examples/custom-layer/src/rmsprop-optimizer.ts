import type { Optimizer, OptimizerState, Parameter } from '@bpnet/core';
import {
  expectFiniteNumber,
  expectKnownOptions,
  expectOptimizerState,
  type OptimizerConfig,
  type OptimizerRegistration,
  optimizerModule,
  SlotBuffers,
} from '@bpnet/core/plugin';

/**
 * RMSProp: each weight's step is divided by a running root mean square of its gradients. At every step, with
 * g = ∂J/∂w and the slot s (one value per weight, starting at 0):
 * s ← ρ·s + (1 − ρ)·g²,  w ← w − η·g / (√s + ε).
 */
export class RmspropOptimizer implements Optimizer {
  readonly kind = 'acme/rmsprop';
  private readonly meanSquare = new SlotBuffers();
  private steps = 0;

  constructor(
    /** ρ in [0, 1): how much of s each step keeps. */
    readonly decay: number,
    /** ε > 0, keeps the step finite where s is 0. */
    readonly epsilon: number,
  ) {}

  step(parameters: readonly Parameter[], learningRate: number): void {
    const slots = this.meanSquare.for(parameters);
    const { decay, epsilon } = this;
    parameters.forEach(({ value, grad }, p) => {
      const s = slots[p],
        w = value.data,
        g = grad.data;
      for (let i = 0; i < w.length; i++) {
        s[i] = decay * s[i] + (1 - decay) * g[i] * g[i];
        w[i] -= (learningRate * g[i]) / (Math.sqrt(s[i]) + epsilon);
      }
    });
    this.steps++;
  }

  saveState(): OptimizerState {
    return { kind: this.kind, config: this.config(), step: this.steps, slots: { meanSquare: this.meanSquare.save() } };
  }

  /**
   * @throws Error (changing nothing) if the state is another kind's, does not fit the parameters or has another ρ or ε.
   */
  loadState(state: OptimizerState, parameters: readonly Parameter[]): void {
    const checked = expectOptimizerState(state, this.kind, ['meanSquare'], parameters, this.config());
    this.meanSquare.load(checked.slots.meanSquare);
    this.steps = checked.step;
  }

  /** The options as saved in a state, and as a state must have them to be loaded. */
  private config(): OptimizerConfig {
    return { decay: this.decay, epsilon: this.epsilon };
  }
}

// Registration

/** The optimizer in training options: `{ kind: 'acme/rmsprop', decay?: number, epsilon?: number }`. */
export interface RmspropSpec {
  readonly kind: 'acme/rmsprop';
  /** ρ in [0, 1), default 0.9. */
  readonly decay?: number;
  /** ε > 0, default 1e-8. */
  readonly epsilon?: number;
  readonly [option: string]: unknown;
}

/** Registers the optimizer kind `'acme/rmsprop'`. */
export const rmspropRegistration: OptimizerRegistration<RmspropSpec> = {
  kind: 'acme/rmsprop',
  module: '@bpnet/example-custom-layer',
  examples: [{ kind: 'acme/rmsprop' }, { kind: 'acme/rmsprop', decay: 0.5, epsilon: 1e-3 }],
  create(config) {
    const where = 'acme/rmsprop optimizer';
    expectKnownOptions(config, ['decay', 'epsilon'], where);
    const decay = expectFiniteNumber(config.decay ?? 0.9, `${where}: decay`);
    if (decay < 0 || decay >= 1) throw new Error(`${where}: decay must be in [0, 1), got ${decay}`);
    const epsilon = expectFiniteNumber(config.epsilon ?? 1e-8, `${where}: epsilon`);
    if (epsilon <= 0) throw new Error(`${where}: epsilon must be positive, got ${epsilon}`);
    return new RmspropOptimizer(decay, epsilon);
  },
};

/** Load into bpnet's container so that its trainer accepts `optimizer: { kind: 'acme/rmsprop' }`. */
export const rmspropModule = optimizerModule(rmspropRegistration);
