import type { Kernels } from '../../kernels/kernels.js';
import type { Optimizer } from '../../optimizers/optimizer.js';
import type { Parameter } from '../../contract/parameter.js';
import { firstBitDifference } from './compare-arrays.js';
import { describeParameter, type QuadraticObjective } from './quadratic-objective.js';

/** What every optimizer check needs: a way to create the optimizer under test, the objective and the step settings. */
export interface OptimizerTrial {
  /** A fresh optimizer of the config being checked. */
  readonly create: () => Optimizer;
  readonly objective: QuadraticObjective;
  readonly kernels: Kernels;
  readonly learningRate: number;
}

/** An optimizer with the parameters it steps. */
export interface SteppedOptimizer {
  readonly optimizer: Optimizer;
  readonly parameters: readonly Parameter[];
}

/** A fresh optimizer on fresh parameters at the objective's start, after `steps` steps. */
export function optimizerAfter(trial: OptimizerTrial, steps: number): SteppedOptimizer {
  const stepped = { optimizer: trial.create(), parameters: trial.objective.parameters(trial.kernels) };
  takeSteps(trial, stepped, steps);
  return stepped;
}

/** `count` steps, each on the objective's gradient at the current values. */
export function takeSteps(trial: OptimizerTrial, { optimizer, parameters }: SteppedOptimizer, count: number): void {
  for (let step = 0; step < count; step++) {
    trial.objective.setGradients(parameters);
    optimizer.step(parameters, trial.learningRate, trial.kernels);
  }
}

/**
 * Steps `actual` and `expected` (whose parameters hold the same values) `count` times side by side, each on the
 * objective's gradient at its own values, and compares the values after every step and the saved states at the
 * end, bit for bit. Returns the first difference, prefixed with `what`; undefined when there is none.
 */
export function compareContinuations(
  trial: OptimizerTrial,
  actual: SteppedOptimizer,
  expected: SteppedOptimizer,
  count: number,
  what: string,
): string | undefined {
  for (let step = 1; step <= count; step++) {
    takeSteps(trial, actual, 1);
    takeSteps(trial, expected, 1);
    for (let i = 0; i < actual.parameters.length; i++) {
      const parameter = actual.parameters[i];
      const problem = firstBitDifference(
        `${what}: value of ${describeParameter(parameter)} after step ${step}`,
        parameter.value.data,
        expected.parameters[i].value.data,
      );
      if (problem !== undefined) return problem;
    }
  }
  const actualState = JSON.stringify(actual.optimizer.saveState());
  const expectedState = JSON.stringify(expected.optimizer.saveState());
  return actualState === expectedState
    ? undefined
    : `${what}: saveState() after ${count} steps differs: ${excerptOfDifference(actualState, expectedState)}`;
}

/** The text around the first character where `a` and `b` differ: `'…"step":4… vs …"step":5…'`. */
function excerptOfDifference(a: string, b: string): string {
  let at = 0;
  while (at < a.length && a[at] === b[at]) at++;
  const from = Math.max(0, at - 30);
  const excerpt = (text: string) =>
    `${from > 0 ? '…' : ''}${text.slice(from, at + 30)}${at + 30 < text.length ? '…' : ''}`;
  return `${excerpt(a)} vs ${excerpt(b)}`;
}
