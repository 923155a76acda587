import Foundation

/// A school group on a study tour: pupils, their grade, and the staff with them.
public struct Group: Sendable, Equatable {
    public var students: Int
    /// School grade 1–12 (小学 1–6, 初中 7–9, 高中 10–12); nil if not given.
    public var grade: Int?
    public var teachers = 0
    public var safetyOfficers = 0
    public var guides = 0

    public init(students: Int, grade: Int? = nil, teachers: Int = 0, safetyOfficers: Int = 0, guides: Int = 0) {
        self.students = students; self.grade = grade; self.teachers = teachers
        self.safetyOfficers = safetyOfficers; self.guides = guides
    }

    public var staff: Int { teachers + safetyOfficers + guides }
    /// Everyone who travels: each takes a seat, a ticket, a meal and a bed.
    public var people: Int { students + staff }

    public func count(_ role: StaffMinimum.Role) -> Int {
        switch role {
        case .teachers: teachers
        case .safetyOfficers: safetyOfficers
        case .guides: guides
        }
    }

    /// Coaches needed: one seat each, ⌈people ÷ seats⌉.
    public static func coaches(people: Int, seats: Int) -> Int { seats > 0 ? (people + seats - 1) / seats : 0 }

    /// Checks the numbers a request gives; the message names the field.
    func validate() throws {
        guard (1...10_000).contains(students) else {
            throw PlanError(.invalidRequest, "«group.students» must be 1 to 10000 (got \(students))")
        }
        if let grade, !(1...12).contains(grade) {
            throw PlanError(.invalidRequest, "«group.grade» must be 1 to 12 (got \(grade))")
        }
        for (name, n) in [("teachers", teachers), ("safety_officers", safetyOfficers), ("guides", guides)]
        where !(0...1_000).contains(n) {
            throw PlanError(.invalidRequest, "«group.\(name)» must be 0 to 1000 (got \(n))")
        }
    }
}

/// How many waves a group visits a site in: 1 within its capacity (or none known), more if
/// the site takes a larger group in waves, nil if it cannot take the group at all.
func visitWaves(_ people: Int?, capacity: Int?, waves: Bool?) -> Int? {
    guard let people, let capacity, people > capacity else { return 1 }
    guard waves == true, capacity > 0 else { return nil }
    return (people + capacity - 1) / capacity
}

/// The group as a plan reports it: headcount, coaches, staff against the minimums, and how
/// far the trip goes against the grade's band.
public struct GroupSummary: Sendable {
    public struct Ratio: Sendable {
        public var role: StaffMinimum.Role
        public var count: Int
        public var required: Int
        public var perStudents: Int?
        public var source: String
        public var ok: Bool { count >= required }
    }
    public var group: Group
    public var people: Int { group.people }
    /// nil when the trip is not by coach.
    public var coaches: Int?
    public var seatsPerCoach: Int
    public var seatsSource: String
    public var ratios: [Ratio]
    /// How far the visits go from the start, if the seats are known.
    public var reach: TripReach?
    /// The band of the group's grade.
    public var band: GradeBand?
}
