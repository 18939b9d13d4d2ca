#!/usr/bin/env python3
"""Independent reference values for HedonicTest's CR1 fixture (standard library only).

Run: python3 src/test/java/org/leakmarket/stats/market/hedonic_cr1.py
HedonicTest.clusteredStandardErrorsMatchTheHandComputation asserts the numbers printed here.
Weighted least squares with an intercept, a period dummy, a product dummy, a has-balance dummy and
ln(balance); seller-clustered CR1 covariance (Stata's regress, vce(cluster) factor
G/(G-1) * (N-1)/(N-K)). The algebra is written out here (Gauss-Jordan inverse), not taken from
the Java code under test.
"""

# seller, period, product, ln(price), weight, ln(balance) or None
ROWS = [
    ("s1", "2015-01", "personal_records", 0.10, 0.5, None),
    ("s1", "2015-01", "personal_records", 0.30, 0.5, None),
    ("s1", "2015-02", "personal_records", 0.45, 1.0, None),
    ("s2", "2015-01", "card_credentials", 2.20, 1.0, 6.9),
    ("s2", "2015-02", "card_credentials", 2.50, 1.0, 7.6),
    ("s2", "2015-02", "personal_records", 0.35, 1.0, None),
    ("s3", "2015-01", "personal_records", 0.05, 1.0, None),
    ("s3", "2015-02", "card_credentials", 2.10, 1.0, None),
    ("s4", "2015-01", "card_credentials", 2.00, 1.0, None),
    ("s4", "2015-02", "personal_records", 0.60, 1.0, None),
    ("s4", "2015-02", "card_credentials", 2.70, 0.5, 8.0),
    ("s4", "2015-02", "card_credentials", 2.40, 0.5, 7.2),
]
NAMES = ["intercept", "period=2015-02", "product=personal_records", "has_balance", "ln_balance"]


def x_of(r):
    _, period, product, _, _, b = r
    return [1.0, 1.0 if period == "2015-02" else 0.0,
            1.0 if product == "personal_records" else 0.0,
            0.0 if b is None else 1.0, 0.0 if b is None else b]


def inverse(a):
    n = len(a)
    m = [row[:] + [1.0 if i == j else 0.0 for j in range(n)] for i, row in enumerate(a)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        piv = m[c][c]
        m[c] = [v / piv for v in m[c]]
        for r in range(n):
            if r != c:
                f = m[r][c]
                m[r] = [vr - f * vc for vr, vc in zip(m[r], m[c])]
    return [row[n:] for row in m]


def matmul(a, b):
    return [[sum(a[i][k] * b[k][j] for k in range(len(b))) for j in range(len(b[0]))] for i in range(len(a))]


k = len(NAMES)
X = [x_of(r) for r in ROWS]
y = [r[3] for r in ROWS]
w = [r[4] for r in ROWS]
xtwx = [[sum(w[i] * X[i][a] * X[i][b] for i in range(len(X))) for b in range(k)] for a in range(k)]
xtwy = [sum(w[i] * X[i][a] * y[i] for i in range(len(X))) for a in range(k)]
bread = inverse(xtwx)
beta = [sum(bread[a][b] * xtwy[b] for b in range(k)) for a in range(k)]
u = [y[i] - sum(X[i][a] * beta[a] for a in range(k)) for i in range(len(X))]
clusters = sorted({r[0] for r in ROWS})
meat = [[0.0] * k for _ in range(k)]
for g in clusters:
    s = [sum(w[i] * X[i][a] * u[i] for i in range(len(X)) if ROWS[i][0] == g) for a in range(k)]
    for a in range(k):
        for b in range(k):
            meat[a][b] += s[a] * s[b]
G, N, K = len(clusters), len(ROWS), k
c = G / (G - 1) * (N - 1) / (N - K)
V = [[c * v for v in row] for row in matmul(matmul(bread, meat), bread)]
sw = sum(w)
ybar = sum(wi * yi for wi, yi in zip(w, y)) / sw
rss = sum(wi * ui * ui for wi, ui in zip(w, u))
tss = sum(wi * (yi - ybar) ** 2 for wi, yi in zip(w, y))
for name, b, v in zip(NAMES, beta, [V[a][a] for a in range(k)]):
    print(f"{name}: beta {b!r} cr1_se {v ** 0.5!r}")
print("r2", repr(1 - rss / tss))
print("c", repr(c))
