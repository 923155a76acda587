import Foundation
import GeoCore
import Hummingbird
import Service
import SiteStore

/// OGC API – Features Part 4 (create, replace, update, delete) on `/collections/sites/items`,
/// as QGIS and OWSLib use it, and each site's edit history. Every item answer carries the
/// site's `ETag`; `If-Match` with an older tag gets 412 and writes nothing.
enum SiteEditing {
    static let conformance = [
        "http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/create-replace-delete",
        "http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/update",
        "http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/features"
    ]

    /// A site's feature with its ETag.
    static func answer(_ site: Site, status: HTTPResponse.Status) -> Response {
        var r = json(site.feature.jsonValue, type: "application/geo+json")
        r.status = status
        r.headers[.eTag] = "\"\(site.tag)\""
        return r
    }

    /// The answer to a write: the feature as it now stands (204 when deleted), with its ETag and Location.
    static func answer(_ revision: SiteRevision, created: Bool = false) -> Response {
        guard let site = revision.after else { return Response(status: .noContent) }
        var r = answer(site, status: created ? .created : .ok)
        r.headers[.location] = "/collections/sites/items/\(site.id)"
        return r
    }

    /// The tag of `If-Match` (`"tag"`, `W/"tag"`; `*`: any, nil), or nil when there is none.
    static func expectedTag(_ request: Request) -> String? {
        guard let value = request.headers[.ifMatch]?.trimmingCharacters(in: .whitespaces), value != "*" else {
            return nil
        }
        var tag = value.split(separator: ",").first.map(String.init) ?? value
        tag = tag.trimmingCharacters(in: .whitespaces)
        if tag.hasPrefix("W/") { tag.removeFirst(2) }
        return tag.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
    }

    static func feature(_ body: Data) throws -> Feature {
        do {
            guard case let .feature(f) = try GeoJSON.decode(body) else {
                throw FieldError("body", "must be one GeoJSON Feature with a Point geometry")
            }
            return f
        } catch let e as GeoJSONError {
            // "geometry.coordinates: latitude 95 out of range" names the geometry (or properties).
            let text = e.description
            let field = ["geometry", "properties", "id"].first { text.hasPrefix($0) } ?? "body"
            throw FieldError(field, field == "body" ? "is not a GeoJSON Feature (\(text))" : "is wrong: \(text)")
        }
    }

    /// Whether an upload is one GeoJSON Feature (Part 4 create) rather than a collection or CSV.
    static func isOneFeature(_ body: Data, mediaType: String?) -> Bool {
        if (mediaType ?? "").lowercased().hasPrefix("text/csv") { return false }
        let top = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any]
        return top?["type"] as? String == "Feature"
    }
}

extension ShowcaseServer {
    /// POST (create one, or upload many), PUT, PATCH, DELETE and the history of sites.
    static func siteEditing(
        _ workspace: Workspace, _ collections: FeatureCollections, _ read: RequestReader
    ) -> [Endpoint] {
        typealias O = OAS
        let item = "/collections/sites/items/{featureId}"
        let ifMatch = O.header("If-Match", "the ETag read before the edit; another one gets 412 and nothing is written")
        let feature = (types: ["application/geo+json", "application/json"], schema: O.schema("object"))
        let edited = O.responses(
            "The site as it now stands (ETag: its new tag)", ["application/geo+json"], extra: ["409", "412"])
        @Sendable func editor(_ context: ShowcaseRequestContext) -> String { context.editor?.name ?? "unknown" }
        @Sendable func id(_ context: ShowcaseRequestContext) -> String { context.parameters.get("featureId") ?? "" }
        return [
            Endpoint(
                .post, "/collections/sites/items", access: .editor,
                operation: O.operation(
                    "Add one site (a GeoJSON Feature: 201 with Location) or upload many (a FeatureCollection or "
                        + "CSV, upsert by id, all or nothing); needs an editor's token",
                    body: (["application/geo+json", "text/csv"], O.schema("object")),
                    O.responses(
                        "How many sites were inserted and updated", ["application/json"], extra: ["409"]))
            ) { request, context in
                let body = try await read.body(request)
                defer { collections.clear() }
                if SiteEditing.isOneFeature(body, mediaType: request.headers[.contentType]) {
                    let revision = try workspace.createSite(try SiteEditing.feature(body), by: editor(context))
                    return SiteEditing.answer(revision, created: true)
                }
                // The same reader and all-or-nothing upsert as `showcase sites import`: text/csv or GeoJSON.
                let sites = try SiteImport.read(data: body, name: "body", mediaType: request.headers[.contentType])
                return reply(try workspace.importSites(sites, by: editor(context)).json, type: "application/json")
            },
            Endpoint(
                .put, item, access: .editor,
                operation: O.operation(
                    "Replace a site with a GeoJSON Feature; needs an editor's token", [ifMatch], body: feature, edited)
            ) { request, context in
                let f = try SiteEditing.feature(try await read.body(request))
                defer { collections.clear() }
                return SiteEditing.answer(
                    try workspace.replaceSite(
                        id(context), with: f, expectedTag: SiteEditing.expectedTag(request), by: editor(context)))
            },
            Endpoint(
                .patch, item, access: .editor,
                operation: O.operation(
                    "Change part of a site with a JSON merge patch (RFC 7396) of its feature; needs an editor's token",
                    [ifMatch], body: (["application/merge-patch+json", "application/json"], O.schema("object")), edited)
            ) { request, context in
                let body = try await read.body(request)
                guard let patch = try? JSONDecoder().decode(JSONValue.self, from: body) else {
                    throw FieldError(
                        "body", "is not JSON: send a merge patch of the feature, e.g. {\"properties\": {…}}")
                }
                defer { collections.clear() }
                return SiteEditing.answer(
                    try workspace.updateSite(
                        id(context), mergePatch: patch, expectedTag: SiteEditing.expectedTag(request),
                        by: editor(context)))
            },
            Endpoint(
                .delete, item, access: .editor,
                operation: O.operation(
                    "Delete a site (its history stays; revert brings it back); needs an editor's token", [ifMatch],
                    .object(
                        JSONObject(
                            [("204", .object(["description": .string("Deleted")]))]
                                + O.responses("", [], extra: ["412"]).objectValue!.members.filter { $0.key != "200" }
                                .map { ($0.key, $0.value) })))
            ) { request, context in
                defer { collections.clear() }
                return SiteEditing.answer(
                    try workspace.deleteSite(
                        id(context), expectedTag: SiteEditing.expectedTag(request), by: editor(context)))
            },
            Endpoint(
                .get, item + "/history",
                operation: O.operation(
                    "Every recorded write of a site: editor, time, operation, the feature before and after",
                    O.responses("The site's versions, oldest first", ["application/json"]))
            ) { _, context in
                let id = id(context)
                return json(
                    .object([
                        "id": .string(id), "versions": .array(try workspace.siteHistory(id).map(\.json))
                    ]))
            }
        ]
    }
}
