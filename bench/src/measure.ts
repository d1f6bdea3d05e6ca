import type { Measurement, MeasurePlan, Session, Skipped } from './runners/runner.js';

/** Runs `session` `plan.warmups` times untimed, then `plan.runs` times timed. */
export async function measureSession(session: Session, plan: MeasurePlan): Promise<Measurement> {
  try {
    for (let i = 0; i < plan.warmups; i++) await session.run();
    const runSeconds: number[] = [];
    let losses: number[] = [];
    for (let i = 0; i < plan.runs; i++) {
      const start = process.hrtime.bigint();
      losses = await session.run();
      runSeconds.push(Number(process.hrtime.bigint() - start) / 1e9);
    }
    return { runSeconds, losses };
  } finally {
    session.dispose?.();
  }
}

/**
 * One result from a runner's rounds: every timed run's seconds, the last round's losses, iteration count and extras;
 * the first skip when any round was skipped (a runner that fails once is not reported from its other rounds).
 */
export function combineRounds(rounds: readonly (Measurement | Skipped)[]): Measurement | Skipped {
  const skipped = rounds.find(isSkipped);
  if (skipped !== undefined) return skipped;
  const measured = rounds as readonly Measurement[];
  if (measured.length === 0) return { skipped: 'not run' };
  const last = measured[measured.length - 1];
  return { ...last, runSeconds: measured.flatMap((m) => m.runSeconds) };
}

/** The median of `values` (mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Whether a runner's result is a skip. */
export function isSkipped(result: Measurement | Skipped): result is Skipped {
  return (result as Skipped).skipped !== undefined;
}

/** The message of a thrown value. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0] : String(error);
}
