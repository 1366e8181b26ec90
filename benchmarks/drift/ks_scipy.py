#!/usr/bin/python3
"""Reference figure for the drift benchmark: the two-sample Kolmogorov-Smirnov test of every
column of reference.csv against current.csv with Debian's python3-scipy (scipy.stats.ks_2samp,
default method 'auto', which is 'asymp' at these sizes). Loading is timed apart from the tests.

usage: /usr/bin/python3 benchmarks/drift/ks_scipy.py REFERENCE CURRENT COLUMNS REPEATS OUT.json
"""
import json
import sys
import time

import numpy
import scipy
from scipy.stats import ks_2samp


def load(path, columns):
    return numpy.loadtxt(path, delimiter=",", skiprows=1, usecols=range(columns), dtype=numpy.float64)


def main():
    reference_path, current_path, columns, repeats, out = sys.argv[1:6]
    columns, repeats = int(columns), int(repeats)
    t0 = time.perf_counter()
    reference = load(reference_path, columns)
    current = load(current_path, columns)
    load_seconds = time.perf_counter() - t0
    results = []
    for j in range(columns):
        a = numpy.ascontiguousarray(reference[:, j])
        b = numpy.ascontiguousarray(current[:, j])
        times = []
        for _ in range(repeats):
            t = time.perf_counter()
            res = ks_2samp(a, b)
            times.append(time.perf_counter() - t)
        times.sort()
        results.append({"column": "x%d" % j, "statistic": float(res.statistic), "pvalue": float(res.pvalue),
                        "seconds": times[len(times) // 2]})
    doc = {"scipy": scipy.__version__, "numpy": numpy.__version__, "python": sys.version.split()[0],
           "rows": [int(reference.shape[0]), int(current.shape[0])], "loadSeconds": load_seconds,
           "columns": results}
    with open(out, "w") as f:
        json.dump(doc, f, indent=2)


if __name__ == "__main__":
    main()
