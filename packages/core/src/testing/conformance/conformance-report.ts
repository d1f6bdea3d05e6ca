/** One failed check of the conformance kit. */
export interface ConformanceFailure {
  /** The registered kind checked. */
  readonly kind: string;
  /** Which check, e.g. `'gradient of weights'`, `'batch equals sum of samples'`, `'save and load'`. */
  readonly check: string;
  /** The setting it failed in: config, input size and batch size. */
  readonly setting: string;
  /** What went wrong, with the worst element and its numbers. */
  readonly message: string;
}

/** What the kit found for one kind. */
export interface ConformanceReport {
  readonly kind: string;
  /** Number of checks run. */
  readonly checks: number;
  readonly failures: readonly ConformanceFailure[];
}

/**
 * Throws when any report has failures, listing each: kind, check, setting, worst element and its numbers.
 * Call it from any test runner; with vitest, `expect(() => assertConformance(report)).not.toThrow()` or simply
 * `assertConformance(report)`.
 */
export function assertConformance(reports: ConformanceReport | readonly ConformanceReport[]): void {
  const failures = (Array.isArray(reports) ? reports : [reports as ConformanceReport]).flatMap(
    (report) => report.failures,
  );
  if (failures.length === 0) return;
  const lines = failures.map(({ kind, check, setting, message }) => `- ${kind}: ${check} (${setting}): ${message}`);
  throw new Error(`Conformance failed:\n${lines.join('\n')}`);
}

/** Collects checks and failures for one kind. */
export class ConformanceRecorder {
  private count = 0;
  private readonly failures: ConformanceFailure[] = [];

  constructor(readonly kind: string) {}

  /** Runs `check`, recording a failure if it returns a message or throws. */
  run(check: string, setting: string, body: () => string | undefined): void {
    this.count++;
    let message: string | undefined;
    try {
      message = body();
    } catch (error) {
      message = `threw ${(error as Error).message}`;
    }
    if (message !== undefined) this.failures.push({ kind: this.kind, check, setting, message });
  }

  report(): ConformanceReport {
    return { kind: this.kind, checks: this.count, failures: [...this.failures] };
  }
}
