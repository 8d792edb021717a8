"""Computes the reference values the DLCore tests compare against, independently of DLCore.

Run: python3 Tests/DLCoreTests/Reference/make_reference.py > Tests/DLCoreTests/ReferenceValues.swift
Needs numpy and torch (pip install 'torch==2.13.0+cpu'). CI does not run it; its output is
checked in.
"""

MASK = (1 << 64) - 1


def splitmix64(state):
    state = (state + 0x9E3779B97F4A7C15) & MASK
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return state, z ^ (z >> 31)


def rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & MASK


def xoshiro(seed, n):
    s = []
    st = seed
    for _ in range(4):
        st, v = splitmix64(st)
        s.append(v)
    out = []
    for _ in range(n):
        out.append((rotl((s[1] * 5) & MASK, 7) * 9) & MASK)
        t = (s[1] << 17) & MASK
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 45)
    return out


def swift_array(values):
    return "[" + ", ".join(repr(float(v)) for v in values) + "]"


def worked_example():
    """The 2-2-1 sigmoid network of the issue, by hand in plain Python (no autograd).

    Convention: h1 = s(w1 x1 + w2 x2), h2 = s(w3 x1 + w4 x2), y = s(w5 h1 + w6 h2),
    E = 1/2 (t - y)^2, no biases. Every weight is updated at each step with
    dw(t) = -eta dE/dw + alpha dw(t-1).
    """
    import math

    s = lambda z: 1 / (1 + math.exp(-z))
    x1, x2, t, eta, alpha = 0.35, 0.9, 1.0, 0.24, 0.5
    w = [0.1, 0.8, 0.4, 0.6, 0.3, 0.9]
    dw = [0.0] * 6
    steps = []
    for _ in range(2):
        h1 = s(w[0] * x1 + w[1] * x2)
        h2 = s(w[2] * x1 + w[3] * x2)
        y = s(w[4] * h1 + w[5] * h2)
        e = 0.5 * (t - y) ** 2
        delta_o = (y - t) * y * (1 - y)
        d1 = delta_o * w[4] * h1 * (1 - h1)
        d2 = delta_o * w[5] * h2 * (1 - h2)
        grads = [d1 * x1, d1 * x2, d2 * x1, d2 * x2, delta_o * h1, delta_o * h2]
        dw = [-eta * g + alpha * d for g, d in zip(grads, dw)]
        w = [a + b for a, b in zip(w, dw)]
        steps.append(dict(h=[h1, h2], y=y, e=e, grads=grads, dw=list(dw), w=list(w)))
    return steps


def torch_references():
    import numpy as np
    import torch
    import torch.nn.functional as F

    torch.set_default_dtype(torch.float64)
    out = {}

    # The worked example again, through torch.optim.SGD, as a cross-check of the hand values.
    l1 = torch.nn.Linear(2, 2, bias=False)
    l2 = torch.nn.Linear(2, 1, bias=False)
    with torch.no_grad():
        l1.weight.copy_(torch.tensor([[0.1, 0.8], [0.4, 0.6]]))
        l2.weight.copy_(torch.tensor([[0.3, 0.9]]))
    opt = torch.optim.SGD(list(l1.parameters()) + list(l2.parameters()), lr=0.24, momentum=0.5)
    x = torch.tensor([[0.35, 0.9]])
    for step in range(2):
        y = torch.sigmoid(l2(torch.sigmoid(l1(x))))
        e = 0.5 * ((1 - y) ** 2).sum()
        opt.zero_grad()
        e.backward()
        opt.step()
        out[f"torchWorkedW56Step{step + 1}"] = l2.weight.detach().flatten().tolist()

    # A 3-5-2 MLP with fixed weights: forward, cross-entropy, gradients, optimizer steps.
    xs = np.array([[0.5, -1.2, 0.3], [1.5, 0.2, -0.7], [-0.4, 0.9, 1.1], [0.0, -0.3, 0.8]])
    labels = np.array([0, 1, 1, 0])
    w1 = (np.arange(15).reshape(5, 3) * 0.37) % 1.3 - 0.65
    b1 = np.linspace(-0.2, 0.2, 5)
    w2 = (np.arange(10).reshape(2, 5) * 0.53) % 1.1 - 0.55
    b2 = np.array([0.05, -0.05])
    out.update(mlpInputs=xs.flatten(), mlpLabels=labels, mlpW1=w1.flatten(), mlpB1=b1,
               mlpW2=w2.flatten(), mlpB2=b2)

    def make():
        a = torch.nn.Linear(3, 5)
        b = torch.nn.Linear(5, 2)
        with torch.no_grad():
            a.weight.copy_(torch.tensor(w1)); a.bias.copy_(torch.tensor(b1))
            b.weight.copy_(torch.tensor(w2)); b.bias.copy_(torch.tensor(b2))
        return torch.nn.Sequential(a, torch.nn.Tanh(), b)

    net = make()
    X = torch.tensor(xs)
    T = torch.tensor(labels)
    logits = net(X)
    loss = F.cross_entropy(logits, T)
    loss.backward()
    out["mlpLogits"] = logits.detach().flatten()
    out["mlpLoss"] = [loss.item()]
    for name, p in zip(["W1", "B1", "W2", "B2"], net.parameters()):
        out[f"mlpGrad{name}"] = p.grad.flatten()

    for label, factory in [
        ("Sgd", lambda ps: torch.optim.SGD(ps, lr=0.1, momentum=0.9)),
        ("SgdNesterov", lambda ps: torch.optim.SGD(ps, lr=0.1, momentum=0.9, nesterov=True, weight_decay=0.01)),
        ("Adam", lambda ps: torch.optim.Adam(ps, lr=0.01)),
        ("AdamDecay", lambda ps: torch.optim.Adam(ps, lr=0.05, betas=(0.8, 0.99), weight_decay=0.1)),
        ("AdamW", lambda ps: torch.optim.AdamW(ps, lr=0.05, weight_decay=0.1)),
        ("Rmsprop", lambda ps: torch.optim.RMSprop(ps, lr=0.01)),
        ("RmspropMomentum", lambda ps: torch.optim.RMSprop(ps, lr=0.01, alpha=0.9, momentum=0.5, weight_decay=0.05)),
    ]:
        net = make()
        opt = factory(list(net.parameters()))
        for _ in range(3):
            opt.zero_grad()
            F.cross_entropy(net(X), T).backward()
            opt.step()
        out[f"after3{label}W1"] = net[0].weight.detach().flatten()
        out[f"after3{label}B2"] = net[2].bias.detach().flatten()

    # Losses on fixed values, with gradients with respect to the prediction.
    pred = torch.tensor([0.2, 0.7, 0.95, 0.4, 0.01], requires_grad=True)
    target = torch.tensor([0.0, 1.0, 1.0, 0.0, 1.0])
    logit = torch.tensor([-1.5, 0.3, 2.5, 40.0, -35.0], requires_grad=True)
    for name, fn, inp in [
        ("Mse", lambda p: F.mse_loss(p, target), pred),
        ("L1", lambda p: F.l1_loss(p, target), pred),
        ("Bce", lambda p: F.binary_cross_entropy(p, target), pred),
        ("BceLogits", lambda p: F.binary_cross_entropy_with_logits(p, target), logit),
    ]:
        inp.grad = None
        v = fn(inp)
        v.backward()
        out[f"loss{name}"] = [v.item()]
        out[f"loss{name}Grad"] = inp.grad.flatten()
    out["lossPred"] = pred.detach()
    out["lossTarget"] = target
    out["lossLogit"] = logit.detach()

    soft = torch.tensor([[0.1, 0.7, 0.2], [0.5, 0.25, 0.25]])
    lg = torch.tensor([[1.0, 2.0, -1.0], [0.5, -0.5, 3.0]], requires_grad=True)
    v = F.cross_entropy(lg, soft)
    v.backward()
    out["softCrossEntropy"] = [v.item()]
    out["softCrossEntropyGrad"] = lg.grad.flatten()

    # Metrics (scikit-learn).
    from sklearn import metrics

    yt = [0, 1, 2, 2, 1, 0, 1, 2, 2, 0, 1, 1]
    yp = [0, 2, 2, 2, 1, 0, 0, 2, 1, 0, 1, 2]
    bt = [1, 0, 1, 1, 0, 1, 0, 0, 1, 1]
    bp = [1, 0, 0, 1, 0, 1, 1, 0, 1, 0]
    out.update(metricTrue=yt, metricPred=yp, binaryTrue=bt, binaryPred=bp)
    out["confusion"] = metrics.confusion_matrix(yt, yp).flatten()
    out["metricsMacro"] = [metrics.accuracy_score(yt, yp),
                           metrics.precision_score(yt, yp, average="macro"),
                           metrics.recall_score(yt, yp, average="macro"),
                           metrics.f1_score(yt, yp, average="macro")]
    out["metricsBinary"] = [metrics.accuracy_score(bt, bp),
                            metrics.precision_score(bt, bp),
                            metrics.recall_score(bt, bp),
                            metrics.f1_score(bt, bp)]
    out["torchVersion"] = torch.__version__
    return out


def main():
    lines = [
        "// Generated by Tests/DLCoreTests/Reference/make_reference.py; do not edit.",
        "enum ReferenceValues {",
        "  static let xoshiroSeed0: [UInt64] = [" + ", ".join(str(v) for v in xoshiro(0, 3)) + "]",
    ]
    for i, st in enumerate(worked_example(), start=1):
        for key in ["h", "grads", "dw", "w"]:
            lines.append(f"  static let workedStep{i}{key.capitalize()}: [Double] = {swift_array(st[key])}")
        lines.append(f"  static let workedStep{i}Y = {st['y']!r}")
        lines.append(f"  static let workedStep{i}E = {st['e']!r}")
    for key, value in torch_references().items():
        if isinstance(value, str):
            lines.append(f"  // {key}: {value}")
            continue
        values = value.tolist() if hasattr(value, "tolist") else list(value)
        lines.append(f"  static let {key}: [Double] = {swift_array(values)}")
    lines.append("}")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
