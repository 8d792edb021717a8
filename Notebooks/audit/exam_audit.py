#!/usr/bin/env python3
"""Independent second marking of the exam key, Output/exam.html.

Reads the rendered page (not the notebook's cells), takes every number it
shows and recomputes it without DLCore: with PyTorch in float64, NumPy, or a
hand derivation written out below. Seeded random data (data sets, initial
weights) cannot be reproduced outside DLCore; for those the script checks
what follows from the numbers shown (a confusion matrix's metrics from its
counts, integer counts behind a precision and recall, stated inequalities).
It also checks that no sentence of the exam paper is pasted into the key.

Prints one row per comparison: question, quantity, page value, independent
value, method. Exits 1 if any page value differs from the independent one
by more than half a unit of the last digit shown.

Usage: python3 Notebooks/audit/exam_audit.py [Output/exam.html]
"""
import math
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import torch

torch.set_default_dtype(torch.float64)
ROOT = Path(__file__).resolve().parents[2]
PAGE = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "Output/exam.html"
NOTEBOOK = ROOT / "Notebooks/exam.md"
PAPER = Path("/work/shared/exam-paper.md")


class Page(HTMLParser):
    """Tables, inline results, value outputs and a plain text of the page
    in which an inline result reads «value» and math reads $TeX$."""

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.tables, self.values, self.plain = [], [], []
        self.stack, self.table, self.row, self.cell = [], None, None, None
        self.in_inline = self.in_value = self.in_tex = False
        self.math_depth = 0
        self.feed(text)
        self.text = re.sub(r"\s+", " ", "".join(self.plain))

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = a.get("class") or ""
        if tag in ("style", "svg", "script"):
            self.stack.append(tag)
        if tag == "table":
            self.table = []
        elif tag == "tr" and self.table is not None:
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            self.cell = []
        elif tag == "span" and cls == "nb-inline":
            self.in_inline = True
            self.plain.append("«")
        elif tag == "pre" and "nb-value" in cls:
            self.in_value = True
            self.values.append("")
        elif tag == "math":
            self.math_depth += 1
        elif tag == "annotation":
            self.in_tex = True
            self.plain.append("$")

    def handle_endtag(self, tag):
        if self.stack and tag == self.stack[-1]:
            self.stack.pop()
        if tag == "table" and self.table is not None:
            self.tables.append(self.table)
            self.table = None
        elif tag == "tr" and self.row is not None:
            self.table.append(self.row)
            self.row = None
        elif tag in ("td", "th") and self.cell is not None:
            self.row.append("".join(self.cell).strip())
            self.cell = None
        elif tag == "span" and self.in_inline:
            self.in_inline = False
            self.plain.append("»")
        elif tag == "pre":
            self.in_value = False
        elif tag == "annotation":
            self.in_tex = False
            self.plain.append("$")
        elif tag == "math":
            self.math_depth -= 1
        elif tag in ("p", "li", "h2", "h3", "figcaption", "div"):
            self.plain.append("\n")

    def handle_data(self, data):
        if self.stack:
            return
        if self.cell is not None:
            self.cell.append(data)
        if self.in_value:
            self.values[-1] += data
        if self.math_depth and not self.in_tex:
            return
        self.plain.append(data)

    def table_with(self, *header):
        found = [t for t in self.tables if t and tuple(t[0][: len(header)])
                 == header]
        if len(found) != 1:
            raise SystemExit(f"audit: expected one table headed {header}, "
                             f"found {len(found)}")
        return found[0]

    def find(self, pattern, group=1):
        m = re.search(pattern, self.text)
        if not m:
            raise SystemExit(f"audit: page text has no match for {pattern!r}")
        return m.group(group)


RESULTS = []


def decimals(shown):
    m = re.fullmatch(r"-?[\d,]*\.(\d+)(?:e[-+]?\d+)?", shown.strip())
    return len(m.group(1)) if m else 0


def check(question, what, shown, value, method, slack=0.0):
    """Compare a number shown on the page with an independent value, at the
    precision the page shows it (half a unit of its last digit), widened by
    `slack` when the independent value is itself built from rounded page
    values."""
    text = shown.strip()
    number = float(text.replace(",", "").replace("%", ""))
    if "e" in text:
        mantissa, exponent = text.split("e")
        tolerance = 0.5 * 10 ** (-decimals(mantissa) + int(exponent))
    else:
        tolerance = 0.5 * 10 ** (-decimals(text))
    ok = abs(number - value) <= (tolerance + slack) * (1 + 1e-9) + 1e-15
    RESULTS.append((question, what, text, f"{value:.10g}", method, ok))


def claim(question, what, holds, method):
    """A statement of the page (prose or a derived fact) that must hold."""
    RESULTS.append((question, what, "claim", str(bool(holds)), method,
                    bool(holds)))


def same(question, what, shown, value, method):
    RESULTS.append((question, what, str(shown), str(value), method,
                    str(shown) == str(value)))


def assumed_network():
    """The q1-network cell's `let name = number` lines: the assumptions an
    instructor may edit, so the audit reads them rather than copying them."""
    text = NOTEBOOK.read_text()
    cell = text.split("//| label: q1-network", 1)[1].split("```", 1)[0]
    values = {}
    for name, number in re.findall(r"(\w+) = ([-\d.]+)", cell):
        values[name] = float(number)
    return values


def audit_q1(page):
    q = "Q1"
    v = assumed_network()
    x = torch.tensor([[v["x1"], v["x2"]]])
    hidden = torch.tensor([[v["w1"], v["w3"]], [v["w2"], v["w4"]]],
                          requires_grad=True)
    output = torch.tensor([[v["w5"]], [v["w6"]]], requires_grad=True)
    zh = x @ hidden
    h = torch.sigmoid(zh)
    zy = h @ output
    y = torch.sigmoid(zy)
    error = 0.5 * ((v["target"] - y) ** 2).sum()
    error.backward()
    forward = page.table_with("unit", "net input z", "activation σ(z)")
    mine = {"h1": (zh[0, 0], h[0, 0]), "h2": (zh[0, 1], h[0, 1]),
            "y": (zy[0, 0], y[0, 0])}
    for unit, z_shown, a_shown in forward[1:]:
        check(q, f"z of {unit}", z_shown, mine[unit][0].item(), "torch")
        check(q, f"σ(z) of {unit}", a_shown, mine[unit][1].item(), "torch")
    check(q, "error E (math)",
          page.find(r"\([\d.]+ - [\d.]+\)\^2 = ([\d.]+)"), error.item(),
          "torch ½(t−y)²")
    check(q, "y in the error line (math)",
          page.find(r"\([\d.]+ - ([\d.]+)\)\^2"), y.item(), "torch")
    check(q, "t − y (prose)",
          page.find(r"misses the target by \$t - y\$ = «([^»]*)»"),
          (v["target"] - y).item(), "torch")
    g5, g6 = output.grad[0, 0].item(), output.grad[1, 0].item()
    delta = ((y - v["target"]) * y * (1 - y)).item()
    check(q, "δ_y (math)", page.find(r"\\delta_y &= ([-\d.]+)"), delta,
          "hand formula")
    check(q, "∂E/∂w5 (math)",
          page.find(r"\\partial w_5\} &= ([-\d.]+)"), g5, "torch autograd")
    check(q, "∂E/∂w6 (math)",
          page.find(r"\\partial w_6\} &= ([-\d.]+)"), g6, "torch autograd")
    grads = page.table_with("gradient", "chain rule by hand", "autograd")
    for (name, by_hand, auto), g in zip(grads[1:], (g5, g6)):
        check(q, f"{name} by hand (table)", by_hand, g, "torch autograd")
        check(q, f"{name} autograd (table)", auto, g, "torch autograd")
    lr, mu = v["learningRate"], v["momentum"]
    opt = torch.optim.SGD([hidden, output], lr=lr, momentum=mu)
    before = output.detach().clone()
    opt.step()
    after1 = output.detach().clone()
    delta1 = after1 - before
    step1 = page.table_with("weight", "before", "Δw", "after step 1")
    for i, row in enumerate(step1[1:]):
        check(q, f"{row[0]} before", row[1], before[i, 0].item(), "input")
        check(q, f"{row[0]} Δw(1)", row[2], delta1[i, 0].item(),
              "torch SGD(momentum=0.5)")
        check(q, f"{row[0]} after step 1", row[3], after1[i, 0].item(),
              "torch SGD(momentum=0.5)")
    check(q, "w5 after one update (prose)",
          page.find(r"\$w_5\$ is «([^»]*)»"), after1[0, 0].item(), "torch")
    check(q, "w6 after one update (prose)",
          page.find(r"\$w_6\$ is «([^»]*)»"), after1[1, 0].item(), "torch")
    opt.zero_grad()
    y2 = torch.sigmoid(torch.sigmoid(x @ hidden) @ output)
    error2 = 0.5 * ((v["target"] - y2) ** 2).sum()
    error2.backward()
    grad2 = output.grad.detach().clone()
    opt.step()
    after2 = output.detach().clone()
    delta2 = after2 - after1
    step2 = page.table_with("weight", "−η ∂E/∂w", "α Δw(1)")
    for i, row in enumerate(step2[1:]):
        check(q, f"{row[0]} −η∂E/∂w at step 2", row[1],
              -lr * grad2[i, 0].item(), "torch autograd")
        check(q, f"{row[0]} α Δw(1)", row[2], mu * delta1[i, 0].item(),
              "torch")
        check(q, f"{row[0]} Δw(2)", row[3], delta2[i, 0].item(),
              "torch SGD(momentum=0.5)")
        check(q, f"{row[0]} after step 2", row[4], after2[i, 0].item(),
              "torch SGD(momentum=0.5)")
    fell = re.search(r"error fell from «([^»]*)» to «([^»]*)»", page.text)
    check(q, "error before (prose)", fell.group(1), error.item(), "torch")
    check(q, "error after one step (prose)", fell.group(2), error2.item(),
          "torch")
    claim(q, "'fell': the error decreased", error2 < error, "torch")
    ratio = page.find(r"second change of \$w_5\$ is «([^»]*)» times")
    check(q, "Δw5(2) / Δw5(1)", ratio,
          (delta2[0, 0] / delta1[0, 0]).item(), "torch")
    claim(q, "new gradient step 'about as large as the first' (±10%)",
          abs(grad2[0, 0] / (g5) - 1) < 0.1, "torch")


def audit_q2(page):
    q = "Q2"
    matrix = [t for t in page.tables if len(t) == 2 and len(t[0]) == 2
              and all(c.isdigit() for r in t for c in r)]
    (tn, fp), (fn, tp) = [[int(c) for c in r] for r in matrix[0]]
    total = tn + fp + fn + tp
    positives = fn + tp
    same(q, "windows in the confusion matrix", total, 1000, "sum of counts")
    same(q, "fatigued windows (prose)",
         page.find(r"Of the 1,000 windows, «([^»]*)»"), positives,
         "matrix row 1")
    rows = {r[0]: r[1:] for r in page.table_with("detector", "accuracy")[1:]}
    acc, prec, rec, loss = rows["threshold 0.25"]
    check(q, "accuracy at 0.25", acc, (tp + tn) / total, "confusion matrix")
    check(q, "precision at 0.25", prec, tp / (tp + fp), "confusion matrix")
    check(q, "recall at 0.25", rec, tp / (tp + fn), "confusion matrix")
    acc, prec, rec, _ = rows["never alarms"]
    check(q, "accuracy of 'never alarms'", acc, (total - positives) / total,
          "no positive predictions")
    check(q, "recall of 'never alarms'", rec, 0.0, "TP = 0")
    same(q, "precision of 'never alarms'", prec, "undefined (0/0)",
         "TP + FP = 0")
    # threshold 0.5: the counts behind the rates must be whole numbers and
    # give back the accuracy shown
    acc, prec, rec, _ = rows["threshold 0.5"]
    tp5 = round(float(rec) * positives)
    fp5 = round(tp5 / float(prec)) - tp5
    check(q, "recall at 0.5 = TP/41 with whole TP", rec, tp5 / positives,
          f"TP = {tp5}")
    check(q, "precision at 0.5 with whole FP", prec, tp5 / (tp5 + fp5),
          f"FP = {fp5}")
    check(q, "accuracy at 0.5 from those counts", acc,
          (tp5 + total - positives - fp5) / total, "TP, FP above")
    accs = {k: float(r[0]) for k, r in rows.items()}
    claim(q, "'never alarms' has the best accuracy",
          max(accs, key=accs.get) == "never alarms", "table")
    claim(q, "lowering the threshold raises recall, lowers precision",
          float(rows["threshold 0.25"][2]) > float(rows["threshold 0.5"][2])
          and float(rows["threshold 0.25"][1])
          < float(rows["threshold 0.5"][1]), "table")
    claim(q, "the loss is the same in every row",
          len({r[3] for r in rows.values()}) == 1, "table")


def audit_q3(page):
    q = "Q3"
    rows = page.table_with("model", "samples", "final training loss")[1:]
    small, large, bigger = (float(r[2]) for r in rows)
    same(q, "times more data (prose)",
         page.find(r"points or 10,000: «([^»]*)»"), 10000 // 20, "10000/20")
    claim(q, "both linear runs end at ln 2 (±0.005)",
          abs(small - math.log(2)) < 0.005
          and abs(large - math.log(2)) < 0.005, "math.log(2)")
    claim(q, "more data did not lower the linear model's loss",
          large >= small, "table")
    check(q, "hidden-layer loss (prose)",
          page.find(r"same 10,000 samples to «([^»]*)»"), bigger, "table")
    claim(q, "the hidden layer brings the loss far below ln 2",
          bigger < math.log(2) / 10, "table")


def audit_q4(page):
    q = "Q4"
    W = np.zeros((4, 3))
    a_prev = np.zeros((3, 1))
    try:
        W * a_prev
        raised = False
    except ValueError:
        raised = True
    claim(q, "W*a_prev with W 4×3, a_prev 3×1 fails in NumPy", raised,
          "numpy")
    claim(q, "the page reports that failure at the faulty line",
          "shapes [4, 3] and [3, 1] do not fit" in page.text, "page text")
    square = (np.zeros((3, 3)) * a_prev + np.zeros((3, 1))).shape
    same(q, "shape of the silent square case", page.values[0],
         list(square), "numpy broadcasting")
    fixed = (W @ a_prev + np.zeros((4, 1))).shape
    same(q, "shape after the fix", page.values[1], list(fixed),
         "numpy matmul")


def audit_q5(page):
    q = "Q5"
    stats = page.table_with("tensor", "mean per feature")
    means = [float(s) for s in stats[1][1].split(",")]
    stds = [float(s) for s in stats[1][2].split(",")]
    eps = 1e-5  # BatchNorm1d's default, as PyTorch's
    x = torch.randn(256, 3, generator=torch.Generator().manual_seed(0))
    for f in range(3):
        # any batch with these statistics normalizes to mean 0 and to
        # std σ/√(σ²+ε): make one with torch and run torch's batch norm
        col = (x[:, f] - x[:, f].mean()) / x[:, f].std(unbiased=False)
        col = col * stds[f] + means[f]
        out = torch.nn.functional.batch_norm(
            col[:, None], None, None, training=True, eps=eps)
        norm_mean = stats[2][1].split(",")[f]
        norm_std = stats[2][2].split(",")[f]
        check(q, f"normalized mean, feature {f + 1}", norm_mean,
              out.mean().item(), "torch batch_norm")
        check(q, f"normalized std, feature {f + 1}", norm_std,
              out.std(unbiased=False).item(), "torch batch_norm")
    learned = page.table_with("feature", "learned γ")
    column = {name: i for i, name in enumerate(learned[0])}
    for f, row in enumerate(learned[1:]):
        gamma, std, beta, mean = (
            float(row[column[name]]) for name in
            ("learned γ", "batch std σ", "learned β", "batch mean"))
        check(q, f"√(σ²+ε) column {f + 1}", row[column["√(σ² + ε)"]],
              math.sqrt(std ** 2 + eps), "hand", slack=5e-7)
        check(q, f"batch std {f + 1} vs input table",
              stats[1][2].split(",")[f],
              std, "same statistic, 4 decimals")
        check(q, f"batch mean {f + 1} vs input table",
              stats[1][1].split(",")[f], mean, "same statistic, 4 decimals")
        check(q, f"learned γ{f + 1} = √(σ²+ε)", row[column["learned γ"]],
              math.sqrt(std ** 2 + eps), "hand: identity needs γ=√(σ²+ε)",
              slack=5e-7)  # σ is read from the page at 6 decimals
        exact = math.sqrt(std ** 2 + eps)
        if abs(exact - std) > 1e-6:  # else 6 decimals cannot tell
            claim(q, f"learned γ{f + 1} nearer √(σ²+ε) than σ",
                  abs(gamma - exact) < abs(gamma - std), "hand")
        check(q, f"learned β{f + 1} = μ", row[column["learned β"]], mean,
              "hand: identity needs β=μ")
    mse = page.find(r"mean squared\s+error of «([^»]*)»")
    claim(q, "final MSE is negligible (< 1e-10)", float(mse) < 1e-10,
          "prose value")


def audit_q6(page):
    q = "Q6"
    rows = {r[0]: r[1:] for r in
            page.table_with("objective", "|w| < 0.001")[1:]}
    zeros = {k: int(r[0].split()[0]) for k, r in rows.items()}
    same(q, "zeros per objective", list(zeros.values()), [0, 0, 16, 0],
         "table; 15 useless + 1 weak informative under L1")
    claim(q, "L1 penalty: every useless weight below 0.001",
          float(rows["MSE + L1 penalty"][1]) < 0.001, "table")
    claim(q, "other objectives: useless weights are not zero",
          all(float(rows[k][1]) >= 0.001 for k in
              ("MSE", "L1 loss on outputs", "MSE + L2 penalty")), "table")
    check(q, "L2 informative Σ|w| (prose)",
          page.find(r"informative weights, to «([^»]*)»"),
          float(rows["MSE + L2 penalty"][2]), "table")
    check(q, "MSE informative Σ|w| (prose)",
          page.find(r"in total against «([^»]*)»"),
          float(rows["MSE"][2]), "table")
    claim(q, "L2 shrinks the informative weights",
          float(rows["MSE + L2 penalty"][2]) < float(rows["MSE"][2]),
          "table")
    weak = float(page.find(r"true coefficient is only «([^»]*)»"))
    claim(q, "the zeroed informative coefficient is weak (< 1)",
          0 < weak < 1, "prose value")
    # the gradients the prose names: d/dw λ|w| = λ sign(w), d/dw λw² = 2λw
    w = torch.tensor([0.3, -0.01], requires_grad=True)
    (2.0 * w.abs().sum()).backward()
    claim(q, "L1 penalty gradient is λ·sign(w)",
          torch.allclose(w.grad, 2.0 * torch.sign(w)), "torch autograd")
    w.grad = None
    (1.0 * (w ** 2).sum()).backward()
    claim(q, "L2 penalty gradient is 2λw",
          torch.allclose(w.grad, 2.0 * w.detach()), "torch autograd")


def audit_q7(page):
    q = "Q7"
    count = lambda m: sum(p.numel() for p in m.parameters())
    rnn = count(torch.nn.RNN(32, 64))
    lstm = count(torch.nn.LSTM(32, 64))
    h, x = 64, 32
    rows = {r[0]: r[1:] for r in page.table_with("layer")[1:]}
    num = lambda s: int(s.replace(",", ""))
    same(q, "RNN, one bias", num(rows["simple RNN"][0]), h * (h + x) + h,
         "hand h(h+x)+h")
    same(q, "RNN, two biases", num(rows["simple RNN"][1]), rnn,
         "torch.nn.RNN")
    same(q, "LSTM, one bias", num(rows["LSTM"][0]), 4 * (h * (h + x) + h),
         "hand 4(h(h+x)+h)")
    same(q, "LSTM, two biases", num(rows["LSTM"][1]), lstm,
         "torch.nn.LSTM")
    prose = re.search(r"LSTM has «([^»]*)» parameters against the RNN's "
                      r"«([^»]*)» \(with PyTorch's double biases: «([^»]*)» "
                      r"against «([^»]*)»\)", page.text)
    same(q, "prose counts", [num(g) for g in prose.groups()],
         [4 * (h * (h + x) + h), h * (h + x) + h, lstm, rnn], "as above")
    claim(q, "'exactly four times as many'",
          lstm == 4 * rnn, "torch counts")


def audit_q8(page):
    q = "Q8"
    net = [torch.nn.Linear(2, 4), torch.nn.Linear(4, 3), torch.nn.Linear(3, 2)]
    judy = [r for r in page.tables if r[0][0] == "Layer"
            and r[1][0].startswith("Linear(2, 4)")][0]
    for row, layer in zip(judy[1:4], net):
        same(q, f"parameters of {row[0]}", int(row[2]),
             sum(p.numel() for p in layer.parameters()), "torch.nn.Linear")
    total = int(re.search(r"\d+", judy[-1][-1] if len(judy[-1]) > 1 else
                          judy[-1][0]).group())
    same(q, "total parameters", total,
         sum(p.numel() for l in net for p in l.parameters()),
         "torch.nn.Linear")
    # (b): linear layers compose to one affine map, so the boundary
    # score0 − score1 = 0 is a line: check the map is affine numerically
    x = torch.randn(50, 2, generator=torch.Generator().manual_seed(1))
    f = lambda t: net[2](net[1](net[0](t)))
    W = net[2].weight @ net[1].weight @ net[0].weight
    b = f(torch.zeros(1, 2))
    claim(q, "three Linear layers = one affine map W x + b",
          torch.allclose(f(x), x @ W.T + b), "torch")
    rows = {r[0]: r[1:] for r in page.table_with("network")[1:]}
    for name, pattern in (("Linear-Linear-Linear", r"classifies «([^»]*)»%"),
                          ("Linear-ReLU-Linear-ReLU-Linear",
                           r"and reach «([^»]*)»%")):
        share = float(rows[name][0])
        check(q, f"{name} percent (prose)", page.find(pattern), 100 * share,
              "table")
        claim(q, f"{name} accuracy is a multiple of 1/400",
              abs(share * 400 - round(share * 400)) < 1e-6, "400 points")


def audit_q9(page):
    q = "Q9"
    images, heads, size, patch, dim = 1000, 8, 128, 16, 64
    embed = torch.nn.Conv2d(3, dim, patch, stride=patch)
    tokens = embed(torch.zeros(1, 3, size, size)).flatten(2).transpose(1, 2)
    attention = torch.nn.MultiheadAttention(dim, heads, batch_first=True)
    shapes = {}
    with_token = torch.cat([torch.zeros(1, 1, dim), tokens], 1)
    for label, t in (("without", tokens), ("with", with_token)):
        _, weights = attention(t, t, t, average_attn_weights=False)
        shapes[label] = weights.shape
    table = page.table_with("quantity")
    rows = {r[0]: r[1:] for r in table[1:]}
    num = lambda s: int(s.replace(",", ""))
    order = ["with" if "class token" in h else "without"
             for h in table[0][1:]]
    same(q, "column headers name their token counts",
         [re.search(r"\d+", h).group() for h in table[0][1:]],
         [str(shapes[label][2]) for label in order], "torch shape")
    for i, label in enumerate(order):
        shape = list(shapes[label])
        same(q, f"attention tensor, {label} class token",
             rows["attention tensor for one image"][i], shape,
             "torch MultiheadAttention")
        per_image = math.prod(shape)
        same(q, f"weights per image, {label}",
             num(rows["weights per image"][i]), per_image, "torch shape")
        same(q, f"weights for 1,000 images, {label}",
             num(rows["weights for 1,000 images"][i]), images * per_image,
             "1000 × torch shape")
    math_rows = re.findall(r"1000 \\times 8 \\times (\d+)\^2 &= ([\d\\,]+)",
                           page.text)
    for tokens_shown, value in math_rows:
        same(q, f"math 1000·8·{tokens_shown}²",
             int(value.replace("\\,", "")),
             images * heads * int(tokens_shown) ** 2, "hand")
    for label, pattern in (
            ("without", r"answer is «([\d,]+)» attention weights"),
            ("with", r"«([\d,]+)» if the model adds a class token")):
        same(q, f"final answer, {label} class token", num(page.find(pattern)),
             images * math.prod(shapes[label]), "torch shape")
    vit_base = re.search(r"12 layers of ViT-Base compute «([\d,]+)» "
                         r"\(or «([\d,]+)»\)", page.text)
    for label, shown in zip(("without", "with"), vit_base.groups()):
        same(q, f"12 layers, {label} class token", num(shown),
             12 * images * math.prod(shapes[label]), "12 × torch shape")


def audit_q10(page):
    q = "Q10"
    nn = torch.nn
    conv = lambda i, o, k, **kw: nn.Conv2d(i, o, k, **kw)
    block = lambda: nn.Sequential(
        conv(32, 32, 3, padding=1), nn.LeakyReLU(0.2),
        conv(32, 32, 3, padding=1))
    generator = [conv(9, 32, 3, padding=1), nn.LeakyReLU(0.2), block(),
                 block(), conv(32, 12, 3, padding=1), nn.PixelShuffle(2),
                 conv(3, 3, 3, padding=1)]
    discriminator = [conv(3, 32, 4, stride=2, padding=1), nn.LeakyReLU(0.2),
                     conv(32, 64, 4, stride=2, padding=1), nn.LeakyReLU(0.2),
                     conv(64, 1, 3, padding=1), nn.Sigmoid()]
    summaries = [t for t in page.tables if t[0][:3] ==
                 ["Layer", "Output shape", "Parameters"]]
    gen_table = [t for t in summaries if t[1][0].startswith("Conv2d(9")][0]
    dis_table = [t for t in summaries if t[1][0].startswith("Conv2d(3, 32")][0]
    totals = {}
    for name, layers, table, shape in (
            ("generator", generator, gen_table, (1, 9, 32, 32)),
            ("discriminator", discriminator, dis_table, (1, 3, 64, 64))):
        x = torch.zeros(shape)
        for layer, row in zip(layers, table[1:]):
            x = layer(x)
            same(q, f"{name} {row[0][:22]} output",
                 row[1], "(None, " + ", ".join(map(str, x.shape[1:])) + ")",
                 "torch forward")
            same(q, f"{name} {row[0][:22]} parameters", int(row[2]),
                 sum(p.numel() for p in layer.parameters()), "torch")
        totals[name] = sum(p.numel() for l in layers for p in l.parameters())
        shown = re.search(r"Total parameters: (\d+)", " ".join(
            " ".join(r) for r in table)).group(1)
        same(q, f"{name} total", int(shown), totals[name], "torch")
    block_count = sum(p.numel() for p in block().parameters())
    same(q, "residual block (prose)",
         int(page.find(r"residual block holds «([^»]*)»").replace(",", "")),
         block_count, "torch")
    check(q, "residual share % (prose)",
          page.find(r"two of them are «([^»]*)»%"),
          100 * 2 * block_count / totals["generator"], "torch")
    same(q, "generator total (prose)",
         int(page.find(r"% of the generator's «([^»]*)»").replace(",", "")),
         totals["generator"], "torch")
    same(q, "last 10% of 300 steps", int(page.find(r"last «([^»]*)» steps")),
         300 // 10, "hand")
    d = float(page.find(r"loss averages «([^»]*)»"))
    g = float(page.find(r"the generator's «([^»]*)», both"))
    claim(q, "both final losses 'close to ln 2' (±0.01)",
          abs(d - math.log(2)) < 0.01 and abs(g - math.log(2)) < 0.01,
          "math.log(2)")
    rows = {r[0]: r[1:] for r in page.table_with("", "mean")[1:]}
    mean, std = (float(c) for c in rows["generator (1,000 samples)"])
    check(q, "sample mean (prose)", page.find(r"found the mean \(«([^»]*)»"),
          mean, "table")
    check(q, "sample std (prose)",
          page.find(r"standard deviation «([^»]*)» against"), std, "table")
    claim(q, "mean found (within 0.1 of 3), spread smaller than 0.5",
          abs(mean - 3) < 0.1 and std < 0.5, "table")


def audit_other_pages():
    """The two feature pages, Output/intro.html and Output/answer-key.html,
    checked the same way."""
    intro = Page((PAGE.parent / "intro.html").read_text())
    z = 0.35 + 0.05 * 0.15 + 0.10 * 0.25
    out = 1 / (1 + math.exp(-z))
    q = "intro"
    check(q, "neuron z", intro.find(r"z = ([\d.]+)"), z, "hand")
    check(q, "neuron σ(z) (cell)", intro.values[0], out, "hand")
    check(q, "error ½(1−σ)² (cell)", intro.values[1],
          0.5 * (1 - out) ** 2, "hand")
    check(q, "neuron σ(z) (prose)", intro.find(r"outputs «([^»]*)»"), out,
          "hand")
    net = [torch.nn.Linear(2, 4), torch.nn.Linear(4, 3), torch.nn.Linear(3, 2)]
    same(q, "2-4-3-2 parameters",
         int(intro.find(r"2-4-3-2 network has (\d+) parameters")),
         sum(p.numel() for l in net for p in l.parameters()), "torch")
    claim(q, "shape[5] of a 2-element array is out of range",
          "index 5 in an array of 2 elements" in intro.text, "hand")
    key = Page((PAGE.parent / "answer-key.html").read_text())
    q = "key"
    lstm = sum(p.numel() for p in torch.nn.LSTM(32, 64).parameters())
    same(q, "LSTM parameters (cell)", int(key.values[0]), lstm,
         "torch.nn.LSTM")
    same(q, "LSTM parameters (prose)",
         int(key.find(r"2 \\cdot 64\)\$ = «(\d+)»")),
         4 * (32 * 64 + 64 * 64 + 2 * 64), "hand formula as shown")
    w = torch.tensor([0.5, -1.0], requires_grad=True)
    loss = (w * w).sum()
    loss.backward()
    rows = {r[0]: r[1] for r in key.table_with("quantity", "value")[1:]}
    same(q, "∂L/∂w", rows["∂L/∂w = 2w"],
         "(" + ", ".join(f"{g:g}" for g in w.grad.tolist()) + ")",
         "torch autograd")
    check(q, "L before", rows["L before"], loss.item(), "torch")
    opt = torch.optim.SGD([w], lr=0.1)
    opt.step()
    check(q, "L after one step", rows["L after"], (w * w).sum().item(),
          "torch SGD")
    claim(q, "'shrinks by a factor 0.64 at every step'",
          abs((1 - 2 * 0.1) ** 2 - 0.64) < 1e-12, "hand: w ← 0.8 w")


def audit_wording(page):
    """No run of eight words of the paper appears in the key's prose."""
    words = lambda t: re.findall(r"[a-z0-9]+", t.lower())
    paper = words(PAPER.read_text()) if PAPER.exists() else []
    shingles = {tuple(paper[i:i + 8]) for i in range(len(paper) - 7)}
    prose = re.sub(r"```.*?```", " ", NOTEBOOK.read_text(), flags=re.S)
    key = words(prose)
    pasted = {" ".join(key[i:i + 8]) for i in range(len(key) - 7)
              if tuple(key[i:i + 8]) in shingles}
    RESULTS.append(("all", "8-word runs pasted from the paper",
                    str(len(pasted)), "0", "shingle comparison",
                    not pasted))
    for run in sorted(pasted):
        print(f"pasted from the paper: {run}", file=sys.stderr)


def main():
    page = Page(PAGE.read_text())
    errors = re.findall(r'<span class="nb-where">([^<]*)</span> '
                        r'<strong>error:</strong>', PAGE.read_text())
    claim("all", "one error on the page, Q4's intended one (all expect pass)",
          len(errors) == 1 and "shapes [4, 3] and [3, 1]" in page.text,
          "page diagnostics")
    # a check inside a loop passes once per iteration, so at least as many
    claim("all", "a passed mark for every expect(...) of exam.md",
          PAGE.read_text().count('class="nb-check-mark"')
          >= NOTEBOOK.read_text().count("expect("), "count in exam.md")
    for audit in (audit_q1, audit_q2, audit_q3, audit_q4, audit_q5, audit_q6,
                  audit_q7, audit_q8, audit_q9, audit_q10, audit_wording):
        audit(page)
    if len(sys.argv) == 1:  # the feature pages beside the default page
        audit_other_pages()
    width = max(len(r[1]) for r in RESULTS)
    print(f"{'q':4} {'quantity':{width}} {'page':>14} {'independent':>14}"
          "  method")
    for q, what, shown, mine, method, ok in RESULTS:
        mark = "" if ok else "   <-- MISMATCH"
        print(f"{q:4} {what:{width}} {shown[:14]:>14} {mine[:14]:>14}"
              f"  {method}{mark}")
    bad = [r for r in RESULTS if not r[5]]
    print(f"\n{len(RESULTS)} comparisons, {len(bad)} mismatches")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
