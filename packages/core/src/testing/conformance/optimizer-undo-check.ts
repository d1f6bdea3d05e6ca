import { compareContinuations, optimizerAfter, type OptimizerTrial } from './optimizer-trial.js';

/** Steps taken before the undone one, in the undo check: the first step, and one after a few. */
const STEPS_BEFORE_UNDOING = [0, 3] as const;
/** Steps compared after the undo. */
const STEPS_AFTER_UNDO = 2;

/**
 * The 'undoes a step exactly' check, for an optimizer with `undo`: after 0 and after 3 steps, the optimizer takes
 * one step on the objective's gradient and one on gradients that are all Infinity (what a diverging run hands it),
 * each time followed by putting the parameter values back and `undo()`. It and a twin that never took those steps
 * must then agree bit for bit: `saveState()` at once, and values and saved state over 2 more steps. Returns the
 * first difference, or the message of an error thrown.
 */
export function checkUndo(trial: OptimizerTrial): string | undefined {
  for (const before of STEPS_BEFORE_UNDOING) {
    for (const gradients of ['its gradient', 'gradients of Infinity'] as const) {
      const tried = optimizerAfter(trial, before);
      const untouched = optimizerAfter(trial, before);
      const undo = tried.optimizer.undo;
      if (undo === undefined) return undefined;
      const values = tried.parameters.map((parameter) => parameter.value.data.slice());
      trial.objective.setGradients(tried.parameters);
      if (gradients !== 'its gradient') for (const { grad } of tried.parameters) grad.data.fill(Infinity);
      tried.optimizer.step(tried.parameters, trial.learningRate, trial.kernels);
      tried.parameters.forEach((parameter, i) => parameter.value.data.set(values[i]));
      undo.call(tried.optimizer);
      const what = `a step on ${gradients} after ${before} steps, undone (vs an optimizer that never took it)`;
      const problem =
        compareContinuations(trial, tried, untouched, 0, `${what}, at once`) ??
        compareContinuations(trial, tried, untouched, STEPS_AFTER_UNDO, what);
      if (problem !== undefined) return problem;
    }
  }
  return undefined;
}
