// Four-lane double-precision kernels written once over GCC/Clang vector types and compiled
// twice: for the baseline target (two SSE2 halves on x86-64) and, on x86-64, for AVX2 with FMA
// (one ymm register), picked at run time. Only +, -, *, /, fused multiply-add and bit operations
// are used, and every multiply-add is written as an explicit fma (rounded once): the AVX2 build
// runs the fma instruction, the baseline build calls the C library's correctly rounded fma, so
// both give identical bits. Other contraction is off.
#include "CVectorMath.h"

#include <string.h>

#pragma STDC FP_CONTRACT OFF
#pragma clang fp contract(off)

typedef double v4d __attribute__((vector_size(32)));
typedef long long v4i __attribute__((vector_size(32)));
typedef unsigned long long v4u __attribute__((vector_size(32)));

#define INLINE static inline __attribute__((always_inline))

// a * b + c rounded once: one instruction with FMA hardware, the C library's correctly rounded
// fma otherwise, so every build gives the same bits.
#define FMA(a, b, c) __builtin_elementwise_fma((a), (b), (c))

// Helpers take and return vectors through pointers: passing a 32-byte vector by value between
// functions compiled for different targets would change the calling convention.
#define SPLAT(a) ((v4d){(a), (a), (a), (a)})

// Lanes of `a` where `mask` is all ones, of `b` elsewhere.
#define CHOOSE(mask, a, b) ((v4d)((((v4i)(a)) & (mask)) | (((v4i)(b)) & ~(mask))))

// 2^k for integer k in [-1022, 1023], built in the exponent bits.
#define POWER_OF_TWO(k) ((v4d)(((k) + 1023) << 52))

// Splits x = k ln2 + r with |r| <= ln2/2 (Cody-Waite, two-part ln2) and sets
// *q = e^r - 1 from the degree-13 Taylor polynomial (truncation below 1.2e-17 relative to q).
// x must lie within [-746, 710].
INLINE void expm1_reduced(const v4d *x, v4d *q, v4i *k) {
  // Adding 1.5 * 2^52 rounds to an integer held in the low mantissa bits.
  const v4d shifter = SPLAT(6755399441055744.0);
  v4d kd = FMA(*x, SPLAT(1.4426950408889634074), shifter);
  v4d kf = kd - shifter;
  *k = (v4i)kd - (v4i)shifter;
  // ln2 = 6.93147180369123816490e-01 (33 bits, so k * hi is exact) + 1.90821492927058770002e-10.
  v4d r = FMA(kf, SPLAT(-6.93147180369123816490e-01), *x);
  r = FMA(kf, SPLAT(-1.90821492927058770002e-10), r);
  v4d p = SPLAT(1.0 / 6227020800.0);  // 1/13!
  p = FMA(p, r, SPLAT(1.0 / 479001600.0));
  p = FMA(p, r, SPLAT(1.0 / 39916800.0));
  p = FMA(p, r, SPLAT(1.0 / 3628800.0));
  p = FMA(p, r, SPLAT(1.0 / 362880.0));
  p = FMA(p, r, SPLAT(1.0 / 40320.0));
  p = FMA(p, r, SPLAT(1.0 / 5040.0));
  p = FMA(p, r, SPLAT(1.0 / 720.0));
  p = FMA(p, r, SPLAT(1.0 / 120.0));
  p = FMA(p, r, SPLAT(1.0 / 24.0));
  p = FMA(p, r, SPLAT(1.0 / 6.0));
  p = FMA(p, r, SPLAT(0.5));
  p = FMA(p, r, SPLAT(1.0));
  *q = p * r;
}

INLINE void exp4(v4d *x) {
  v4d clamped = CHOOSE(*x > SPLAT(710.0), SPLAT(710.0), *x);
  clamped = CHOOSE(clamped < SPLAT(-746.0), SPLAT(-746.0), clamped);
  v4d q;
  v4i k;
  expm1_reduced(&clamped, &q, &k);
  // 2^k in two factors so that k from -1076 to 1024 neither overflows nor underflows early;
  // the first product is exact, so results in the subnormal range are rounded once.
  v4i half = (v4i)(((v4u)(k + 2048)) >> 1) - 1024;
  v4i rest = k - half;
  *x = ((SPLAT(1.0) + q) * POWER_OF_TWO(half)) * POWER_OF_TWO(rest);
}

INLINE void sigmoid4(v4d *x) {
  v4d e = -*x;
  exp4(&e);
  *x = SPLAT(1.0) / (SPLAT(1.0) + e);
}

// tanh|x| = (e^2|x| - 1) / (e^2|x| + 1), with e^y - 1 = 2^k q + (2^k - 1) free of cancellation
// (k = 0 for y <= ln2/2, where it is q itself); the sign of x is put back at the end.
INLINE void tanh4(v4d *x) {
  const v4i sign = (v4i)SPLAT(-0.0);
  v4d y = (v4d)((v4i)*x & ~sign);
  y = y + y;
  y = CHOOSE(y > SPLAT(40.0), SPLAT(40.0), y);  // tanh(20) rounds to 1
  v4d q;
  v4i k;
  expm1_reduced(&y, &q, &k);
  v4d s = POWER_OF_TWO(k);
  v4d em1 = s * q + (s - SPLAT(1.0));
  v4d t = em1 / (em1 + SPLAT(2.0));
  *x = (v4d)((v4i)t | ((v4i)*x & sign));
}

// Applies F to `count` values in place, four at a time; the tail is padded with zeros.
#define MAP_IN_PLACE(F, values, count)                                  \
  do {                                                                  \
    long i_ = 0;                                                        \
    v4d v_;                                                             \
    for (; i_ + 4 <= (count); i_ += 4) {                                \
      memcpy(&v_, (values) + i_, sizeof v_);                            \
      F(&v_);                                                           \
      memcpy((values) + i_, &v_, sizeof v_);                            \
    }                                                                   \
    if (i_ < (count)) {                                                 \
      double pad_[4] = {0, 0, 0, 0};                                    \
      memcpy(pad_, (values) + i_, ((count) - i_) * sizeof(double));     \
      memcpy(&v_, pad_, sizeof v_);                                     \
      F(&v_);                                                           \
      memcpy(pad_, &v_, sizeof v_);                                     \
      memcpy((values) + i_, pad_, ((count) - i_) * sizeof(double));     \
    }                                                                   \
  } while (0)

#define DEFINE_KERNELS(SUFFIX, ATTRIBUTES)                                                   \
  ATTRIBUTES void vm_exp##SUFFIX(double *values, long count) {                              \
    MAP_IN_PLACE(exp4, values, count);                                                      \
  }                                                                                         \
  ATTRIBUTES void vm_sigmoid##SUFFIX(double *values, long count) {                          \
    MAP_IN_PLACE(sigmoid4, values, count);                                                  \
  }                                                                                         \
  ATTRIBUTES void vm_tanh##SUFFIX(double *values, long count) {                             \
    MAP_IN_PLACE(tanh4, values, count);                                                     \
  }                                                                                         \
  ATTRIBUTES void vm_lstm_cell##SUFFIX(long batch, long hidden, double *gates,              \
                                       const double *previousCell, double *cell,            \
                                       double *cellTanh, double *hiddenState) {             \
    for (long b = 0; b < batch; b++) {                                                      \
      double *g = gates + b * 4 * hidden;                                                   \
      double *c = cell + b * hidden;                                                        \
      double *tc = cellTanh + b * hidden;                                                   \
      double *h = hiddenState + b * hidden;                                                 \
      const double *cp = previousCell ? previousCell + b * hidden : 0;                      \
      MAP_IN_PLACE(sigmoid4, g, 2 * hidden);                                                \
      MAP_IN_PLACE(tanh4, g + 2 * hidden, hidden);                                          \
      MAP_IN_PLACE(sigmoid4, g + 3 * hidden, hidden);                                       \
      for (long j = 0; j < hidden; j++) {                                                   \
        double product = g[j] * g[2 * hidden + j];                                          \
        c[j] = cp ? g[hidden + j] * cp[j] + product : product;                              \
        tc[j] = c[j];                                                                       \
      }                                                                                     \
      MAP_IN_PLACE(tanh4, tc, hidden);                                                      \
      for (long j = 0; j < hidden; j++) h[j] = g[3 * hidden + j] * tc[j];                   \
    }                                                                                       \
  }

DEFINE_KERNELS(_portable, )

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
DEFINE_KERNELS(_avx2, __attribute__((target("avx2,fma"))))

static int has_avx2_and_fma(void) {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
}

int vm_uses_avx2(void) { return has_avx2_and_fma(); }

#define DISPATCH(NAME, ...) \
  if (has_avx2_and_fma()) NAME##_avx2(__VA_ARGS__); else NAME##_portable(__VA_ARGS__)
#else
int vm_uses_avx2(void) { return 0; }
#define DISPATCH(NAME, ...) NAME##_portable(__VA_ARGS__)
#endif

void vm_exp(double *values, long count) { DISPATCH(vm_exp, values, count); }
void vm_sigmoid(double *values, long count) { DISPATCH(vm_sigmoid, values, count); }
void vm_tanh(double *values, long count) { DISPATCH(vm_tanh, values, count); }
void vm_lstm_cell(long batch, long hidden, double *gates, const double *previousCell,
                  double *cell, double *cellTanh, double *hiddenState) {
  DISPATCH(vm_lstm_cell, batch, hidden, gates, previousCell, cell, cellTanh, hiddenState);
}
