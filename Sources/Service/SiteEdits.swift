import Foundation
import GeoCore
import SiteStore

/// Editing one site at a time (OGC API – Features Part 4 over HTTP, `showcase sites history` and
/// `revert` on the command line), each edit recorded with its editor. Features are checked by
/// the import's own rules; a bad one is refused naming its field, and nothing is written.
extension Workspace {
    /// A site and its tag (the ETag of its feature).
    public func taggedSite(_ id: String) throws -> (site: Site, tag: String) {
        let site = try site(id: id)
        return (site, site.tag)
    }

    /// Adds a site from a GeoJSON Feature; its id must be new.
    public func createSite(_ feature: Feature, by editor: String) throws -> SiteRevision {
        let site = try Self.site(from: feature, id: nil)
        return try store.edit(site.id, expectedTag: nil, by: editor, operation: "create") { stored in
            if stored != nil { throw SiteEditError.exists(site.id) }
            return site
        }
    }

    /// Replaces a site with a whole feature (PUT); `expectedTag` nil: no check.
    public func replaceSite(_ id: String, with feature: Feature, expectedTag: String?, by editor: String) throws
        -> SiteRevision
    {
        let site = try Self.site(from: feature, id: id)
        return try store.edit(id, expectedTag: expectedTag, by: editor, operation: "replace") { stored in
            guard stored != nil else { throw SiteEditError.missing(id) }
            return site
        }
    }

    /// Changes part of a site with a JSON merge patch (RFC 7396) of its feature (PATCH).
    public func updateSite(_ id: String, mergePatch: JSONValue, expectedTag: String?, by editor: String) throws
        -> SiteRevision
    {
        guard case .object = mergePatch else {
            throw FieldError("body", "must be a JSON object: a merge patch of the feature (RFC 7396)")
        }
        return try store.edit(id, expectedTag: expectedTag, by: editor, operation: "update") { stored in
            guard let stored else { throw SiteEditError.missing(id) }
            let patched = MergePatch.apply(mergePatch, to: stored.feature.jsonValue)
            let feature: Feature
            do { feature = try JSONDecoder().decode(Feature.self, from: Data(JSONWriter.string(patched).utf8)) } catch {
                throw FieldError("body", "the patched feature is not a GeoJSON Feature (\(error))")
            }
            return try Self.site(from: feature, id: id)
        }
    }

    /// Deletes a site (DELETE); its history stays, so `revert` can bring it back.
    public func deleteSite(_ id: String, expectedTag: String?, by editor: String) throws -> SiteRevision {
        try store.edit(id, expectedTag: expectedTag, by: editor, operation: "delete") { stored in
            guard stored != nil else { throw SiteEditError.missing(id) }
            return nil
        }
    }

    /// Every recorded write of a site, oldest first; an id with neither a site nor a history is unknown.
    public func siteHistory(_ id: String) throws -> [SiteRevision] {
        let history = try store.history(of: id)
        if history.isEmpty, try store.site(id: id) == nil { throw StoreError.noSuchSite(id) }
        return history
    }

    /// Puts a site back as it was after `version` (0: before its first recorded edit).
    public func revertSite(_ id: String, to version: Int, by editor: String) throws -> SiteRevision {
        try store.revert(id, to: version, by: editor)
    }

    /// A feature as a site by the import's rules; with `id`, the feature is that site (its own
    /// id, if it gives one, must be the same).
    static func site(from feature: Feature, id: String?) throws -> Site {
        var feature = feature
        if let id {
            let given = feature.properties?["id"]?.stringValue ?? feature.id?.description
            if let given, given != id {
                throw FieldError("id", "is \"\(given)\" but the URL names \"\(id)\"; a site's id does not change")
            }
            feature.properties = feature.properties ?? [:]
            feature.properties?["id"] = .string(id)
        }
        do { return try SiteFileReader.site(from: feature) } catch {
            throw FieldError(error.field, error.reason)
        }
    }
}

/// JSON merge patch (RFC 7396): objects merge member by member, `null` removes a member, any
/// other value replaces what was there.
public enum MergePatch {
    public static func apply(_ patch: JSONValue, to target: JSONValue) -> JSONValue {
        guard case let .object(p) = patch else { return patch }
        var result = target.objectValue ?? [:]
        for (key, value) in p.members {
            if value == .null {
                result[key] = nil
            } else {
                result[key] = apply(value, to: result[key] ?? .null)
            }
        }
        return .object(result)
    }
}

extension SiteRevision {
    /// The entry as JSON: the features before and after as GeoJSON (null: none).
    public var json: JSONValue {
        .object([
            "version": .number(Double(version)), "at": .string(at), "editor": .string(editor),
            "operation": .string(operation), "before": before?.feature.jsonValue ?? .null,
            "after": after?.feature.jsonValue ?? .null
        ])
    }
}
