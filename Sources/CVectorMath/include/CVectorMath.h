// Vectorized elementary functions and the fused LSTM cell update for DLCore's recurrent and
// attention layers. Every function works in place on `count` doubles.
//
// Each function exists twice: a portable build (baseline x86-64 / any target) and, on x86-64, an
// AVX2 + FMA build chosen at run time when the processor supports both. Both builds run the same
// sequence of correctly rounded IEEE operations (fused multiply-adds included: the portable build
// calls the C library's fma, slow on processors without FMA), so they return the same bits:
// results do not depend on the machine. The `_portable` entry points force the portable build
// (for tests).
#ifndef CVECTORMATH_H
#define CVECTORMATH_H

#ifdef __cplusplus
extern "C" {
#endif

/// e^x. Relative error below 4e-16 (normal results); overflows to +inf above 709.78 and
/// underflows through the subnormals to 0 below -745.13; NaN stays NaN.
void vm_exp(double *values, long count);
/// The logistic sigmoid 1 / (1 + e^-x).
void vm_sigmoid(double *values, long count);
/// The hyperbolic tangent, with relative accuracy also near zero.
void vm_tanh(double *values, long count);

/// One LSTM step for `batch` rows. `gates` is `[batch, 4 * hidden]` pre-activations in the
/// order input, forget, cell, output, replaced by their activations (sigmoid, sigmoid, tanh,
/// sigmoid). `previousCell` is `[batch, hidden]` or NULL for zeros. Writes
/// `cell = f * previousCell + i * g`, `cellTanh = tanh(cell)` and `hidden = o * cellTanh`, each
/// `[batch, hidden]`.
void vm_lstm_cell(long batch, long hidden, double *gates, const double *previousCell,
                  double *cell, double *cellTanh, double *hiddenState);

void vm_exp_portable(double *values, long count);
void vm_sigmoid_portable(double *values, long count);
void vm_tanh_portable(double *values, long count);
void vm_lstm_cell_portable(long batch, long hidden, double *gates, const double *previousCell,
                           double *cell, double *cellTanh, double *hiddenState);

/// 1 when the AVX2 + FMA build is in use on this processor, 0 otherwise.
int vm_uses_avx2(void);

#ifdef __cplusplus
}
#endif

#endif
