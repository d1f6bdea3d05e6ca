"""The three-layer network of docs/derivation.md (sigmoid hidden and output, J = mean 1/2 ||t - z||^2, plain minibatch SGD,
batches of distinct samples drawn at random, the batch's accuracy recorded once per epoch after its update, as the
reference program does), timed for the bpnet benchmark.

Usage: python3 sgd_bench.py <data.bin> <labels.bin> <rows> <cols> <hidden> <outputs> <batch> <iterations>
       <learning_rate> <weight_std_in> <weight_std_hidden> <warmups> <runs> <float64|float32>
Prints one JSON object: {"numpy": version, "runSeconds": [...], "losses": [...last timed run...]}.
"""
import json
import sys
import time

try:
    import numpy as np
except ImportError as error:  # reported by the bench as a skip
    print(json.dumps({'error': 'numpy is not importable: %s' % error}))
    sys.exit(0)


def main(argv):
    data_path, labels_path = argv[0], argv[1]
    rows, cols, hidden, outputs, batch, iterations = (int(v) for v in argv[2:8])
    learning_rate, std_in, std_hidden = (float(v) for v in argv[8:11])
    warmups, runs = int(argv[11]), int(argv[12])
    dtype = np.dtype(argv[13]) if len(argv) > 13 else np.dtype(np.float64)
    X = np.fromfile(data_path, dtype=np.float64).reshape(rows, cols).astype(dtype)
    y = np.fromfile(labels_path, dtype=np.int32)
    rng = np.random.default_rng(7)
    W1 = (std_in * rng.standard_normal((cols, hidden))).astype(dtype)
    b1 = np.zeros(hidden, dtype)
    W2 = (std_hidden * rng.standard_normal((hidden, outputs))).astype(dtype)
    b2 = np.zeros(outputs, dtype)
    eye = np.eye(outputs, dtype=dtype)
    learning_rate = dtype.type(learning_rate)

    iterations_per_epoch = max(rows // batch, 1)

    def predict(Xb):
        yj = 1 / (1 + np.exp(-(Xb.dot(W1) + b1)))
        return np.argmax(1 / (1 + np.exp(-(yj.dot(W2) + b2))), axis=1)

    def run():
        nonlocal W1, b1, W2, b2
        losses, accuracies = [], []
        for it in range(iterations):
            idx = rng.choice(rows, batch, replace=False)
            Xb, T = X[idx], eye[y[idx]]
            n = Xb.shape[0]
            yj = 1 / (1 + np.exp(-(Xb.dot(W1) + b1)))
            z = 1 / (1 + np.exp(-(yj.dot(W2) + b2)))
            losses.append(0.5 * np.sum((T - z) ** 2) / n)
            dk = (z - T) * z * (1 - z)
            dj = dk.dot(W2.T) * yj * (1 - yj)
            W2 -= learning_rate * (yj.T.dot(dk) / n)
            b2 -= learning_rate * (np.sum(dk, axis=0) / n)
            W1 -= learning_rate * (Xb.T.dot(dj) / n)
            b1 -= learning_rate * (np.sum(dj, axis=0) / n)
            if it % iterations_per_epoch == 0:
                accuracies.append(np.mean(predict(Xb) == y[idx]))
        return losses

    for _ in range(warmups):
        run()
    seconds, losses = [], []
    for _ in range(runs):
        start = time.perf_counter()
        losses = run()
        seconds.append(time.perf_counter() - start)
    print(json.dumps({'numpy': np.__version__, 'runSeconds': seconds, 'losses': [float(v) for v in losses]}))


if __name__ == '__main__':
    main(sys.argv[1:])
