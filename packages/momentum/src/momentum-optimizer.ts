import type { Optimizer, OptimizerState, Parameter } from '@bpnet/core';
import {
  expectFiniteNumber,
  expectKnownOptions,
  expectOptimizerState,
  type OptimizerConfig,
  type OptimizerRegistration,
  optimizerModule,
  UndoableSlotBuffers,
} from '@bpnet/core/plugin';

/** Options of the momentum optimizer. */
export interface MomentumOptions {
  /** μ in v ← μ v − η ∂J/∂w; in [0, 1), default 0.9. */
  readonly momentum?: number;
}

/**
 * Gradient descent with (heavy-ball) momentum: v ← μ v − η ∂J/∂w, then w ← w + v. The velocity v starts at 0,
 * so the first step is plain gradient descent. A step can be undone exactly ({@link MomentumOptimizer.undo}).
 */
export class MomentumOptimizer implements Optimizer {
  readonly kind = 'momentum';
  readonly momentum: number;
  private readonly velocity = new UndoableSlotBuffers();
  private steps = 0;
  /** @throws Error if `momentum` is not in [0, 1). */
  constructor(options: MomentumOptions = {}) {
    this.momentum = expectFiniteNumber(options.momentum ?? 0.9, 'momentum optimizer: momentum');
    if (this.momentum < 0 || this.momentum >= 1)
      throw new Error(`momentum optimizer: momentum must be in [0, 1), got ${this.momentum}`);
  }

  step(parameters: readonly Parameter[], learningRate: number): void {
    const before = this.velocity.advance(parameters);
    const after = this.velocity.values();
    this.steps++; // right after advance: the step count moves exactly when the velocity does
    const mu = this.momentum;
    parameters.forEach(({ value, grad }, index) => {
      const previous = before[index],
        v = after[index],
        w = value.data,
        g = grad.data;
      for (let i = 0; i < w.length; i++) {
        v[i] = mu * previous[i] - learningRate * g[i];
        w[i] += v[i];
      }
    });
  }

  /**
   * Puts the velocity and step count back as they were before the last step, bit for bit (nothing is copied per step).
   */
  undo(): void {
    if (this.velocity.undo()) this.steps--;
  }

  saveState(): OptimizerState {
    return { kind: this.kind, config: this.config(), step: this.steps, slots: { velocity: this.velocity.save() } };
  }

  /** @throws Error (changing nothing) if the state does not fit the parameters or was saved with another `momentum`. */
  loadState(state: OptimizerState, parameters: readonly Parameter[]): void {
    const checked = expectOptimizerState(state, this.kind, ['velocity'], parameters, this.config());
    this.velocity.load(checked.slots.velocity);
    this.steps = checked.step;
  }

  /** The options as saved in a state, and as a loaded state must have them. */
  private config(): OptimizerConfig {
    return { momentum: this.momentum };
  }
}

// Registration

/** The momentum optimizer in a training spec: `{ kind: 'momentum', momentum: 0.9 }`. */
export interface MomentumSpec {
  readonly kind: 'momentum';
  readonly momentum?: number;
  readonly [option: string]: unknown;
}

/** Registers the optimizer kind `'momentum'`. */
export const momentumRegistration: OptimizerRegistration<MomentumSpec> = {
  kind: 'momentum',
  module: '@bpnet/momentum',
  examples: [{ kind: 'momentum' }, { kind: 'momentum', momentum: 0.5 }],
  create(config) {
    expectKnownOptions(config, ['momentum'], 'momentum optimizer');
    return new MomentumOptimizer(config);
  },
};

/** Load into the container to make the optimizer kind `'momentum'` available to its trainer. */
export const momentumModule = optimizerModule(momentumRegistration);
