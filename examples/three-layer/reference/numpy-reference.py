"""The reference program: the three-layer network of docs/derivation.md in plain numpy (float64).

Run `python3 numpy-reference.py` to print its progress and results, or `python3 numpy-reference.py --json` to write
`numpy-reference-losses.json`, the per-iteration losses that `pnpm example:three-layer --numpy` is compared with.
"""
import json
import sys

import numpy as np


class ThreeLayerNet:
    def __init__(self, input_size, hidden_size, output_size, std=1e-1):
        self.params = {
            'W1': std * np.random.randn(input_size, hidden_size),
            'b1': np.zeros(hidden_size),
            'W2': std * np.random.randn(hidden_size, output_size),
            'b2': np.zeros(output_size),
        }

    def loss(self, X, y):
        W1, b1, W2, b2 = (self.params[k] for k in ('W1', 'b1', 'W2', 'b2'))
        N = X.shape[0]
        net_j = X.dot(W1) + b1
        y_j = 1 / (1 + np.exp(-net_j))
        net_k = y_j.dot(W2) + b2
        z = 1 / (1 + np.exp(-net_k))
        T = np.zeros_like(z)
        T[np.arange(N), y] = 1
        loss = np.sum((T - z) ** 2) / N  # printed without the 1/2 of equation (5)
        dL_dnetk = (z - T) * z * (1 - z)  # gradients of the 1/2 form
        grads = {'W2': y_j.T.dot(dL_dnetk) / N, 'b2': np.sum(dL_dnetk, axis=0) / N}
        dL_dnetj = dL_dnetk.dot(W2.T) * y_j * (1 - y_j)
        grads['W1'] = X.T.dot(dL_dnetj) / N
        grads['b1'] = np.sum(dL_dnetj, axis=0) / N
        return loss, grads

    def train(self, X, y, learning_rate=1e-3, num_iters=100, batch_size=15, verbose=False):
        num_train = X.shape[0]
        iterations_per_epoch = max(num_train / batch_size, 1)
        loss_history, train_acc_history = [], []
        for it in range(num_iters):
            idx = np.random.choice(num_train, batch_size, replace=False)
            X_batch, y_batch = X[idx], y[idx]
            loss, grads = self.loss(X_batch, y_batch)
            loss_history.append(loss)
            for name in self.params:
                self.params[name] -= learning_rate * grads[name]
            if verbose and it % 10 == 0:
                print('iteration %d / %d: loss %f' % (it, num_iters, loss))
            if it % iterations_per_epoch == 0:
                train_acc_history.append((self.predict(X_batch) == y_batch).mean())
        return {'loss_history': loss_history, 'train_acc_history': train_acc_history}

    def predict(self, X):
        y_j = 1 / (1 + np.exp(-(X.dot(self.params['W1']) + self.params['b1'])))
        z = 1 / (1 + np.exp(-(y_j.dot(self.params['W2']) + self.params['b2'])))
        return np.argmax(z, axis=1)


np.random.seed(0)
net = ThreeLayerNet(4, 20, 3, std=1e-1)
np.random.seed(1)
X = 10 * np.random.randn(30, 4)
y = (3 * np.random.rand(30)).astype(int)
stats = net.train(X, y, learning_rate=1, num_iters=1000, batch_size=15, verbose='--json' not in sys.argv)

if '--json' in sys.argv:
    with open('numpy-reference-losses.json', 'w') as out:
        json.dump({'printedLoss': [float(v) for v in stats['loss_history']], 'trainAccuracy': [float(v) for v in stats['train_acc_history']],
                   'predictions': net.predict(X).tolist(), 'labels': y.tolist()}, out)
else:
    print('Final training loss: ', stats['loss_history'][-1])
    print(net.predict(X))
    print('Training accuracy: ', (net.predict(X) == y).mean())
