/** Class 0 and negative values (TensorFlow Playground's orange). */
export const ORANGE = '#f59322';
/** Class 1 and positive values (TensorFlow Playground's blue). */
export const BLUE = '#0877bd';

const STEPS = 256;
const ORANGE_RGB = [0xf5, 0x93, 0x22];
const BLUE_RGB = [0x08, 0x77, 0xbd];

/**
 * The diverging scale as a lookup table of packed RGBA bytes: entry k is the colour of
 * v = −1 + 2k/(STEPS − 1), interpolated linearly from orange (v = −1) through white (v = 0) to blue (v = +1).
 */
const TABLE: Uint8ClampedArray = (() => {
  const table = new Uint8ClampedArray(STEPS * 4);
  for (let k = 0; k < STEPS; k++) {
    const v = -1 + (2 * k) / (STEPS - 1);
    const end = v < 0 ? ORANGE_RGB : BLUE_RGB;
    const t = Math.abs(v);
    for (let c = 0; c < 3; c++) table[k * 4 + c] = Math.round(255 + (end[c] - 255) * t);
    table[k * 4 + 3] = 255;
  }
  return table;
})();

/**
 * The table index of a value v on the scale [−1, 1]: round((clamp(v, −1, 1) + 1)/2 · (STEPS − 1)). NaN maps to
 * the middle (white), as if the unit were silent; the findings name the layer where a NaN appears.
 */
function indexOf(v: number): number {
  if (Number.isNaN(v)) return (STEPS - 1) >> 1;
  const clamped = Math.max(-1, Math.min(1, v));
  return Math.round(((clamped + 1) / 2) * (STEPS - 1));
}

/** The CSS colour of v on the orange–white–blue scale, v clamped to [−1, 1]. */
export function colorOf(v: number): string {
  const k = indexOf(v) * 4;
  return `rgb(${TABLE[k]},${TABLE[k + 1]},${TABLE[k + 2]})`;
}

/**
 * Paints a size × size grid of values (row-major from the top-left) into `image` on the orange–white–blue scale,
 * each value v mapped through `scale(v)` first (e.g. p ↦ 2p − 1 for a probability). One pixel per grid cell: draw
 * the ImageData on a canvas of that size and let CSS scale it.
 * @throws Error if `values` does not hold size² values or `image` is not size × size.
 */
export function paintGrid(image: ImageData, values: ArrayLike<number>, size: number, scale?: (v: number) => number) {
  if (values.length !== size * size || image.width !== size || image.height !== size) {
    throw new Error(
      `paintGrid: expected ${size}×${size} values and image, got ${values.length} values and a ` +
        `${image.width}×${image.height} image`,
    );
  }
  const pixels = image.data;
  for (let i = 0; i < values.length; i++) {
    const k = indexOf(scale ? scale(values[i]) : values[i]) * 4;
    const p = i * 4;
    pixels[p] = TABLE[k];
    pixels[p + 1] = TABLE[k + 1];
    pixels[p + 2] = TABLE[k + 2];
    pixels[p + 3] = 255;
  }
}

/** A probability p ∈ [0, 1] on the diverging scale: 2p − 1 (0.5 is white). */
export function probabilityToScale(p: number): number {
  return 2 * p - 1;
}
