import type { InitializerRegistration, InitializerSpec } from '../../initializers/initializer.js';
import { jsKernels } from '../../kernels/js-kernels.js';
import type { Kernels } from '../../kernels/kernels.js';
import type { Fan } from '../../initializers/initializer.js';
import { type FloatArray, Matrix } from '../../kernels/matrix.js';
import { SeededRandom } from '../../random/seeded-random.js';
import { firstBitDifference } from './compare-arrays.js';
import { ConformanceRecorder, type ConformanceReport } from './conformance-report.js';
import { compareMoments, type ExpectedMoments } from './initializer-moments.js';

export type { ExpectedMoments } from './initializer-moments.js';

/** An initializer config as `initialize` receives it: `{ kind: 'gaussian', std: 0.1 }`. */
type InitializerConfig = Exclude<InitializerSpec, string>;

/** A matrix shape to initialize. */
export interface Shape {
  readonly rows: number;
  readonly cols: number;
}

/** Options of {@link checkInitializerConformance}. */
export interface InitializerConformanceOptions {
  /** Configs to check; default `[{ kind }]`. */
  readonly configs?: readonly InitializerConfig[];
  /** Shapes to fill; default 1×1, 3×5 and 200×150. The moments check uses the largest. */
  readonly shapes?: readonly Shape[];
  /**
   * The fan an initializer receives for a rows × cols matrix; default fanIn = rows, fanOut = cols, as the dense layer
   * initializes its inputSize × units weights.
   */
  readonly fan?: (rows: number, cols: number) => Fan;
  /** The documented mean and std of the values for a config and fan; without it the moments check does not run. */
  readonly moments?: (config: InitializerConfig, fan: Fan) => ExpectedMoments;
  /** Kernels whose `matrix` allocates the targets; default `jsKernels`. */
  readonly kernels?: Kernels;
  /** Seed of the `SeededRandom` the initializer draws from; default 1 (and seed + 1 for the other run). */
  readonly seed?: number;
}

const DEFAULT_SHAPES: readonly Shape[] = [
  { rows: 1, cols: 1 },
  { rows: 3, cols: 5 },
  { rows: 200, cols: 150 },
];

/** The option the kit adds to each config, which the initializer must reject. */
const UNKNOWN_OPTION = 'notAnOption';

/**
 * Checks an initializer registration for every config; every target is first filled with NaN, and the initializer
 * gets a copy of the config (read back from JSON), the fan of `options.fan` and a `SeededRandom(seed)`. The checks,
 * as named in the report:
 *
 * - `'fills every element with finite numbers'` (each shape): on a matrix from `kernels.matrix` and on a float32
 *   matrix, every element is finite afterwards.
 * - `'deterministic by seed'` (each shape): two runs from `SeededRandom(seed)` give the same bits; and a run from
 *   `SeededRandom(seed + 1)` gives different values, unless the first run's values are all equal (zeros, a
 *   constant, a 1×1 matrix), so the initializer draws from the random source it is given.
 * - `'moments within tolerance'` (largest shape, when `moments` is given): with n values, the sample mean is within
 *   5 · std / √n of the expected mean and the sample std within 6 · std / √(2n) of the expected std (6 standard
 *   errors for normal draws; 2.4 % of std on 200 × 150); for std 0 every element must equal the mean.
 * - `'rejects unknown options'`: `initialize({ ...config, notAnOption: 1 }, …)` throws (as `expectKnownOptions` does).
 *
 * A check that throws is a failure showing the error's message.
 */
export function checkInitializerConformance(
  registration: InitializerRegistration,
  options: InitializerConformanceOptions = {},
): ConformanceReport {
  const recorder = new ConformanceRecorder(registration.kind);
  const shapes = options.shapes ?? DEFAULT_SHAPES;
  const fanOf = options.fan ?? ((rows: number, cols: number): Fan => ({ fanIn: rows, fanOut: cols }));
  const kernels = options.kernels ?? jsKernels;
  const seed = options.seed ?? 1;
  for (const config of options.configs ?? [{ kind: registration.kind }]) {
    /** The values `config` writes into `target` (first filled with NaN), drawing from `SeededRandom(seedOfRun)`. */
    const initialize = (target: Matrix, seedOfRun = seed, configOfRun = config): FloatArray => {
      target.data.fill(NaN);
      const context = {
        ...fanOf(target.rows, target.cols),
        random: new SeededRandom(seedOfRun),
        where: 'the conformance target',
      };
      registration.initialize(JSON.parse(JSON.stringify(configOfRun)), target, context);
      return target.data;
    };
    const settingOf = ({ rows, cols }: Shape) => {
      const { fanIn, fanOut } = fanOf(rows, cols);
      return `config ${JSON.stringify(config)}, ${rows}×${cols} (fanIn ${fanIn}, fanOut ${fanOut}), seed ${seed}`;
    };
    for (const { rows, cols } of shapes) {
      const setting = settingOf({ rows, cols });
      recorder.run('fills every element with finite numbers', setting, () => {
        const float32 = new Matrix(rows, cols, new Float32Array(rows * cols));
        return (
          firstNonFinite(
            `a ${rows}×${cols} matrix from kernels '${kernels.name}'`,
            initialize(kernels.matrix(rows, cols)),
            cols,
          ) ?? firstNonFinite('a float32 matrix', initialize(float32), cols)
        );
      });
      recorder.run('deterministic by seed', setting, () => {
        const first = initialize(kernels.matrix(rows, cols));
        const problem = firstBitDifference(
          `two runs from SeededRandom(${seed})`,
          initialize(kernels.matrix(rows, cols)),
          first,
        );
        if (problem !== undefined || allEqual(first)) return problem;
        const otherSeedDiffers =
          firstBitDifference('another seed', initialize(kernels.matrix(rows, cols), seed + 1), first) !== undefined;
        return otherSeedDiffers
          ? undefined
          : `SeededRandom(${seed}) and SeededRandom(${seed + 1}) gave the same ${first.length} values, ` +
              `which are not all equal: it does not draw from the random source it is given`;
      });
    }
    const largest =
      shapes.length === 0 ? undefined : shapes.reduce((a, b) => (b.rows * b.cols > a.rows * a.cols ? b : a));
    const { moments } = options;
    if (moments !== undefined && largest !== undefined) {
      recorder.run('moments within tolerance', settingOf(largest), () => {
        const expected = moments(config, fanOf(largest.rows, largest.cols));
        const problem = compareMoments(initialize(kernels.matrix(largest.rows, largest.cols)), expected);
        return problem === undefined ? undefined : `${problem} (expected mean ${expected.mean}, std ${expected.std})`;
      });
    }
    recorder.run('rejects unknown options', `config ${JSON.stringify(config)}`, () => {
      const target = kernels.matrix(shapes[0]?.rows ?? 1, shapes[0]?.cols ?? 1);
      try {
        initialize(target, seed, { ...config, [UNKNOWN_OPTION]: 1 });
      } catch {
        return undefined;
      }
      return (
        `accepted the unknown option ${UNKNOWN_OPTION}: 1; reject ` +
        `options it does not know (see expectKnownOptions)`
      );
    });
  }
  return recorder.report();
}

/** `'<what>: element i (row r, column c) is NaN'` for the first element that is not finite; undefined if none. */
function firstNonFinite(what: string, values: FloatArray, cols: number): string | undefined {
  const index = values.findIndex((value) => !Number.isFinite(value));
  if (index < 0) return undefined;
  return (
    `${what}: element ${index} (row ${Math.floor(index / cols)}, column ` +
    `${index % cols}) is ${values[index]} after initialize`
  );
}

/** Whether every value has the same bits as the first (true for fewer than two values). */
function allEqual(values: FloatArray): boolean {
  return values.every((value) => Object.is(value, values[0]));
}
