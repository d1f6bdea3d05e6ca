#!/usr/bin/env python3
"""Writes numpy-reference.json: draws from numpy's legacy RandomState, which the @bpnet/numpy-random tests must
reproduce bit for bit. Run from anywhere: python3 reference/generate-reference.py (needs numpy).

Every float is written with repr (shortest round-trip form), so JSON.parse gives back the exact float64."""

import hashlib
import json
import math
import pathlib
import platform
import random
import struct
from fractions import Fraction

import numpy as np

SEEDS = [0, 1, 42, 4294967295]
INTEGER_RANGES = [1, 2, 3, 7, 30, 1000, 2**31, 2**32 - 1, 2**32, 2**32 + 1, 2**40, 2**53 - 1]
DRAWS_PER_RANGE = 5
LONG_STREAM_SEED = 123
LONG_STREAM_COUNT = 100_000

# Inputs where glibc's log is not correctly rounded (its worst case is 0.52 ULP), then inputs where V8's Math.log
# differs from glibc's, then the edges of glibc's near-1 branch [1 - 2**-4, 1 + 0x1.09p-4) and other ranges.
LOG_HARD_CASES = [
    '0x1.cbf81fd17b1a6p-1', '0x1.41b950410c91bp-1', '0x1.d95a989a7fac6p-1', '0x1.37e4d4bae9833p-1',
    '0x1.33eb5f406c059p-2', '0x1.c15188e422ffdp-1', '0x1.8361ad3cf2b3ap-2', '0x1.d1ea30eb14915p-1',
    '0x1.45baf0024339ap-1', '0x1.abe68f41b7cf8p-1', '0x1.67b88e7b344d0p-1', '0x1.be55306ea68cfp-3',
    '0x1.4251335a0da2ep-1', '0x1.6000f56988f31p-2', '0x1.37523b9fd509ap-4', '0x1.65f7cea3b3d4fp-1',
    '0x1.96678ee0ece53p-2', '0x1.3e7950920c077p-1', '0x1.e0025293e9770p-1', '0x1.e26b1aa1df671p-1',
    '0x1.ed5ac117b59e7p-1', '0x1.f11ceec363556p-1', '0x1.f114be5104057p-1', '0x1.e38a3d26132e3p-1',
    '0x1.ep-1', '0x1.dffffffffffffp-1', '0x1.09p+0', '0x1.08fffffffffffp+0', '0x1.0000000000001p+0',
    '0x1.fffffffffffffp-1', '0x1.6p-1', '0x1.5ffffffffffffp-1', '0x1p-1', '0x1p+1', '0x1.4p+3', '0x1p-1022',
    '0x0.0000000000001p-1022', '0x0.8p-1022', '0x1.fffffffffffffp+1023', '0x1.8p-1000',
]


def floats(values):
    return [float(v) for v in np.asarray(values, dtype=np.float64).ravel()]


def ints(values):
    return [int(v) for v in np.asarray(values).ravel()]


def rows(matrix):
    return [floats(row) for row in matrix]


def state_of(random_state):
    name, key, pos, has_gauss, gauss = random_state.get_state()
    assert name == 'MT19937'
    return {'key': ints(key), 'pos': int(pos), 'hasGauss': bool(has_gauss), 'gauss': float(gauss)}


def raw_outputs(seed, count):
    """The raw 32-bit MT19937 outputs of RandomState(seed), two independent ways that must agree."""
    generator = np.random.MT19937()
    generator._legacy_seeding(seed)  # what RandomState(seed) does for an int seed: init_genrand(seed)
    raw = ints(generator.random_raw(count))
    # randint over the full 32-bit range takes next_uint32 as is (rng == 0xFFFFFFFF: no mask, no rejection).
    assert ints(np.random.RandomState(seed).randint(0, 2**32, size=count, dtype=np.uint64)) == raw
    assert ints(np.random.RandomState(seed).randint(0, 2**32, size=count, dtype=np.uint32)) == raw
    return raw


def sha256_of_float64(values):
    return hashlib.sha256(struct.pack(f'<{len(values)}d', *values)).hexdigest()


def seed_reference(seed):
    raw = raw_outputs(seed, 1250)
    initial = state_of(np.random.RandomState(seed))

    normals = np.random.RandomState(seed)
    randn = floats(normals.randn(11))  # odd count: the 12th normal is left in the cache
    rand_after_randn = floats(normals.rand(3))  # uniforms neither use nor clear the cache
    randn_after_rand = floats(normals.randn(2))  # the cached normal first, then a fresh pair

    integers = np.random.RandomState(seed)
    randint = [{'n': n, 'values': [int(integers.randint(0, n)) for _ in range(DRAWS_PER_RANGE)]} for n in INTEGER_RANGES]
    randint_low_high = [int(integers.randint(-5, 12)) for _ in range(DRAWS_PER_RANGE)]

    shuffled = np.random.RandomState(seed)
    permutation = ints(shuffled.permutation(30))
    values = np.arange(100, 120)
    shuffled.shuffle(values)  # same stream, continued after the permutation

    choices = np.random.RandomState(seed)
    choice = [ints(choices.choice(30, 15, replace=False)) for _ in range(5)]

    return {
        'seed': seed,
        'initialKeyHead': initial['key'][:5],
        'initialKeyTail': initial['key'][-3:],
        'raw': raw[:10],
        'rawAcrossRefill': raw[620:630],  # outputs 620..629: the twist regenerates the key at output 624
        'rawAfterSecondRefill': raw[1240:1250],
        'rand': floats(np.random.RandomState(seed).rand(10)),
        'randn': randn,
        'randAfterRandn': rand_after_randn,
        'randnAfterRand': randn_after_rand,
        'randint': randint,
        'randintLowHigh': {'low': -5, 'high': 12, 'values': randint_low_high},
        'permutation30': permutation,
        'shuffleAfterPermutation': {'input': list(range(100, 120)), 'output': ints(values)},
        'choice30of15': choice,
    }


def checkpoint_reference():
    """State after a few draws (with a normal in the cache), and what follows it."""
    random_state = np.random.RandomState(42)
    random_state.randn(3)
    random_state.rand(2)
    state = state_of(random_state)
    assert state['hasGauss']
    return {
        'seed': 42,
        'drawsBefore': 'randn(3), rand(2)',
        'state': state,
        'randn': floats(random_state.randn(3)),
        'rand': floats(random_state.rand(2)),
        'randint30': [int(random_state.randint(0, 30)) for _ in range(3)],
        'stateAfter': state_of(random_state),
    }


def interval_consumption_reference():
    """randint(0, 1), shuffle of one element and permutation(1) leave the stream where it was."""
    random_state = np.random.RandomState(7)
    random_state.rand()
    before = random_state.get_state()[2]
    zero = int(random_state.randint(0, 1))
    random_state.shuffle([5])
    random_state.permutation(1)
    after = random_state.get_state()[2]
    return {'seed': 7, 'randint01': zero, 'posBefore': int(before), 'posAfter': int(after), 'nextRand': float(random_state.rand())}


def toy_program_reference():
    """The toy experiment of the three-layer example's reference program, draw for draw."""
    np.random.seed(0)
    w1 = 0.1 * np.random.randn(4, 20)
    w2 = 0.1 * np.random.randn(20, 3)
    np.random.seed(1)
    x = 10 * np.random.randn(30, 4)
    y = (3 * np.random.rand(30)).astype(int)
    batches = [ints(np.random.choice(30, 15, replace=False)) for _ in range(5)]
    return {'W1': rows(w1), 'W2': rows(w2), 'X': rows(x), 'y': ints(y), 'batches': batches}


def long_stream_reference():
    """SHA-256 of long streams' float64 little-endian bytes: catches a rare last-bit difference (e.g. in log)."""
    uniforms = floats(np.random.RandomState(LONG_STREAM_SEED).rand(LONG_STREAM_COUNT))
    normals = floats(np.random.RandomState(LONG_STREAM_SEED).randn(LONG_STREAM_COUNT))
    return {
        'seed': LONG_STREAM_SEED,
        'count': LONG_STREAM_COUNT,
        'uniformSha256': sha256_of_float64(uniforms),
        'normalSha256': sha256_of_float64(normals),
        'lastUniform': uniforms[-1],
        'lastNormal': normals[-1],
    }


def glibc_log_reference():
    """math.log (the C library's log, which numpy's legacy gauss calls) on hard inputs and on polar-method r2."""
    random_state = np.random.RandomState(0)
    inputs = [float.fromhex(text) for text in LOG_HARD_CASES]
    while len(inputs) < len(LOG_HARD_CASES) + 200:
        x1, x2 = 2.0 * random_state.rand(2) - 1.0
        r2 = float(x1 * x1 + x2 * x2)
        if 0.0 < r2 < 1.0:
            inputs.append(r2)
    return {'libc': ' '.join(platform.libc_ver()), 'machine': platform.machine(),
            'cases': [[x, math.log(x)] for x in inputs]}


def fused_multiply_add_reference():
    """Exact a*b + c rounded once (Fraction arithmetic; int / int is correctly rounded in CPython)."""
    generator = random.Random(1)
    def any_double(low, high):
        return generator.choice([-1.0, 1.0]) * math.ldexp(1.0 + generator.getrandbits(52) / 2**52, generator.randint(low, high))
    cases = [
        [1.0 + 2**-52, 1.0 + 2**-52, 2**-53],  # naive a*b + c lands on a tie and rounds the wrong way
        [1.0 + 2**-52, 1.0 - 2**-53, -1.0],
        [0.1, 10.0, -1.0],
        [3.0, 1.0 / 3.0, -1.0],
        [2.0, 3.0, -6.0],
    ]
    for index in range(300):
        a, b = any_double(-8, 8), any_double(-8, 8)
        if index % 3 == 0:
            c = any_double(-20, 20)
        elif index % 3 == 1:
            c = -(a * b)  # cancellation: the result is the product's rounding error
        else:
            c = -(a * b) * (1.0 + generator.choice([-1.0, 1.0]) * 2**-52)
        cases.append([a, b, c])
    return [[a, b, c, float(Fraction(a) * Fraction(b) + Fraction(c))] for a, b, c in cases]


def to_json(value, indent=''):
    """JSON with objects one key a line and arrays of numbers on one line, to keep the file short and diffable."""
    inner = indent + ' '
    if isinstance(value, dict):
        items = [f'{inner}{json.dumps(key)}: {to_json(item, inner)}' for key, item in value.items()]
        return '{\n' + ',\n'.join(items) + '\n' + indent + '}'
    if isinstance(value, list) and any(isinstance(item, (dict, list)) for item in value):
        return '[\n' + ',\n'.join(inner + to_json(item, inner) for item in value) + '\n' + indent + ']'
    return json.dumps(value)


def main():
    reference = {
        'generator': 'reference/generate-reference.py',
        'numpyVersion': np.__version__,
        'seeds': [seed_reference(seed) for seed in SEEDS],
        'checkpoint': checkpoint_reference(),
        'intervalConsumption': interval_consumption_reference(),
        'toyProgram': toy_program_reference(),
        'longStream': long_stream_reference(),
        'glibcLog': glibc_log_reference(),
        'fusedMultiplyAdd': fused_multiply_add_reference(),
    }
    path = pathlib.Path(__file__).with_name('numpy-reference.json')
    path.write_text(to_json(reference) + '\n')
    print(f'wrote {path}')


if __name__ == '__main__':
    main()
