import type { Optimizer, OptimizerState } from '../../optimizers/optimizer.js';
import { compareContinuations, optimizerAfter, type OptimizerTrial, type SteppedOptimizer } from './optimizer-trial.js';
import { cloneParameters, describeParameter } from './quadratic-objective.js';

/** Steps taken before a state is saved, and after it is loaded, in the state checks. */
export const STEPS_BEFORE_SAVING = 3;
export const STEPS_AFTER_LOADING = 2;

/** A state an optimizer must refuse, and what it is, for the report: `'a state of kind …'`. */
export interface StateToRefuse {
  readonly state: OptimizerState;
  readonly what: string;
}

/** `saveState()` written to JSON and read back, as it would be from a file. */
export function savedThroughJson(optimizer: Optimizer): OptimizerState {
  return JSON.parse(JSON.stringify(optimizer.saveState())) as OptimizerState;
}

/**
 * The 'state round-trips' check: an optimizer steps 3 times, its state goes through JSON into a fresh optimizer of
 * the same config on copies of the parameters, then both step 2 more times on the same values and gradients; the
 * values after each step and the final saved states must agree bit for bit.
 */
export function checkStateRoundTrip(trial: OptimizerTrial): string | undefined {
  const original = optimizerAfter(trial, STEPS_BEFORE_SAVING);
  const state = savedThroughJson(original.optimizer);
  const restored: SteppedOptimizer = {
    optimizer: trial.create(),
    parameters: cloneParameters(original.parameters, trial.kernels),
  };
  restored.optimizer.loadState(state, restored.parameters);
  return compareContinuations(
    trial,
    restored,
    original,
    STEPS_AFTER_LOADING,
    `loaded from the state saved after ${STEPS_BEFORE_SAVING} steps (restored vs original)`,
  );
}

/**
 * A refusal check: an optimizer steps 3 times, then must throw on loading each of `states`; afterwards it and a twin
 * that never saw them step 2 more times and must agree bit for bit (values and saved state), so a refused load
 * changed nothing. Returns `'accepted <what>'` for the first state it loads.
 */
export function checkRefusals(trial: OptimizerTrial, states: readonly StateToRefuse[]): string | undefined {
  const tried = optimizerAfter(trial, STEPS_BEFORE_SAVING);
  const untouched = optimizerAfter(trial, STEPS_BEFORE_SAVING);
  for (const { state, what } of states) {
    if (loads(tried, state)) return `accepted ${what}`;
  }
  const refused = states.map(({ what }) => what).join(' and ');
  return compareContinuations(
    trial,
    tried,
    untouched,
    STEPS_AFTER_LOADING,
    `after refusing ${refused}, vs an optimizer that never saw ${states.length === 1 ? 'it' : 'them'}`,
  );
}

/**
 * States that do not fit the config's own: its state after 3 steps with the kind changed to `<kind>/another-kind`
 * and, when it has slots, with every slot's array for the last parameter one value short.
 */
export function statesThatDoNotFit(trial: OptimizerTrial): StateToRefuse[] {
  const { optimizer, parameters } = optimizerAfter(trial, STEPS_BEFORE_SAVING);
  const state = savedThroughJson(optimizer);
  const otherKind = `${state.kind}/another-kind`;
  const result: StateToRefuse[] = [{ state: { ...state, kind: otherKind }, what: `a state of kind '${otherKind}'` }];
  const names = Object.keys(state.slots);
  if (names.length > 0) {
    const last = parameters.length - 1;
    const shorten = (values: unknown, index: number) =>
      index === last && Array.isArray(values) ? values.slice(0, -1) : values;
    const slots = Object.fromEntries(
      names.map((name) => [
        name,
        Array.isArray(state.slots[name]) ? state.slots[name].map(shorten) : state.slots[name],
      ]),
    );
    const what =
      `a state whose slots (${names.join(', ')}) hold one value too ` +
      `few for ${describeParameter(parameters[last])}`;
    result.push({ state: { ...state, slots } as OptimizerState, what });
  }
  return result;
}

function loads({ optimizer, parameters }: SteppedOptimizer, state: OptimizerState): boolean {
  try {
    optimizer.loadState(state, parameters);
    return true;
  } catch {
    return false;
  }
}
