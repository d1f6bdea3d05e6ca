/**
 * Ticks for a logarithmic axis from `minimum` to `maximum` (both positive): the powers of ten in the range, and
 * also 2 and 5 × 10^k when the range spans fewer than three decades. Over more than `maxDecadeTicks` decades only
 * every second, fifth, … power is kept (1, 2 or 5 × 10^j decades apart).
 *
 * @example logTicks(0.01, 1) // [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1]
 * @example logTicks(1e-6, 1) // [1e-6, 1e-5, 1e-4, 0.001, 0.01, 0.1, 1]
 */
export function logTicks(minimum: number, maximum: number, maxDecadeTicks = 8): number[] {
  if (!(minimum > 0) || !Number.isFinite(maximum) || minimum > maximum) return [];
  if (minimum === maximum) return [minimum];
  const lowest = Math.floor(Math.log10(minimum) + 1e-9);
  const highest = Math.ceil(Math.log10(maximum) - 1e-9);
  const decades = highest - lowest;
  const multiples = decades < 3 ? [1, 2, 5] : [1];
  let decadeStep = 1;
  for (const candidate of [1, 2, 5, 10, 20, 50, 100]) {
    decadeStep = candidate;
    if (decades / candidate <= maxDecadeTicks) break;
  }
  const ticks: number[] = [];
  for (let exponent = Math.ceil(lowest / decadeStep) * decadeStep; exponent <= highest; exponent += decadeStep) {
    for (const multiple of multiples) {
      const tick = Number(`${multiple}e${exponent}`); // exact decimal, unlike multiple * 10 ** exponent
      if (tick >= minimum * (1 - 1e-9) && tick <= maximum * (1 + 1e-9)) ticks.push(tick);
    }
  }
  return ticks;
}
