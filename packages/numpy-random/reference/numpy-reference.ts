import { readFileSync } from 'node:fs';
import type { NumpyRandomStateSnapshot } from '../src/numpy-random-state-snapshot.js';

/** One seed's draws from `np.random.RandomState(seed)`, each list from a fresh RandomState unless noted. */
export interface SeedReference {
  seed: number;
  /** key[0..4] and key[621..623] right after seeding. */
  initialKeyHead: number[];
  initialKeyTail: number[];
  /** Raw 32-bit outputs 0..9, 620..629 and 1240..1249 of one stream. */
  raw: number[];
  rawAcrossRefill: number[];
  rawAfterSecondRefill: number[];
  rand: number[];
  /** randn(11), then rand(3), then randn(2), one stream. */
  randn: number[];
  randAfterRandn: number[];
  randnAfterRand: number[];
  /** randint(0, n) five times for each n in turn, then randint(low, high) five times, one stream. */
  randint: { n: number; values: number[] }[];
  randintLowHigh: { low: number; high: number; values: number[] };
  /** permutation(30), then shuffle of `input`, one stream. */
  permutation30: number[];
  shuffleAfterPermutation: { input: number[]; output: number[] };
  /** choice(30, 15, replace=False) five times, one stream. */
  choice30of15: number[][];
}

/** What `reference/generate-reference.py` wrote from numpy: see that script for how each value was drawn. */
export interface NumpyReference {
  numpyVersion: string;
  seeds: SeedReference[];
  /** RandomState(42) after randn(3), rand(2): its state, then randn(3), rand(2), randint(0, 30) × 3, then the state. */
  checkpoint: {
    seed: number;
    state: NumpyRandomStateSnapshot;
    randn: number[];
    rand: number[];
    randint30: number[];
    stateAfter: NumpyRandomStateSnapshot;
  };
  /** RandomState(7), rand(), then randint(0, 1), shuffle([5]) and permutation(1), which draw nothing. */
  intervalConsumption: { seed: number; randint01: number; posBefore: number; posAfter: number; nextRand: number };
  /**
   * seed(0); W1 = 0.1·randn(4, 20); W2 = 0.1·randn(20, 3); seed(1); X = 10·randn(30, 4); y = int(3·rand(30));
   * 5 × choice(30, 15, replace=False).
   */
  toyProgram: { W1: number[][]; W2: number[][]; X: number[][]; y: number[]; batches: number[][] };
  /** SHA-256 of the float64 little-endian bytes of rand(count) and randn(count) from RandomState(seed). */
  longStream: {
    seed: number;
    count: number;
    uniformSha256: string;
    normalSha256: string;
    lastUniform: number;
    lastNormal: number;
  };
  /** [x, log(x)] from the C library numpy calls (glibc on x86-64 with FMA): hard cases first, then polar-method r². */
  glibcLog: { libc: string; machine: string; cases: [number, number][] };
  /** [a, b, c, a·b + c rounded once], computed exactly with fractions. */
  fusedMultiplyAdd: [number, number, number, number][];
}

/** The committed numpy values, read once; the tests need no Python. */
export const numpyReference: NumpyReference = JSON.parse(
  readFileSync(new URL('./numpy-reference.json', import.meta.url), 'utf8'),
) as NumpyReference;
