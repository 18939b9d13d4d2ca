#!/usr/bin/env python3
"""Independent reference values for the market hand example (standard library only).

Run: python3 src/test/java/org/leakmarket/stats/market/hand_example.py
The Java tests (MarketStatsHandExampleTest, MarketSparkTest) assert the numbers printed here.
Percentiles use statistics.quantiles(method='inclusive') (R type 7); OLS is solved by
Gauss-Jordan elimination written here, not by the Java code under test.
"""
import math
import statistics

# (period, tier, freshness, prices) -- category credit_card, region null everywhere
CELLS = [
    ("2015-01", "standard", "new", [0.50, 0.45, 0.02, 0.35, 1.20]),
    ("2015-01", "standard", "aged", [0.30]),
    ("2015-01", "gold", "new", [2.00, 5.00]),
    ("2015-01", "gold", "aged", [1.10]),
    ("2015-02", "standard", "new", [0.55, 0.40]),
    ("2015-02", "gold", "new", [2.40]),
    ("2015-02", "gold", "aged", [1.50, 1.70]),
    ("2015-02", "standard", "aged", [0.28]),
    ("2015-03", "standard", "new", [0.70, 0.60, 0.65]),
    ("2015-03", "gold", "aged", [1.30]),
    ("2015-03", "standard", "aged", [0.40]),
    ("2015-03", "gold", "new", [2.90]),
]


def q7(xs, p):
    xs = sorted(xs)
    if len(xs) == 1:
        return xs[0]
    # statistics.quantiles gives cut points; pick p from a fine grid (p multiple of 0.05)
    cuts = statistics.quantiles(xs, n=20, method="inclusive")
    return {0.10: cuts[1], 0.25: cuts[4], 0.5: cuts[9], 0.75: cuts[14], 0.90: cuts[17]}[p]


print("# cells: period tier freshness n min p10 p25 median p75 p90 max mean geomean")
for period, tier, fresh, xs in CELLS:
    vals = [len(xs), min(xs)] + [q7(xs, p) for p in (0.10, 0.25, 0.5, 0.75, 0.90)] + [
        max(xs), statistics.fmean(xs), statistics.geometric_mean(xs)]
    print(period, tier, fresh, " ".join(repr(v) for v in vals))

# Jevons: elementary cell = category|tier|freshness|region
g = {}
for period, tier, fresh, xs in CELLS:
    g[(period, f"credit_card|{tier}|{fresh}|-")] = math.exp(sum(math.log(x) for x in xs) / len(xs))
periods = sorted({p for p, _ in g})
index = 100.0
print("# jevons: period link index")
print(periods[0], None, index)
for a, b in zip(periods, periods[1:]):
    common = sorted(k for (p, k) in g if p == b and (a, k) in g)
    link = 1.0
    for k in common:
        link *= (g[(b, k)] / g[(a, k)]) ** (1.0 / len(common))
    index *= link
    print(b, repr(link), repr(index))

# Hedonic: ln p on intercept, period dummies (base 2015-01), tier (base gold), freshness (base aged)
rows = [(p, t, f, x) for p, t, f, xs in CELLS for x in xs]
names = ["intercept", "period=2015-02", "period=2015-03", "tier=standard", "freshness=new"]
X = [[1.0, p == "2015-02", p == "2015-03", t == "standard", f == "new"] for p, t, f, _ in rows]
X = [[float(v) for v in r] for r in X]
y = [math.log(x) for *_, x in rows]
n, k = len(X), len(names)
XtX = [[sum(X[r][i] * X[r][j] for r in range(n)) for j in range(k)] for i in range(k)]
Xty = [sum(X[r][i] * y[r] for r in range(n)) for i in range(k)]
# Gauss-Jordan inverse with partial pivoting
A = [row[:] + [1.0 if i == j else 0.0 for j in range(k)] for i, row in enumerate(XtX)]
for c in range(k):
    piv = max(range(c, k), key=lambda r: abs(A[r][c]))
    A[c], A[piv] = A[piv], A[c]
    d = A[c][c]
    A[c] = [v / d for v in A[c]]
    for r in range(k):
        if r != c:
            f = A[r][c]
            A[r] = [a - f * b for a, b in zip(A[r], A[c])]
inv = [row[k:] for row in A]
beta = [sum(inv[i][j] * Xty[j] for j in range(k)) for i in range(k)]
resid = [y[r] - sum(X[r][i] * beta[i] for i in range(k)) for r in range(n)]
s2 = sum(e * e for e in resid) / (n - k)
se = [math.sqrt(s2 * inv[i][i]) for i in range(k)]
print("# hedonic: n", n, "df", n - k, "sigma2", repr(s2))
for nm, b, s in zip(names, beta, se):
    print(nm, repr(b), repr(s))
z = statistics.NormalDist().inv_cdf(0.975)
print("# hedonic index: period index se ci_low ci_high kennedy")
for nm, col in (("2015-02", 1), ("2015-03", 2)):
    d, s = beta[col], se[col]
    print(nm, repr(100 * math.exp(d)), repr(100 * math.exp(d) * s), repr(100 * math.exp(d - z * s)),
          repr(100 * math.exp(d + z * s)), repr(100 * math.exp(d - s * s / 2)))
