// Lane helpers shared by the generic kernels. T is f64 (f64x2: 2 lanes) or f32 (f32x4: 4 lanes); sizes are in bytes.

/** Lanes of T in one v128. */
// @ts-expect-error: decorator
@inline
export function lanes<T>(): i32 {
  return 16 / <i32>sizeof<T>();
}

/** The first `count` lanes of T at `p` (the others 0): a whole vector when count ≥ lanes. */
// @ts-expect-error: decorator
@inline
export function loadLanes<T>(p: usize, count: i32): v128 {
  if (count >= lanes<T>()) return v128.load(p);
  let v = v128.splat<T>(<T>0);
  if (count > 0) v = v128.replace_lane<T>(v, 0, load<T>(p));
  if (count > 1) v = v128.replace_lane<T>(v, 1, load<T>(p + sizeof<T>()));
  if (sizeof<T>() == 4) {
    if (count > 2) v = v128.replace_lane<T>(v, 2, load<T>(p + 8));
  }
  return v;
}

/** Stores the first `count` lanes of `v` at `p`: the whole vector when count ≥ lanes, nothing when count ≤ 0. */
// @ts-expect-error: decorator
@inline
export function storeLanes<T>(p: usize, v: v128, count: i32): void {
  if (count >= lanes<T>()) {
    v128.store(p, v);
    return;
  }
  if (count > 0) store<T>(p, v128.extract_lane<T>(v, 0));
  if (count > 1) store<T>(p + sizeof<T>(), v128.extract_lane<T>(v, 1));
  if (sizeof<T>() == 4) {
    if (count > 2) store<T>(p + 8, v128.extract_lane<T>(v, 2));
  }
}
