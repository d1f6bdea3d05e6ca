/**
 * Prints a tick value of an axis whose ticks are `step` apart with just the digits that tell neighbouring ticks
 * apart (`0.2`, not `0.20` or `0.2000000001`; `200`, not `200.0`). Values of 10^6 and above, or below 10^−4, are
 * printed in exponent form without a plus sign (`1e6`, `2.5e-5`).
 *
 * For a logarithmic axis pass the tick itself as `step`.
 *
 * @example formatTick(0.6000000000000001, 0.2) // '0.6'
 * @example formatTick(1_000_000, 200_000) // '1e6'
 */
export function formatTick(value: number, step: number): string {
  if (value === 0) return '0';
  if (!Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  const stepExponent = Math.floor(Math.log10(Math.abs(step) || magnitude) + 1e-9);
  if (magnitude >= 1e6 || magnitude < 1e-4) {
    const valueExponent = Math.floor(Math.log10(magnitude) + 1e-9);
    const digits = Math.min(20, Math.max(0, valueExponent - stepExponent));
    return value
      .toExponential(digits)
      .replace(/\.?0+e/, 'e')
      .replace('e+', 'e');
  }
  return value.toFixed(Math.min(100, Math.max(0, -stepExponent)));
}
