import { dataFingerprint } from '../data-fingerprint.js';
import { HISTORY_LIMIT } from '../history-series.js';
import { brief } from '../../validation/brief.js';
import type { TrainingCheckpoint } from './training-checkpoint.js';
import type { TrainingPlan } from '../training-plan.js';
import type { TrainingRun } from '../training-run.js';

type Settings = TrainingCheckpoint['settings'];

const SAME = 'resume with the same data and options';

/**
 * The settings of `run` that change its result, as a checkpoint records them: learning rate, batch size, sampling,
 * the training data's size and fingerprint, the validation data's (or null), the early stopping options (or null)
 * and the history limit. The model spec and the optimizer's kind and config are recorded beside them (`model.spec`,
 * `optimizer`).
 */
export function runSettings(run: TrainingRun): Settings {
  const { plan } = run;
  return {
    learningRate: plan.learningRate,
    batchSize: plan.batchSize,
    sampling: plan.sampling,
    samples: plan.inputs.rows,
    dataFingerprint: run.fingerprint(),
    validation:
      plan.validation === undefined
        ? null
        : { samples: plan.validation.inputs.rows, dataFingerprint: run.validationFingerprint() },
    earlyStopping: run.earlyStopping?.options ?? null,
    historyLimit: HISTORY_LIMIT,
  };
}

/** The validation data's fingerprint (`dataFingerprint` of its inputs and targets); '' without validation data. */
export function validationDataFingerprint(plan: TrainingPlan): string {
  const validation = plan.validation;
  return validation === undefined ? '' : dataFingerprint(validation.inputs, validation.targets);
}

/**
 * Checks that `run` has every setting `checkpoint` was trained with, in this order: learning rate, batch size,
 * sampling, sample count, data fingerprint, model spec (layer and loss kinds and options, input size), optimizer
 * kind and config, validation data, early stopping options, history limit. Version 1 and 2 checkpoints record
 * neither validation data nor early stopping options: they resume only a run with neither. The planned iterations
 * may differ (a run may be extended or cut short): no iteration's result depends on how many follow, so the resumed
 * run gives exactly what an uninterrupted run with the new count gives.
 * @throws Error naming the first setting that differs, its value in this run and in the checkpoint, e.g.
 *   `"resume: the optimizer's momentum is 0.5 but the checkpoint was trained with 0.9; resume with the same data and
 *   options"`.
 */
export function expectSameSettings(run: TrainingRun, checkpoint: TrainingCheckpoint): void {
  const saved = (checkpoint.settings ?? {}) as Partial<Record<keyof Settings, unknown>>;
  const current = runSettings(run);
  for (const key of ['learningRate', 'batchSize', 'sampling', 'samples', 'dataFingerprint'] as const) {
    if (saved[key] !== current[key])
      throw new Error(
        `resume: ${key} is ${brief(current[key])} but the checkpoint was trained with ${brief(saved[key])}; ${SAME}`,
      );
  }
  expectSameModel(run, checkpoint);
  expectSameOptimizer(run, checkpoint);
  if (checkpoint.version >= 3) {
    expectSameValidation(current.validation, saved.validation);
    expectSameEarlyStopping(current.earlyStopping, saved.earlyStopping);
  } else {
    expectNoUnrecordedOptions(run, checkpoint);
  }
  if (checkpoint.version >= 3 && saved.historyLimit !== current.historyLimit) {
    throw new Error(
      `resume: the history limit is ${current.historyLimit} but the checkpoint was written ` +
        `with ${brief(saved.historyLimit)}; resume it with the bpnet that wrote it`,
    );
  }
}

/** The network's spec must be the one the checkpoint's model was built from (resumeTraining rebuilds that one). */
function expectSameModel(run: TrainingRun, checkpoint: TrainingCheckpoint): void {
  const difference = firstDifference(run.network.spec, (checkpoint.model as { spec?: unknown } | undefined)?.spec, '');
  if (difference === undefined) return;
  const where = difference.path === '' ? 'the model spec' : `the model's ${difference.path}`;
  throw new Error(
    `resume: ${where} is ${describe(difference.current)} but the checkpoint ` +
      `was trained with ${describe(difference.saved)}; ${SAME}`,
  );
}

function expectSameOptimizer(run: TrainingRun, checkpoint: TrainingCheckpoint): void {
  const { kind, config } = run.optimizer.saveState();
  const saved = checkpoint.optimizer as { kind?: unknown; config?: unknown } | undefined;
  if (saved?.kind !== kind)
    throw new Error(
      `resume: the optimizer is ${brief(kind)} but the checkpoint was trained with ${brief(saved?.kind)}; ${SAME}`,
    );
  const difference = firstDifference(config, saved.config, '');
  if (difference === undefined) return;
  const option = difference.path === '' ? 'config' : difference.path;
  throw new Error(
    `resume: the optimizer's ${option} is ${describe(difference.current)} but the ` +
      `checkpoint was trained with ${describe(difference.saved)}; ${SAME}`,
  );
}

/** The same validation data (size and fingerprint) as the checkpoint's run, or none in both. */
function expectSameValidation(current: Settings['validation'], saved: unknown): void {
  const recorded = expectRecorded(saved, 'validation', 'null or { samples, dataFingerprint }') as {
    samples?: unknown;
    dataFingerprint?: unknown;
  } | null;
  if (current === null || current === undefined) {
    if (recorded === null) return;
    throw new Error(
      `resume: no validation data is given but the checkpoint was trained with validation data ` +
        `(${brief(recorded.samples)} samples, fingerprint ${brief(recorded.dataFingerprint)}); ${SAME}`,
    );
  }
  if (recorded === null)
    throw new Error(`resume: validation data is given but the checkpoint was trained without validation data; ${SAME}`);
  if (recorded.samples !== current.samples) {
    throw new Error(
      `resume: the validation data has ${current.samples} samples but the ` +
        `checkpoint was trained with ${brief(recorded.samples)}; ${SAME}`,
    );
  }
  if (recorded.dataFingerprint !== current.dataFingerprint) {
    throw new Error(
      `resume: the validation data's fingerprint is ${brief(current.dataFingerprint)} but the ` +
        `checkpoint was trained with ${brief(recorded.dataFingerprint)}; ${SAME}`,
    );
  }
}

/** The same early stopping options as the checkpoint's run, or none in both. */
function expectSameEarlyStopping(current: Settings['earlyStopping'], saved: unknown): void {
  const recorded = expectRecorded(saved, 'earlyStopping', 'null or { patience, minDelta }');
  if (current === null || current === undefined) {
    if (recorded === null) return;
    throw new Error(
      `resume: earlyStopping is not given but the checkpoint was ` +
        `trained with earlyStopping ${brief(recorded)}; ${SAME}`,
    );
  }
  if (recorded === null)
    throw new Error(`resume: earlyStopping is given but the checkpoint was trained without early stopping; ${SAME}`);
  const difference = firstDifference(current, recorded, '');
  if (difference === undefined) return;
  throw new Error(
    `resume: earlyStopping.${difference.path} is ${describe(difference.current)} but ` +
      `the checkpoint was trained with ${describe(difference.saved)}; ${SAME}`,
  );
}

/** A version 3 setting recorded as null or an object. */
function expectRecorded(saved: unknown, key: string, expected: string): Record<string, unknown> | null {
  if (saved === null) return null;
  if (isRecord(saved) && !Array.isArray(saved)) return saved;
  throw new Error(`resume: the checkpoint's settings.${key} must be ${expected}, got ${describe(saved)}`);
}

/** A version 1 or 2 checkpoint shows validation data only through its history, early stopping through its state. */
function expectNoUnrecordedOptions(run: TrainingRun, checkpoint: TrainingCheckpoint): void {
  const unrecorded = 'the validation data or early stopping options';
  const version = `a version ${checkpoint.version} checkpoint does not record ${unrecorded}`;
  if (run.plan.validation !== undefined || run.earlyStopping !== undefined) {
    throw new Error(
      `resume: ${version}, so a run with ` +
        `${run.earlyStopping === undefined ? 'validation data' : 'early stopping'} cannot be checked ` +
        `against it; resume without them, or start again`,
    );
  }
  const validationLoss = (checkpoint.history as { validationLoss?: unknown } | undefined)?.validationLoss;
  if (checkpoint.earlyStopping !== undefined || (Array.isArray(validationLoss) && validationLoss.length > 0)) {
    throw new Error(
      `resume: validation data is not given but the checkpoint was trained with it ` +
        `(${version}, so the run cannot be resumed with them either); start again`,
    );
  }
}

interface Difference {
  readonly path: string;
  readonly current: unknown;
  readonly saved: unknown;
}

/** The first place (depth first, this run's keys before extra saved ones) where two JSON values differ. */
function firstDifference(current: unknown, saved: unknown, path: string): Difference | undefined {
  if (isRecord(current) && isRecord(saved) && Array.isArray(current) === Array.isArray(saved)) {
    if (Array.isArray(current) && Array.isArray(saved) && current.length !== saved.length) {
      return { path: join(path, 'length'), current: current.length, saved: saved.length };
    }
    const keys = [...Object.keys(current), ...Object.keys(saved).filter((key) => !Object.hasOwn(current, key))];
    for (const key of keys) {
      const step = Array.isArray(current) ? `${path}[${key}]` : join(path, key);
      const difference = firstDifference(current[key], Object.hasOwn(saved, key) ? saved[key] : undefined, step);
      if (difference !== undefined) return difference;
    }
    return undefined;
  }
  return sameJson(current, saved) ? undefined : { path, current, saved };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

/** Equal as a checkpoint holds them (through JSON −0 becomes 0, which `===` already equates). */
function sameJson(a: unknown, b: unknown): boolean {
  return a === b;
}

function describe(value: unknown): string {
  return value === undefined ? 'absent' : brief(value);
}
