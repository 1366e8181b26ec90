"""Expected two-sample KS results for TwoSampleTestsTest, computed by scipy's ks_2samp.

Run with Debian's scipy (python3-scipy 1.10.1 on Debian 12):
    /usr/bin/python3 modelops-drift/src/test/python/ks_2samp_expectations.py
and paste the printed lines into TwoSampleTestsTest. ks_2samp's default method ('auto') uses the
exact distribution when max(n, m) <= 10,000, so every case below is scipy's exact p-value.
"""
import scipy
from scipy.stats import ks_2samp

print("# scipy", scipy.__version__)

literal = {
    "reviewer": ([.1, .4, .7, 1.3, 2.1], [.5, .9, 1.5, 2.5, 3, 3.3]),
    "ties": ([1, 2, 2, 3, 3, 3, 4, 5], [3, 4, 4, 5, 5, 6, 6, 7, 8]),
    "disjoint": ([1, 2, 3, 4], [5, 6, 7]),
    "one-below-two": ([1], [2, 3]),
}
for name, (x, y) in literal.items():
    r = ks_2samp(x, y)
    print(name, repr(float(r.statistic)), repr(float(r.pvalue)))

# x_i = i / n, y_j = j / m * scale + shift: the same doubles in Java
grid = [(10, 12, 1.0, 0.3), (20, 25, 1.2, 0.1), (40, 60, 1.0, 0.12), (80, 100, 1.1, 0.05),
        (99, 100, 1.0, 0.1), (150, 200, 1.0, 0.08), (100, 150, 1.0, 0.15), (500, 700, 1.1, 0.02),
        (1000, 800, 1.0, 0.05), (3000, 2000, 1.05, 0.01)]
for n, m, scale, shift in grid:
    x = [i / n for i in range(n)]
    y = [j / m * scale + shift for j in range(m)]
    r = ks_2samp(x, y)
    print("{%d, %d, %r, %r, %r, %r}," % (n, m, scale, shift, float(r.statistic), float(r.pvalue)))
