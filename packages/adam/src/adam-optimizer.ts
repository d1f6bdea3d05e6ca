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

/** Options of Adam. */
export interface AdamOptions {
  /** β₁, decay of the first-moment estimate; in [0, 1), default 0.9. */
  readonly beta1?: number;
  /** β₂, decay of the second-moment estimate; in [0, 1), default 0.999. */
  readonly beta2?: number;
  /** ε added to √v̂; positive, default 1e-8. */
  readonly epsilon?: number;
}

/**
 * Adam (Kingma and Ba, 2015). At step t, with g = ∂J/∂w:
 * m ← β₁ m + (1 − β₁) g,  v ← β₂ v + (1 − β₂) g²,  m̂ = m / (1 − β₁ᵗ),  v̂ = v / (1 − β₂ᵗ),
 * w ← w − η m̂ / (√v̂ + ε). A step can be undone exactly ({@link AdamOptimizer.undo}).
 */
export class AdamOptimizer implements Optimizer {
  readonly kind = 'adam';
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  private readonly firstMoment = new UndoableSlotBuffers();
  private readonly secondMoment = new UndoableSlotBuffers();
  private steps = 0;
  /** @throws Error if a β is outside [0, 1) or ε is not positive. */
  constructor(options: AdamOptions = {}) {
    this.beta1 = expectDecay(options.beta1 ?? 0.9, 'beta1');
    this.beta2 = expectDecay(options.beta2 ?? 0.999, 'beta2');
    this.epsilon = expectFiniteNumber(options.epsilon ?? 1e-8, 'adam optimizer: epsilon');
    if (this.epsilon <= 0) throw new Error(`adam optimizer: epsilon must be positive, got ${this.epsilon}`);
  }

  step(parameters: readonly Parameter[], learningRate: number): void {
    const firstBefore = this.firstMoment.advance(parameters),
      firstMoments = this.firstMoment.values();
    const secondBefore = this.secondMoment.advance(parameters),
      secondMoments = this.secondMoment.values();
    const t = ++this.steps; // right after both advances: the step count moves exactly when the second moment does
    const { beta1, beta2, epsilon } = this;
    const correction1 = 1 - beta1 ** t;
    const correction2 = 1 - beta2 ** t;
    parameters.forEach(({ value, grad }, index) => {
      const m0 = firstBefore[index],
        v0 = secondBefore[index],
        m = firstMoments[index],
        v = secondMoments[index],
        w = value.data,
        g = grad.data;
      for (let i = 0; i < w.length; i++) {
        m[i] = beta1 * m0[i] + (1 - beta1) * g[i];
        v[i] = beta2 * v0[i] + (1 - beta2) * g[i] * g[i];
        w[i] -= (learningRate * (m[i] / correction1)) / (Math.sqrt(v[i] / correction2) + epsilon);
      }
    });
  }

  /**
   * Puts both moments and the step count back as they were before the last step, bit for bit (nothing is copied per
   * step).
   */
  undo(): void {
    this.firstMoment.undo();
    if (this.secondMoment.undo()) this.steps--;
  }

  saveState(): OptimizerState {
    return {
      kind: this.kind,
      config: this.config(),
      step: this.steps,
      slots: { firstMoment: this.firstMoment.save(), secondMoment: this.secondMoment.save() },
    };
  }

  /** @throws Error (changing nothing) if the state does not fit the parameters or was saved with other β₁, β₂ or ε. */
  loadState(state: OptimizerState, parameters: readonly Parameter[]): void {
    const checked = expectOptimizerState(state, this.kind, ['firstMoment', 'secondMoment'], parameters, this.config());
    this.firstMoment.load(checked.slots.firstMoment);
    this.secondMoment.load(checked.slots.secondMoment);
    this.steps = checked.step;
  }

  /** The options as saved in a state, and as a loaded state must have them. */
  private config(): OptimizerConfig {
    return { beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon };
  }
}

function expectDecay(value: number, name: string): number {
  expectFiniteNumber(value, `adam optimizer: ${name}`);
  if (value < 0 || value >= 1) throw new Error(`adam optimizer: ${name} must be in [0, 1), got ${value}`);
  return value;
}

// Registration

/** Adam in a training spec: `{ kind: 'adam', beta1?, beta2?, epsilon? }`. */
export interface AdamSpec {
  readonly kind: 'adam';
  readonly beta1?: number;
  readonly beta2?: number;
  readonly epsilon?: number;
  readonly [option: string]: unknown;
}

/** Registers the optimizer kind `'adam'`. */
export const adamRegistration: OptimizerRegistration<AdamSpec> = {
  kind: 'adam',
  module: '@bpnet/adam',
  examples: [{ kind: 'adam' }, { kind: 'adam', beta1: 0.5, beta2: 0.9, epsilon: 1e-3 }],
  create(config) {
    expectKnownOptions(config, ['beta1', 'beta2', 'epsilon'], 'adam optimizer');
    return new AdamOptimizer(config);
  },
};

/** Load into the container to make the optimizer kind `'adam'` available to its trainer. */
export const adamModule = optimizerModule(adamRegistration);
