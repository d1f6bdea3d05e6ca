/** brain.js 1.6.1 ships no types for its CPU network file; the runner describes the part it uses. */
declare module 'brain.js/dist/neural-network.js' {
  const module: { default?: unknown } & Record<string, unknown>;
  export default module;
}
