// A metrics answer key: accuracy, a confusion count with dictionary defaults, precision,
// recall and F1, softmax, sigmoid as a function value, mean/variance/std and z-scores, a
// median, min-max scaling, cross-entropy, a gradient step loop, entropy, a 2x2 matmul.
import Foundation
let ys = [1, 0, 1, 1, 0, 1]
let preds = [1, 0, 0, 1, 1, 1]
let correct = zip(ys, preds).filter { $0 == $1 }.count
let accuracy = Double(correct) / Double(ys.count)
print(correct, accuracy, String(format: "%.1f%%", accuracy * 100), Int(round(accuracy * 100)))
var confusion = [String: Int]()
for (y, p) in zip(ys, preds) { confusion["\(y)\(p)", default: 0] += 1 }
print(confusion.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" })
let tp = Double(confusion["11"] ?? 0), fp = Double(confusion["01"] ?? 0), fn = Double(confusion["10"] ?? 0)
let precision = tp / (tp + fp), recall = tp / (tp + fn)
let f1 = 2 * precision * recall / (precision + recall)
print(precision, recall, f1, String(format: "P=%.3f R=%.3f F1=%.3f", precision, recall, f1))
let logits = [2.0, 1.0, 0.1]
let exps = logits.map { exp($0) }
let softmax = exps.map { $0 / exps.reduce(0, +) }
print(softmax, softmax.reduce(0, +), softmax.firstIndex(of: softmax.max()!)!)
func sigmoid(_ z: Double) -> Double { 1 / (1 + exp(-z)) }
print([-2.0, 0, 2].map(sigmoid), sigmoid(0) == 0.5)
let data = [2.0, 4, 4, 4, 5, 5, 7, 9]
let mean = data.reduce(0, +) / Double(data.count)
let variance = data.map { pow($0 - mean, 2) }.reduce(0, +) / Double(data.count)
let std = sqrt(variance)
print(mean, variance, std, data.map { ($0 - mean) / std })
let sortedData = data.sorted()
let median = sortedData.count % 2 == 0 ? (sortedData[sortedData.count / 2 - 1] + sortedData[sortedData.count / 2]) / 2 : sortedData[sortedData.count / 2]
print(median, data.min()!, data.max()!, data.max()! - data.min()!)
let minV = data.min()!, maxV = data.max()!
print(data.map { ($0 - minV) / (maxV - minV) })
let crossEntropy = -zip([1.0, 0, 0], softmax).map { $0 * log($1) }.reduce(0, +)
print(crossEntropy, -log(softmax[0]))
let w = [0.5, -0.25], x = [2.0, 4.0], bias = 0.1
let z = zip(w, x).map(*).reduce(0, +) + bias
print(z, max(0, z), tanh(z))
let lr = 0.1
var weight = 1.0
for step in 1...3 { let grad = 2 * (weight - 3); weight -= lr * grad; print(step, weight) }
print(String(format: "%.4f", weight), (weight * 1000).rounded() / 1000)
let counts = ["cat": 3, "dog": 5, "bird": 2]
let totalCount = counts.values.reduce(0, +)
for (k, v) in counts.sorted(by: { $0.value > $1.value }) { print(k, String(format: "%.2f", Double(v) / Double(totalCount))) }
let entropy = -counts.values.map { Double($0) / Double(totalCount) }.map { $0 * log2($0) }.reduce(0, +)
print(String(format: "%.4f", entropy))
let matrix = [[1.0, 2.0], [3.0, 4.0]]
let transposed = (0..<2).map { j in matrix.map { $0[j] } }
let product = matrix.map { row in transposed.map { col in zip(row, col).map(*).reduce(0, +) } }
print(transposed, product, matrix.flatMap { $0 }.reduce(0, +))
let det = matrix[0][0] * matrix[1][1] - matrix[0][1] * matrix[1][0]
print(det, abs(det) < 1e-12)
