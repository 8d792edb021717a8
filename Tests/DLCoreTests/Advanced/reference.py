#!/usr/bin/env python3
"""Expected values for the advanced-layer tests, computed with PyTorch (float64).

Run from the repository root (CI does not run it; the output is checked in):

    python3 Tests/DLCoreTests/Advanced/reference.py > Tests/DLCoreTests/Advanced/AdvancedReferenceValues.swift

Every parameter is set from a formula rather than PyTorch's random generator, so the Swift tests
can set the same values: parameter number k (in the order listed in each case) gets element i
(row-major) equal to 0.1 * (((7 i + 3 k) mod 13) - 6) / 6. Inputs use ((5 i + 2 + k) mod 11 - 5) / 5
and the loss whose gradients are compared is sum(output * c) with c_i = ((3 i + 1 + k) mod 7 - 3) / 3,
summed over the outputs of a case with k = 0, 1, 2, ...  The same formulas are in
AdvancedTestSupport.swift.
"""

import torch
from torch import nn

torch.set_default_dtype(torch.float64)


def pattern(n, k):
    return [0.1 * ((((i * 7) + 3 * k) % 13) - 6) / 6 for i in range(n)]


def fill(params):
    with torch.no_grad():
        for k, p in enumerate(params):
            p.copy_(torch.tensor(pattern(p.numel(), k)).reshape(p.shape))


def numel(shape):
    n = 1
    for d in shape:
        n *= d
    return n


def inp(shape, k=0, grad=True):
    t = torch.tensor([((i * 5 + 2 + k) % 11 - 5) / 5 for i in range(numel(shape))]).reshape(shape)
    return t.requires_grad_(grad)


def coef(shape, k=0):
    return torch.tensor([((i * 3 + 1 + k) % 7 - 3) / 3 for i in range(numel(shape))]).reshape(shape)


def weighted_loss(outputs):
    return sum((o * coef(o.shape, k)).sum() for k, o in enumerate(outputs))


lines = []


def emit(name, values):
    if isinstance(values, torch.Tensor):
        values = values.detach().reshape(-1).tolist()
    if isinstance(values, (int, float)):
        lines.append(f"  static let {name} = {values!r}")
        return
    body = ", ".join(repr(float(v)) for v in values)
    lines.append(f"  static let {name}: [Double] = [{body}]")


def emit_grads(prefix, params):
    for k, p in enumerate(params):
        emit(f"{prefix}Grad{k}", p.grad)


def count(module):
    return sum(p.numel() for p in module.parameters())


# --- Recurrent layers -------------------------------------------------------------------------
# RNN, two layers, tanh, (seq, batch, feature) with an initial state.
rnn = nn.RNN(3, 4, num_layers=2)
rnn_params = [p for _, p in rnn.named_parameters()]
fill(rnn_params)
x = inp((5, 2, 3))
h0 = inp((2, 2, 4), 1)
out, hn = rnn(x, h0)
weighted_loss([out, hn]).backward()
emit("rnnOutput", out)
emit("rnnFinalHidden", hn)
emit("rnnInputGrad", x.grad)
emit("rnnInitialHiddenGrad", h0.grad)
emit_grads("rnnParameter", rnn_params)

# LSTM, two layers, batch first, zero initial state.
lstm = nn.LSTM(3, 4, num_layers=2, batch_first=True)
lstm_params = [p for _, p in lstm.named_parameters()]
fill(lstm_params)
x = inp((2, 5, 3))
out, (hn, cn) = lstm(x)
weighted_loss([out, hn, cn]).backward()
emit("lstmOutput", out)
emit("lstmFinalHidden", hn)
emit("lstmFinalCell", cn)
emit("lstmInputGrad", x.grad)
emit_grads("lstmParameter", lstm_params)

# GRU, one layer, with an initial state.
gru = nn.GRU(3, 4)
gru_params = [p for _, p in gru.named_parameters()]
fill(gru_params)
x = inp((5, 2, 3))
h0 = inp((1, 2, 4), 1)
out, hn = gru(x, h0)
weighted_loss([out, hn]).backward()
emit("gruOutput", out)
emit("gruFinalHidden", hn)
emit("gruInputGrad", x.grad)
emit("gruInitialHiddenGrad", h0.grad)
emit_grads("gruParameter", gru_params)

# Bidirectional layers: parameters in PyTorch's order (l0, l0_reverse, l1, l1_reverse), initial
# states [layers * 2, batch, hidden], outputs [.., 2 * hidden] (forward features first).
bilstm = nn.LSTM(3, 4, num_layers=2, bidirectional=True)
bilstm_params = [p for _, p in bilstm.named_parameters()]
fill(bilstm_params)
x = inp((5, 2, 3))
h0 = inp((4, 2, 4), 1)
c0 = inp((4, 2, 4), 2)
out, (hn, cn) = bilstm(x, (h0, c0))
weighted_loss([out, hn, cn]).backward()
emit("bilstmOutput", out)
emit("bilstmFinalHidden", hn)
emit("bilstmFinalCell", cn)
emit("bilstmInputGrad", x.grad)
emit("bilstmInitialHiddenGrad", h0.grad)
emit("bilstmInitialCellGrad", c0.grad)
emit_grads("bilstmParameter", bilstm_params)
emit("bilstmNames", 0)
lines[-1] = "  static let bilstmNames = [" + ", ".join(
    '"' + n + '"' for n, _ in bilstm.named_parameters()) + "]"

bigru = nn.GRU(3, 4, batch_first=True, bidirectional=True)
bigru_params = [p for _, p in bigru.named_parameters()]
fill(bigru_params)
x = inp((2, 5, 3))
out, hn = bigru(x)
weighted_loss([out, hn]).backward()
emit("bigruOutput", out)
emit("bigruFinalHidden", hn)
emit("bigruInputGrad", x.grad)
emit_grads("bigruParameter", bigru_params)

birnn = nn.RNN(3, 4, num_layers=2, nonlinearity="relu", bidirectional=True)
fill([p for _, p in birnn.named_parameters()])
out, hn = birnn(inp((5, 2, 3), grad=False))
emit("birnnOutput", out)
emit("birnnFinalHidden", hn)

emit("bilstm32x64Count", count(nn.LSTM(32, 64, bidirectional=True)))
emit("bigru10x20x2Count", count(nn.GRU(10, 20, num_layers=2, bidirectional=True)))
emit("birnn10x20x3Count", count(nn.RNN(10, 20, num_layers=3, bidirectional=True)))
emit("lstm32x64Count", count(nn.LSTM(32, 64)))
emit("rnn32x64Count", count(nn.RNN(32, 64)))
emit("gru32x64Count", count(nn.GRU(32, 64)))
emit("lstm10x20x2Count", count(nn.LSTM(10, 20, num_layers=2)))

# --- Normalization ----------------------------------------------------------------------------
bn = nn.BatchNorm1d(4)
fill([bn.weight, bn.bias])
x = inp((6, 4))
y = bn(x)
weighted_loss([y]).backward()
emit("batchNormTrainOutput", y)
emit("batchNormInputGrad", x.grad)
emit("batchNormWeightGrad", bn.weight.grad)
emit("batchNormBiasGrad", bn.bias.grad)
emit("batchNormRunningMean1", bn.running_mean)
emit("batchNormRunningVar1", bn.running_var)
x3 = inp((3, 4, 2), 3)
y3 = bn(x3)
emit("batchNormTrainOutput3d", y3)
emit("batchNormRunningMean2", bn.running_mean)
emit("batchNormRunningVar2", bn.running_var)
bn.eval()
emit("batchNormEvalOutput", bn(inp((6, 4), grad=False)))

# momentum=None: running statistics are the cumulative average of every batch seen
cma = nn.BatchNorm1d(4, momentum=None)
for k in range(3):
    cma(inp((5, 4), k, grad=False))
    emit(f"batchNormCumulativeMean{k + 1}", cma.running_mean)
    emit(f"batchNormCumulativeVar{k + 1}", cma.running_var)
cma.eval()
emit("batchNormCumulativeEvalOutput", cma(inp((2, 4), 7, grad=False)))

bn2 = nn.BatchNorm2d(3)
fill([bn2.weight, bn2.bias])
x = inp((2, 3, 2, 2))
y = bn2(x)
weighted_loss([y]).backward()
emit("batchNorm2dOutput", y)
emit("batchNorm2dInputGrad", x.grad)
emit("batchNorm2dRunningVar", bn2.running_var)

ln = nn.LayerNorm(4)
fill([ln.weight, ln.bias])
x = inp((2, 3, 4))
y = ln(x)
weighted_loss([y]).backward()
emit("layerNormOutput", y)
emit("layerNormInputGrad", x.grad)
emit("layerNormWeightGrad", ln.weight.grad)
emit("layerNormBiasGrad", ln.bias.grad)

ln2 = nn.LayerNorm([3, 4])
fill([ln2.weight, ln2.bias])
emit("layerNorm2Output", ln2(inp((2, 3, 4), grad=False)))

# --- Attention --------------------------------------------------------------------------------
mha = nn.MultiheadAttention(8, 2, batch_first=True)
mha_params = [mha.in_proj_weight, mha.in_proj_bias, mha.out_proj.weight, mha.out_proj.bias]
fill(mha_params)
x = inp((2, 5, 8))
out, w = mha(x, x, x, need_weights=True, average_attn_weights=False)
weighted_loss([out]).backward()
emit("attentionOutput", out)
emit("attentionWeights", w)
emit("attentionInputGrad", x.grad)
emit_grads("attentionParameter", mha_params)
causal = torch.triu(torch.ones(5, 5, dtype=torch.bool), diagonal=1)
out, w = mha(x, x, x, attn_mask=causal, need_weights=True, average_attn_weights=False)
emit("attentionCausalOutput", out)
emit("attentionCausalWeights", w)
q = inp((2, 3, 8), 4, grad=False)
kv = inp((2, 5, 8), 5, grad=False)
out, w = mha(q, kv, kv, need_weights=True, average_attn_weights=False)
emit("crossAttentionOutput", out)
emit("crossAttentionWeights", w)
# Key padding: batch item 0 ignores its last two keys, item 1 its key 1 (True = ignore).
padding = torch.tensor([[False, False, False, True, True], [False, True, False, False, False]])
x = inp((2, 5, 8))
for p in mha_params:
    p.grad = None
out, w = mha(x, x, x, key_padding_mask=padding, need_weights=True, average_attn_weights=False)
weighted_loss([out]).backward()
emit("attentionPaddedOutput", out)
emit("attentionPaddedWeights", w)
emit("attentionPaddedInputGrad", x.grad)
emit_grads("attentionPaddedParameter", mha_params)
out, w = mha(x, x, x, key_padding_mask=padding, attn_mask=causal, need_weights=True,
             average_attn_weights=False)
emit("attentionPaddedCausalOutput", out)
emit("attentionPaddedCausalWeights", w)
emit("attention64x8Count", count(nn.MultiheadAttention(64, 8)))


# --- Vision transformer -----------------------------------------------------------------------
class PatchEmbedding(nn.Module):
    def __init__(self, image, patch, channels, dim):
        super().__init__()
        self.proj = nn.Conv2d(channels, dim, patch, stride=patch)
        self.cls = nn.Parameter(torch.zeros(1, 1, dim))
        self.pos = nn.Parameter(torch.zeros(1, (image // patch) ** 2 + 1, dim))

    def ordered(self):
        return [self.proj.weight, self.proj.bias, self.cls, self.pos]

    def forward(self, x):
        x = self.proj(x).flatten(2).transpose(1, 2)
        x = torch.cat([self.cls.expand(x.shape[0], -1, -1), x], dim=1)
        return x + self.pos


def block_params(b):
    return [b.self_attn.in_proj_weight, b.self_attn.in_proj_bias, b.self_attn.out_proj.weight,
            b.self_attn.out_proj.bias, b.linear1.weight, b.linear1.bias, b.linear2.weight,
            b.linear2.bias, b.norm1.weight, b.norm1.bias, b.norm2.weight, b.norm2.bias]


pe = PatchEmbedding(8, 4, 2, 6)
fill(pe.ordered())
x = inp((2, 2, 8, 8))
y = pe(x)
weighted_loss([y]).backward()
emit("patchEmbeddingOutput", y)
emit("patchEmbeddingInputGrad", x.grad)
emit_grads("patchEmbeddingParameter", pe.ordered())

block = nn.TransformerEncoderLayer(8, 2, 16, dropout=0.0, activation="gelu", batch_first=True,
                                   norm_first=True)
fill(block_params(block))
x = inp((2, 5, 8))
y = block(x)
weighted_loss([y]).backward()
emit("encoderBlockOutput", y)
emit("encoderBlockInputGrad", x.grad)
emit("encoderBlockCount", count(block))
post = nn.TransformerEncoderLayer(8, 2, 16, dropout=0.0, batch_first=True)  # post-norm, ReLU
fill(block_params(post))
x = inp((2, 5, 8))
y = post(x, src_key_padding_mask=padding)
weighted_loss([y]).backward()
emit("encoderBlockPaddedOutput", y)
emit("encoderBlockPaddedInputGrad", x.grad)

# ViT: patch embedding, `depth` pre-norm encoder blocks, final LayerNorm, linear head on the
# class token.
embed = PatchEmbedding(8, 4, 1, 8)
blocks = [nn.TransformerEncoderLayer(8, 2, 16, dropout=0.0, activation="gelu", batch_first=True,
                                     norm_first=True) for _ in range(2)]
norm = nn.LayerNorm(8)
head = nn.Linear(8, 3)
vit_params = embed.ordered() + block_params(blocks[0]) + block_params(blocks[1]) + \
    [norm.weight, norm.bias, head.weight, head.bias]
fill(vit_params)
x = inp((2, 1, 8, 8), grad=False)
h = embed(x)
for b in blocks:
    h = b(h)
logits = head(norm(h[:, 0]))
emit("vitLogits", logits)
# The same ViT with its attention projections scaled by 40 (`attentionScale` below), so that
# attention weights are far from uniform and a wrong 1/sqrt(d) scale would show.
with torch.no_grad():
    for b in blocks:
        b.self_attn.in_proj_weight.mul_(40)
h = embed(x)
for b in blocks:
    h = b(h)
emit("vitScaledTokens", h)
emit("vitScaledLogits", head(norm(h[:, 0])))
emit("vitScaledFirstWeights", blocks[0].self_attn(*[blocks[0].norm1(embed(x))] * 3,
     need_weights=True, average_attn_weights=False)[1])

emit("vitCount", sum(p.numel() for p in vit_params))
vit_exam = [PatchEmbedding(128, 16, 3, 64)] + [nn.TransformerEncoderLayer(64, 8, 128) for _ in range(2)]
emit("vitExamCount", sum(count(m) for m in vit_exam) + count(nn.LayerNorm(64)) + count(nn.Linear(64, 10)))

# --- Convolution and pooling ------------------------------------------------------------------
conv = nn.Conv2d(2, 3, 3, stride=2, padding=1)
fill([conv.weight, conv.bias])
x = inp((2, 2, 5, 5))
y = conv(x)
weighted_loss([y]).backward()
emit("convOutput", y)
emit("convInputGrad", x.grad)
emit("convWeightGrad", conv.weight.grad)
emit("convBiasGrad", conv.bias.grad)

# Dilation 2 and two groups: weight [6, 4 / 2, 3, 3]; the padded 10x10 image gives 6x6.
dconv = nn.Conv2d(4, 6, 3, stride=1, padding=2, dilation=2, groups=2)
fill([dconv.weight, dconv.bias])
x = inp((2, 4, 6, 6))
y = dconv(x)
weighted_loss([y]).backward()
emit("dilatedConvOutput", y)
emit("dilatedConvInputGrad", x.grad)
emit("dilatedConvWeightGrad", dconv.weight.grad)
emit("dilatedConvBiasGrad", dconv.bias.grad)
sconv = nn.Conv2d(3, 3, 3, stride=2, dilation=3, groups=3, bias=False)  # depthwise, strided
fill([sconv.weight])
emit("depthwiseConvOutput", sconv(inp((1, 3, 9, 8), grad=False)))
emit("depthwiseConvCount", count(nn.Conv2d(32, 32, 3, groups=32)))

convt = nn.ConvTranspose2d(3, 2, 4, stride=2, padding=1)
fill([convt.weight, convt.bias])
x = inp((1, 3, 3, 3))
y = convt(x)
weighted_loss([y]).backward()
emit("convTransposeOutput", y)
emit("convTransposeInputGrad", x.grad)
emit("convTransposeWeightGrad", convt.weight.grad)
emit("convTransposeBiasGrad", convt.bias.grad)
# dilated, grouped transposed convolution: weight [in, out / groups, k, k]
dconvt = nn.ConvTranspose2d(4, 6, 3, stride=2, padding=1, output_padding=1, dilation=3, groups=2)
fill([dconvt.weight, dconvt.bias])
x = inp((1, 4, 3, 2))
y = dconvt(x)
weighted_loss([y]).backward()
emit("dilatedConvTransposeShape", list(y.shape))
emit("dilatedConvTransposeOutput", y)
emit("dilatedConvTransposeInputGrad", x.grad)
emit("dilatedConvTransposeWeightGrad", dconvt.weight.grad)
emit("dilatedConvTransposeBiasGrad", dconvt.bias.grad)
emit("dilatedConvTransposeCount", count(nn.ConvTranspose2d(8, 12, 3, dilation=2, groups=4)))
# output_padding may reach max(stride, dilation) - 1: here 2 with stride 1
wide = nn.ConvTranspose2d(1, 1, 2, stride=1, output_padding=2, dilation=3, bias=False)
fill([wide.weight])
emit("outputPaddedConvTranspose", wide(inp((1, 1, 2, 2), grad=False)))

# rectangular windows: (height, width) pairs for kernel, stride, padding, dilation
rconv = nn.Conv2d(2, 3, (2, 3), stride=(2, 1), padding=(1, 0), dilation=(1, 2))
fill([rconv.weight, rconv.bias])
x = inp((2, 2, 5, 6))
y = rconv(x)
weighted_loss([y]).backward()
emit("rectConvShape", list(y.shape))
emit("rectConvOutput", y)
emit("rectConvInputGrad", x.grad)
emit("rectConvWeightGrad", rconv.weight.grad)
rconvt = nn.ConvTranspose2d(2, 2, (3, 2), stride=(2, 1), padding=(1, 0), output_padding=(1, 0),
                            dilation=(1, 2))
fill([rconvt.weight, rconvt.bias])
x = inp((1, 2, 3, 2))
y = rconvt(x)
weighted_loss([y]).backward()
emit("rectConvTransposeShape", list(y.shape))
emit("rectConvTransposeOutput", y)
emit("rectConvTransposeInputGrad", x.grad)
emit("rectConvTransposeWeightGrad", rconvt.weight.grad)
rx = torch.tensor([((i * 7) % 60) / 10 - 3 for i in range(60)]).reshape(1, 2, 5, 6)
emit("rectMaxPoolOutput", nn.MaxPool2d((3, 2), stride=(2, 1), padding=(1, 0))(rx))
emit("rectAvgPoolOutput", nn.AvgPool2d((2, 3), stride=(1, 2), padding=(0, 1))(rx))

distinct = torch.tensor([((i * 7) % 50) / 10 - 2.5 for i in range(50)]).reshape(1, 2, 5, 5)
x = distinct.clone().requires_grad_(True)
y = nn.MaxPool2d(2)(x)
weighted_loss([y]).backward()
emit("maxPoolOutput", y)
emit("maxPoolInputGrad", x.grad)
x = distinct.clone().requires_grad_(True)
y = nn.MaxPool2d(3, stride=2, padding=1)(x)
weighted_loss([y]).backward()
emit("maxPoolPaddedOutput", y)
emit("maxPoolPaddedInputGrad", x.grad)
x = distinct.clone().requires_grad_(True)
y = nn.AvgPool2d(2)(x)
weighted_loss([y]).backward()
emit("avgPoolOutput", y)
emit("avgPoolInputGrad", x.grad)
emit("avgPoolPaddedOutput", nn.AvgPool2d(3, stride=2, padding=1)(distinct))
emit("pixelShuffleOutput", nn.PixelShuffle(2)(inp((1, 8, 2, 3), grad=False)))
emit("upsampleOutput", nn.Upsample(scale_factor=2, mode="nearest")(inp((1, 2, 2, 3), grad=False)))

# A small super-resolution generator (x2 by sub-pixel convolution) and a pix2pix-style
# 70x70 PatchGAN discriminator.
generator = nn.Sequential(
    nn.Conv2d(3, 64, 9, padding=4), nn.LeakyReLU(0.2),
    nn.Conv2d(64, 64, 3, padding=1), nn.BatchNorm2d(64), nn.LeakyReLU(0.2),
    nn.Conv2d(64, 256, 3, padding=1), nn.PixelShuffle(2), nn.LeakyReLU(0.2),
    nn.Conv2d(64, 3, 9, padding=4), nn.Tanh())
discriminator = nn.Sequential(
    nn.Conv2d(3, 64, 4, stride=2, padding=1), nn.LeakyReLU(0.2),
    nn.Conv2d(64, 128, 4, stride=2, padding=1), nn.BatchNorm2d(128), nn.LeakyReLU(0.2),
    nn.Conv2d(128, 256, 4, stride=2, padding=1), nn.BatchNorm2d(256), nn.LeakyReLU(0.2),
    nn.Conv2d(256, 512, 4, stride=1, padding=1), nn.BatchNorm2d(512), nn.LeakyReLU(0.2),
    nn.Conv2d(512, 1, 4, stride=1, padding=1))
emit("generatorCount", count(generator))


# An SRResNet-style generator (SRGAN): residual blocks with batch normalization and PReLU, a long
# skip connection, and two x2 sub-pixel upsampling steps.
class Residual(nn.Module):
    def __init__(self, *layers):
        super().__init__()
        self.body = nn.Sequential(*layers)

    def forward(self, x):
        return x + self.body(x)


def residual_block():
    return Residual(nn.Conv2d(64, 64, 3, padding=1), nn.BatchNorm2d(64), nn.PReLU(),
                    nn.Conv2d(64, 64, 3, padding=1), nn.BatchNorm2d(64))


srresnet = nn.Sequential(
    nn.Conv2d(3, 64, 9, padding=4), nn.PReLU(),
    Residual(*[residual_block() for _ in range(4)], nn.Conv2d(64, 64, 3, padding=1),
             nn.BatchNorm2d(64)),
    nn.Conv2d(64, 256, 3, padding=1), nn.PixelShuffle(2), nn.PReLU(),
    nn.Conv2d(64, 256, 3, padding=1), nn.PixelShuffle(2), nn.PReLU(),
    nn.Conv2d(64, 3, 9, padding=4))
emit("srresnetCount", count(srresnet))
emit("srresnetOutputShape", list(srresnet(torch.zeros(1, 3, 8, 8)).shape))

prelu = nn.PReLU(3)
fill([prelu.weight])
x = inp((2, 3, 2, 2))
y = prelu(x)
weighted_loss([y]).backward()
emit("preluOutput", y)
emit("preluInputGrad", x.grad)
emit("preluWeightGrad", prelu.weight.grad)
x = inp((2, 5))
y = nn.GELU()(x)
weighted_loss([y]).backward()
emit("geluOutput", y)
emit("geluInputGrad", x.grad)
emit("discriminatorCount", count(discriminator))
emit("discriminatorOutputShape", list(discriminator(torch.zeros(1, 3, 64, 64)).shape))

print("// Generated by reference.py with PyTorch " + torch.__version__.split("+")[0]
      + " (float64). Do not edit; rerun the script.")
print("// swift-format-ignore-file")
print("enum AdvancedReference {")
print("\n".join(lines))
print("}")
