import { describe, expect, it } from 'vitest';
import { builtinInitializers } from '../../initializers/builtin-initializers.js';
import type { InitializerRegistration, InitializerSpec } from '../../initializers/initializer.js';
import type { Fan } from '../../initializers/initializer.js';
import type { RandomSource } from '../../random/random-source.js';
import { SeededRandom } from '../../random/seeded-random.js';
import { expectKnownOptions } from '../../validation/validate.js';
import { assertConformance } from './conformance-report.js';
import {
  checkInitializerConformance,
  type ExpectedMoments,
  type InitializerConformanceOptions,
} from './initializer-conformance.js';

type Config = Exclude<InitializerSpec, string>;

/** The configs each built-in kind is checked with, and its mean and std as builtin-initializers.ts documents them. */
const builtins: Record<string, { configs: Config[]; moments: (config: Config, fan: Fan) => ExpectedMoments }> = {
  gaussian: {
    configs: [
      { kind: 'gaussian' },
      { kind: 'gaussian', std: 0.1 },
      { kind: 'gaussian', std: 2, mean: -3 },
      { kind: 'gaussian', std: 0, mean: 0.5 },
    ],
    moments: (config, { fanIn }) => ({
      mean: (config.mean as number | undefined) ?? 0,
      std: (config.std as number | undefined) ?? 1 / Math.sqrt(fanIn),
    }),
  },
  zeros: { configs: [{ kind: 'zeros' }], moments: () => ({ mean: 0, std: 0 }) },
  constant: {
    configs: [{ kind: 'constant', value: 1.5 }],
    moments: (config) => ({ mean: config.value as number, std: 0 }),
  },
  xavier: {
    configs: [{ kind: 'xavier' }, { kind: 'xavier', distribution: 'normal' }],
    moments: (_config, { fanIn, fanOut }) => ({ mean: 0, std: Math.sqrt(2 / (fanIn + fanOut)) }),
  },
  he: {
    configs: [{ kind: 'he' }, { kind: 'he', distribution: 'normal' }],
    moments: (_config, { fanIn }) => ({ mean: 0, std: Math.sqrt(2 / fanIn) }),
  },
};

/**
 * A registration that fills with `draw` (std 1/√fanIn normal draws unless told otherwise), optionally rejecting unknown
 * options.
 */
function testInitializer(
  kind: string,
  draw: (random: RandomSource, fan: Fan) => number,
  fillLast = true,
  rejectUnknown = true,
): InitializerRegistration {
  return {
    kind,
    initialize(config, target, context) {
      if (rejectUnknown) expectKnownOptions(config, [], kind);
      const end = fillLast ? target.data.length : target.data.length - 1;
      for (let i = 0; i < end; i++) target.data[i] = draw(context.random, context);
    },
  };
}

const lecun = (random: RandomSource, { fanIn }: Fan) => random.normal() / Math.sqrt(fanIn);
const lecunMoments: InitializerConformanceOptions = {
  moments: (_config, { fanIn }) => ({ mean: 0, std: 1 / Math.sqrt(fanIn) }),
};

function failedChecks(
  registration: InitializerRegistration,
  options: InitializerConformanceOptions = lecunMoments,
): string[] {
  return [...new Set(checkInitializerConformance(registration, options).failures.map((failure) => failure.check))];
}

describe('checkInitializerConformance', () => {
  it.each(builtinInitializers.map((registration) => [registration.kind, registration] as const))(
    'passes the built-in %s',
    (kind, registration) => {
      const report = checkInitializerConformance(registration, builtins[kind]);
      assertConformance(report);
      expect(report.checks).toBe(builtins[kind].configs.length * (2 * 3 + 2));
    },
  );

  it('passes a correct test initializer', () => {
    expect(failedChecks(testInitializer('test/lecun', lecun))).toEqual([]);
  });

  it('catches an initializer drawing from Math.random', () => {
    const registration = testInitializer(
      'test/math-random',
      (_random, fan) => (Math.random() - 0.5) * Math.sqrt(12 / fan.fanIn),
    );
    expect(failedChecks(registration)).toEqual(['deterministic by seed']);
    expect(checkInitializerConformance(registration).failures[0].message).toMatch(
      /^two runs from SeededRandom\(1\): element 0 is .* vs .*$/,
    );
  });

  it('catches an initializer drawing from a random source of its own', () => {
    const own = new SeededRandom(0);
    const report = checkInitializerConformance(testInitializer('test/own-random', (_random, fan) => lecun(own, fan)));
    expect(report.failures.map((failure) => failure.check)).toContain('deterministic by seed');
  });

  it('catches an initializer seeding a random source of its own', () => {
    const registration: InitializerRegistration = {
      kind: 'test/fixed-seed',
      initialize(_config, target) {
        const random = new SeededRandom(42);
        target.data.forEach((_, i) => (target.data[i] = random.normal()));
      },
    };
    const failures = checkInitializerConformance(registration, { shapes: [{ rows: 3, cols: 5 }] }).failures;
    expect(failures.map((failure) => [failure.check, failure.message])).toEqual([
      [
        'deterministic by seed',
        'SeededRandom(1) and SeededRandom(2) gave the same 15 values, which are not ' +
          'all equal: it does not draw from the random source it is given',
      ],
      [
        'rejects unknown options',
        'accepted the unknown option notAnOption: 1; reject options it does not know (see expectKnownOptions)',
      ],
    ]);
  });

  it('catches an initializer leaving the last element unfilled', () => {
    const registration = testInitializer('test/short', lecun, false);
    expect(failedChecks(registration, {})).toEqual(['fills every element with finite numbers']);
    expect(checkInitializerConformance(registration, { shapes: [{ rows: 3, cols: 5 }] }).failures[0].message).toBe(
      "a 3×5 matrix from kernels 'js': element 14 (row 2, column 4) is NaN after initialize",
    );
  });

  it('catches a std 5 % off its documented value', () => {
    const registration = testInitializer('test/wide', (random, fan) => 1.05 * lecun(random, fan));
    expect(failedChecks(registration)).toEqual(['moments within tolerance']);
    expect(checkInitializerConformance(registration, lecunMoments).failures[0]).toMatchObject({
      setting: 'config {"kind":"test/wide"}, 200×150 (fanIn 200, fanOut 150), seed 1',
      message: expect.stringMatching(
        /^sample std 0\.07\d+ of 30000 values is more than 1\.73e-3 \(6 standard errors\) from the expected 0\.0707\d+/,
      ),
    });
  });

  it('catches an initializer that ignores unknown options', () => {
    expect(failedChecks(testInitializer('test/lenient', lecun, true, false))).toEqual(['rejects unknown options']);
  });
});
