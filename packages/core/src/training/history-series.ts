import { decodeNumber, type EncodedNumber, encodeNumber } from './checkpoint/non-finite-json.js';

/**
 * The most values a training history keeps per series (loss, accuracy, validation accuracy, validation loss). A run
 * with more iterations (or epochs) keeps every 2nd, then every 4th, … value, so that memory and the size of each
 * checkpoint stay bounded however long the run is; runs up to this length keep every value.
 */
export const HISTORY_LIMIT = 10_000;

/**
 * A training history series as a checkpoint stores it: the stride and the kept values (non-finite ones as strings).
 */
export interface SavedSeries {
  /** The stride: the values are those of entries 0, every, 2·every, …; a power of two. */
  readonly every: number;
  readonly values: readonly EncodedNumber[];
}

/**
 * A record of one value per entry (per iteration, or per epoch) that keeps at most `limit` of them: the values of
 * entries 0, s, 2s, … for the smallest power of two s that keeps no more than `limit`. When one more would exceed
 * the limit it drops every other kept value and doubles s. The kept values are exactly those of the entries they
 * name (no averaging), and they depend only on the values pushed and the limit, so a run resumed from a
 * checkpoint keeps the same values as one that never stopped.
 */
export class HistorySeries {
  private kept: number[] = [];
  private stride = 1;
  private count = 0;

  /** @param limit - the most values kept, ≥ 1. */
  constructor(readonly limit = HISTORY_LIMIT) {}

  /** Records the value of the next entry (kept when the entry's index is a multiple of the stride). */
  push(value: number): void {
    if (this.count++ % this.stride !== 0) return;
    this.kept.push(value);
    if (this.kept.length > this.limit) this.thin();
  }

  /** The stride s: {@link values} are those of entries 0, s, 2s, …. */
  get every(): number {
    return this.stride;
  }

  /** Entries pushed so far (kept or not). */
  get length(): number {
    return this.count;
  }

  /** A copy of the kept values. */
  values(): number[] {
    return this.kept.slice();
  }

  /** The series as plain JSON for a checkpoint (±Infinity and NaN as strings). */
  save(): SavedSeries {
    return { every: this.stride, values: this.kept.map(encodeNumber) };
  }

  /**
   * Continues from a saved series of `count` entries: checks that `saved` is what a series with these many entries
   * keeps (a power-of-two stride, ⌈count / every⌉ values), then thins it to this series' limit if needed. A list
   * of every value (checkpoint versions 1 and 2) is a series with stride 1. Changes nothing when it throws.
   * @param where - names the series in messages, e.g. `"resume: the checkpoint's history.loss"`.
   * @throws Error saying what does not fit.
   */
  restore(saved: unknown, count: number, where: string): void {
    const { every, values } = Array.isArray(saved)
      ? { every: 1, values: saved as unknown[] }
      : expectSavedSeries(saved, where);
    const expected = Math.ceil(count / every);
    if (values.length !== expected) {
      throw new Error(
        `${where} holds ${values.length} values, expected ${expected} (${count} entries, every ${every})`,
      );
    }
    const decoded = new Array<number>(values.length);
    for (let i = 0; i < values.length; i++) decoded[i] = decodeNumber(values[i], `${where}[${i}]`);
    this.kept = decoded;
    this.stride = every;
    this.count = count;
    while (this.kept.length > this.limit) this.thin();
  }

  /** Keeps every other value and doubles the stride. */
  private thin(): void {
    let j = 0;
    for (let i = 0; i < this.kept.length; i += 2) this.kept[j++] = this.kept[i];
    this.kept.length = j;
    this.stride *= 2;
  }
}

function expectSavedSeries(saved: unknown, where: string): { every: number; values: unknown[] } {
  const series = saved as { every?: unknown; values?: unknown } | null;
  if (typeof series !== 'object' || series === null || !Array.isArray(series.values)) {
    throw new Error(`${where} must be { every, values } with a list of values`);
  }
  const every = series.every;
  if (typeof every !== 'number' || !Number.isSafeInteger(every) || every < 1 || !Number.isInteger(Math.log2(every))) {
    throw new Error(
      `${where}.every must be a power of two (1, 2, 4, …), got ${typeof every === 'number' ? every : typeof every}`,
    );
  }
  return { every, values: series.values };
}
