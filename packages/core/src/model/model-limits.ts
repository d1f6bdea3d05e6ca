/**
 * The default bounds on what a model file may hold, and how they are derived. Every bound is checked while the
 * text is read, before anything it describes is allocated, so no file can crash the process, exhaust its memory or
 * keep it busy for long: the work done before a refusal is proportional to the bound, never to the file.
 */

/**
 * Most parameter and state values a loaded network may hold: 50 million (400 MB as float64 values, twice that with
 * their gradients). It is also the largest network the builder accepts under these defaults, so every model bpnet
 * loads can be saved again (`saveModelFile` streams any size).
 */
export const DEFAULT_MAX_PARAMETER_VALUES = 50_000_000;

/**
 * Most JSON values in a model file other than the numbers of its `values` arrays (objects, arrays, strings, keys'
 * values, the spec's numbers): one million. A saved network has a handful per layer and per parameter, so this
 * allows networks of hundreds of thousands of layers, while a file of nothing but `{}` is refused after a few MB.
 */
export const DEFAULT_MAX_STRUCTURE_VALUES = 1_000_000;

/**
 * How deeply arrays and objects may nest in a model or checkpoint file: 64 levels (a spec at the builder's container
 * depth limit needs about 40).
 */
export const MAX_JSON_DEPTH = 64;

/**
 * Most characters one saved value takes in a model file: 25, the longest float64 JSON number
 * (`-2.2250738585072014e-308`, 24 characters) and its comma.
 */
export const MAX_CHARACTERS_PER_VALUE = 25;

/**
 * Most characters one structure value may take on average, for the length bound: 64 (a parameter's path, its keys
 * and punctuation).
 */
export const MAX_CHARACTERS_PER_STRUCTURE_VALUE = 64;

/**
 * The longest model file that can hold `maxParameterValues` values: what {@link MAX_CHARACTERS_PER_VALUE} and
 * {@link MAX_CHARACTERS_PER_STRUCTURE_VALUE} allow for them and the structure. With the defaults, 1,314,000,000
 * characters (about 1.2 GiB): the longest file `saveModelFile` writes for the largest network the defaults accept.
 */
export function defaultMaxLength(
  maxParameterValues: number,
  maxStructureValues = DEFAULT_MAX_STRUCTURE_VALUES,
): number {
  return maxParameterValues * MAX_CHARACTERS_PER_VALUE + maxStructureValues * MAX_CHARACTERS_PER_STRUCTURE_VALUE;
}
