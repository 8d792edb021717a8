# Reference values for HistogramTests (ChartsTests.swift): run `python3 histogram_reference.py`.
import numpy as np

vals = [0.5, 1.25, -0.75, 2.0, 2.0, 3.5, -1.0, 0.0, 0.1, 0.2, 1.9, 2.7, -0.3, 0.45, 1.1]
for bins in (4, 7):
    counts, edges = np.histogram(vals, bins=bins)
    print(f"bins={bins}: counts={counts.tolist()} edges={edges.tolist()}")
counts, edges = np.histogram([5.0] * 3, bins=3)
print(f"all equal, bins=3: counts={counts.tolist()} edges={edges.tolist()}")
# The automatic width for these values: min(Freedman-Diaconis, Sturges) = 0.917, rounded to 1,
# so the edges are the integers from -1 to 4.
print("auto edges -1..4:", np.histogram(vals, bins=[-1, 0, 1, 2, 3, 4])[0].tolist())
print("percentiles 25, 75:", np.percentile(vals, [25, 75]).tolist())
