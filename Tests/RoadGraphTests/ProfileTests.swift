import Foundation
import RoadGraph
import Testing

let profilesDir = repositoryRoot.appendingPathComponent("Config/profiles")
func profile(_ name: String) throws -> Profile { try Profile.load(named: name, from: profilesDir).profile }

@Suite struct ProfileTests {
    @Test func maxspeedParsingFollowsTheSpec() {
        #expect(Profile.parseMaxspeed("30") == 30)
        #expect(Profile.parseMaxspeed("20 mph") == 20 * 1.609344)
        #expect(Profile.parseMaxspeed("50;30") == 30)
        #expect(Profile.parseMaxspeed(" 42.5 km/h ") == 42.5)
        #expect(Profile.parseMaxspeed("10 knots") == 18.52)
        for failing in ["none", "walk", "signals", "FI:urban", "RU:rural", "50,5", "0", "-30", ".5", ""] {
            #expect(Profile.parseMaxspeed(failing) == nil, "\(failing)")
        }
    }

    @Test func carAccessUsesTheMostSpecificKey() throws {
        let car = try profile("car")
        func allowed(_ tags: [String: String]) -> Bool {
            car.classify(["highway": "residential"].merging(tags) { $1 }) != nil
        }
        #expect(!allowed(["access": "private"]))
        #expect(allowed(["access": "private", "motorcar": "yes"]))
        #expect(!allowed(["access": "yes", "motor_vehicle": "no"]))
        #expect(allowed(["vehicle": "no", "motor_vehicle": "destination"]))
        #expect(!allowed(["motorcar": "private"]))
        #expect(allowed(["access": "no;private"])) // one unrecognised value
        #expect(allowed(["access:conditional": "no @ (Mo-Fr)"]))
        #expect(car.classify(["highway": "footway"]) == nil)
        #expect(car.classify(["highway": " Primary "])?.speedKmh == 60)
    }

    @Test func onewayRules() throws {
        let car = try profile("car"), walk = try profile("walk")
        #expect(car.classify(["highway": "motorway"])?.direction == .forward)
        #expect(car.classify(["highway": "motorway", "oneway": "no"])?.direction == .both)
        #expect(car.classify(["highway": "motorway_link"])?.direction == .both)
        #expect(car.classify(["highway": "primary", "junction": "roundabout"])?.direction == .forward)
        #expect(car.classify(["highway": "primary", "oneway": "-1"])?.direction == .backward)
        #expect(car.classify(["highway": "primary", "oneway": "reversible"])?.direction == .both)
        #expect(walk.classify(["highway": "primary", "oneway": "yes"])?.direction == .both)
    }

    @Test func walkRules() throws {
        let walk = try profile("walk")
        #expect(walk.classify(["highway": "motorway", "foot": "yes"]) == nil)
        #expect(walk.classify(["highway": "cycleway"]) == nil)
        #expect(walk.classify(["highway": "cycleway", "foot": "designated"])?.speedKmh == 5)
        #expect(walk.classify(["highway": "steps", "maxspeed": "50"])?.speedKmh == 5)
        #expect(walk.classify(["highway": "footway", "access": "no", "foot": "yes"]) != nil)
        #expect(walk.classify(["highway": "footway", "foot": "no"]) == nil)
    }

    @Test func coachIsSlowerAndKeepsOffNarrowRoads() throws {
        let coach = try profile("coach"), car = try profile("car")
        #expect(coach.classify(["highway": "motorway", "maxspeed": "120"])?.speedKmh == 100)
        #expect(coach.classify(["highway": "living_street"]) == nil)
        #expect(coach.classify(["highway": "primary", "maxheight": "3.2"]) == nil)
        #expect(coach.classify(["highway": "primary", "maxweight": "10 t"]) == nil)
        #expect(coach.classify(["highway": "primary", "tourist_bus": "no", "access": "yes"]) == nil)
        for hw in ["motorway", "trunk", "primary", "secondary", "tertiary", "residential"] {
            #expect(coach.classify(["highway": hw])!.speedKmh < car.classify(["highway": hw])!.speedKmh)
        }
    }

    @Test func badProfileIsNamed() throws {
        #expect(throws: RoadGraphError.self) { try Profile.load(named: "bicycle", from: profilesDir) }
    }
}
