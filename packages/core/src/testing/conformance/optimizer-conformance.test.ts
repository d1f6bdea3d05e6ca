import { describe, expect, it } from 'vitest';
import type { Optimizer, OptimizerRegistration, OptimizerSpec, OptimizerState } from '../../optimizers/optimizer.js';
import { sgdRegistration } from '../../optimizers/sgd-optimizer.js';
import { expectOptimizerState, SlotBuffers } from '../../optimizers/slot-state.js';
import type { Parameter } from '../../contract/parameter.js';
import { checkOptimizerConformance, type ReferenceUpdate } from './optimizer-conformance.js';

/** Flaws hand-written optimizers have. */
type Flaw =
  | 'step-off-by-a-factor'
  | 'save-omits-velocity'
  | 'load-ignores-config'
  | 'load-changes-before-checking'
  | 'modifies-grad'
  | 'undo-keeps-velocity';

/** Heavy-ball momentum, v ← μ v − η g, w ← w + v, with an optional flaw. */
class HeavyBall implements Optimizer {
  private readonly velocity = new SlotBuffers();
  private steps = 0;

  /** Only with the flaw 'undo-keeps-velocity': takes back the step count but not the velocity. */
  readonly undo?: () => void;

  constructor(
    readonly kind: string,
    private readonly momentum: number,
    private readonly flaw: Flaw | undefined,
  ) {
    if (flaw === 'undo-keeps-velocity') this.undo = () => void this.steps--;
  }

  step(parameters: readonly Parameter[], learningRate: number): void {
    const eta = this.flaw === 'step-off-by-a-factor' ? 1.001 * learningRate : learningRate;
    const velocities = this.velocity.for(parameters);
    parameters.forEach(({ value, grad }, index) => {
      const v = velocities[index];
      for (let i = 0; i < v.length; i++) {
        if (this.flaw === 'modifies-grad') grad.data[i] *= eta; // then uses η g from grad: the same update
        v[i] = this.momentum * v[i] - (this.flaw === 'modifies-grad' ? grad.data[i] : eta * grad.data[i]);
        value.data[i] += v[i];
      }
    });
    this.steps++;
  }

  saveState(): OptimizerState {
    const slots: Record<string, number[][]> =
      this.flaw === 'save-omits-velocity' ? {} : { velocity: this.velocity.save() };
    return { kind: this.kind, config: { momentum: this.momentum }, step: this.steps, slots };
  }

  loadState(state: OptimizerState, parameters: readonly Parameter[]): void {
    if (this.flaw === 'load-changes-before-checking') this.velocity.load(state.slots.velocity ?? []);
    const slotNames = this.flaw === 'save-omits-velocity' ? [] : ['velocity'];
    const config = this.flaw === 'load-ignores-config' ? undefined : { momentum: this.momentum };
    const checked = expectOptimizerState(state, this.kind, slotNames, parameters, config);
    if (slotNames.length > 0) this.velocity.load(checked.slots.velocity);
    this.steps = checked.step;
  }
}

function heavyBallRegistration(flaw?: Flaw): OptimizerRegistration {
  const kind = `test/heavy-ball-${flaw ?? 'correct'}`;
  return {
    kind,
    examples: [
      { kind, momentum: 0.9 },
      { kind, momentum: 0.5 },
    ],
    create: (config) => new HeavyBall(kind, config.momentum as number, flaw),
  };
}

/** v ← μ v − η g, w ← w + v, from the formula. */
function heavyBallReference(config: OptimizerSpec): ReferenceUpdate {
  const mu = config.momentum as number;
  let velocities: Float64Array[] | undefined;
  return (values, gradients, eta) => {
    velocities ??= values.map((w) => new Float64Array(w.length));
    values.forEach((w, p) => {
      for (let i = 0; i < w.length; i++) {
        velocities![p][i] = mu * velocities![p][i] - eta * gradients[p][i];
        w[i] += velocities![p][i];
      }
    });
  };
}

const failedChecks = (flaw: Flaw) => [
  ...new Set(
    checkOptimizerConformance(heavyBallRegistration(flaw), { reference: heavyBallReference }).failures.map(
      (f) => f.check,
    ),
  ),
];

describe('checkOptimizerConformance', () => {
  it('passes sgd against w ← w − η g', () => {
    const report = checkOptimizerConformance(sgdRegistration, {
      reference: () => (values, gradients, eta) =>
        values.forEach((w, p) => w.forEach((_, i) => (w[i] -= eta * gradients[p][i]))),
    });
    expect(report.failures).toEqual([]);
    expect(report.checks).toBe(6); // with 'undoes a step exactly'
  });

  it('passes a correct optimizer in every config, including the refusal of the other config’s state', () => {
    const report = checkOptimizerConformance(heavyBallRegistration(), { reference: heavyBallReference });
    expect(report.failures).toEqual([]);
    expect(report.checks).toBe(2 * 6);
  });

  it('catches a step off by a factor', () => {
    expect(failedChecks('step-off-by-a-factor')).toEqual(['step equals the documented formula']);
    const [failure] = checkOptimizerConformance(heavyBallRegistration('step-off-by-a-factor'), {
      reference: heavyBallReference,
    }).failures;
    expect(failure.message).toMatch(
      new RegExp(
        String.raw`^parameter w0 \(3×2\) after step 1 \(optimizer vs reference\): ` +
          String.raw`element \d+ is .* \(relative difference .*, tolerance 1e-12\)$`,
      ),
    );
  });

  it('catches a saved state that omits a slot', () => {
    expect(failedChecks('save-omits-velocity')).toEqual(['state round-trips']);
  });

  it('catches a loadState that ignores the config', () => {
    expect(failedChecks('load-ignores-config')).toEqual(["refuses another configuration's state"]);
    const [failure] = checkOptimizerConformance(heavyBallRegistration('load-ignores-config'), {
      reference: heavyBallReference,
    }).failures;
    expect(failure.message).toBe(
      'accepted a state saved under {"kind":"test/heavy-ball-load-ignores-config","momentum":0.5}',
    );
  });

  it('catches a loadState that changes the optimizer before refusing', () => {
    expect(failedChecks('load-changes-before-checking')).toEqual([
      "refuses another configuration's state",
      'refuses a state that does not fit',
    ]);
  });

  it('catches an undo that leaves the step in the optimizer’s slots', () => {
    expect(failedChecks('undo-keeps-velocity')).toEqual(['undoes a step exactly']);
    const [failure] = checkOptimizerConformance(heavyBallRegistration('undo-keeps-velocity'), {
      reference: heavyBallReference,
    }).failures;
    const prefix =
      'a step on its gradient after 0 steps, undone (vs an optimizer that never took it), ' +
      'at once: saveState() after 0 steps differs: ';
    expect(failure.message.slice(0, prefix.length)).toBe(prefix);
  });

  it('catches a step that modifies grad', () => {
    expect(failedChecks('modifies-grad')).toEqual(['leaves gradients alone']);
  });

  it('reports a config that cannot be created', () => {
    const report = checkOptimizerConformance(sgdRegistration, {
      configs: [{ kind: 'sgd', momentum: 0.9 }],
      reference: () => () => {},
    });
    expect(report.failures).toEqual([
      {
        kind: 'sgd',
        check: 'create',
        setting: 'config {"kind":"sgd","momentum":0.9}, parameters 3×2 and 1×4, η = 0.05, 5 steps',
        message: "threw sgd optimizer: unknown option 'momentum'; it takes no options",
      },
    ]);
  });
});
