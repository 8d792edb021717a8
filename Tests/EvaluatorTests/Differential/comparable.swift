// Comparable, synthesized for enums: cases in declaration order, then associated values.
enum Grade: Comparable { case fail, pass, merit, distinction }
enum Score: Comparable {
  case absent
  case marked(Int)
  case graded(String, Double)
}
print(Grade.pass < .merit, Grade.distinction > .fail, Grade.pass <= .pass, Grade.fail >= .pass)
let grades: [Grade] = [.merit, .fail, .distinction, .pass, .merit]
print(grades.sorted(), grades.max()!, grades.min()!, grades.sorted(by: >))
print(Score.marked(3) < .marked(4), Score.graded("b", 1) < .marked(9), Score.absent < .marked(0))
print([Score.graded("a", 2), .marked(2), .absent, .graded("a", 1)].sorted())

struct Student {
  var name: String
  var grade: Grade
  enum Band: Comparable { case low, high }
  var band: Band { grade >= .merit ? .high : .low }
}
let students = [
  Student(name: "Ada", grade: .distinction), Student(name: "Bo", grade: .pass),
  Student(name: "Cy", grade: .merit),
]
print(students.sorted { $0.grade > $1.grade }.map { $0.name }, students.map { $0.band }.max()!)
extension Grade {
  var next: Grade { self < .distinction ? Grade.allGrades[Grade.allGrades.firstIndex(of: self)! + 1] : self }
  static let allGrades: [Grade] = [.fail, .pass, .merit, .distinction]
}
print(Grade.fail.next, Grade.distinction.next)
