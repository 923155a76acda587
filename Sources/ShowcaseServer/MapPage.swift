/// The server's plain HTML pages for browsers: the landing page and the collections as tables
/// (the trip planner at /app is the map; the old /map page now sends browsers there).
enum MapPage {
    static func landing() -> String {
        """
        <!DOCTYPE html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Showcase Route Planner</title></head><body>
        <h1>Showcase Route Planner</h1>
        <p><a href="/app"><b>Open the trip planner</b></a> — plan, edit, print and export a multi-day trip (规划行程).</p>
        <ul><li><a href="/collections">Collections</a> (OGC API – Features)</li>
        <li><a href="/api">API definition</a> (OpenAPI 3.0)</li><li><a href="/conformance">Conformance</a></li></ul>
        </body></html>
        """
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// A plain HTML page for browsers: the same content as the JSON, as a list or a table.
    static func page(title: String, body: String) -> String {
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><link rel=\"icon\" href=\"data:,\"><title>\(escape(title))</title><style>body{font:14px sans-serif;margin:1em}td,th{border-bottom:1px solid #ddd;padding:2px 8px;text-align:left}</style></head><body><p><a href=\"/\">Showcase Route Planner</a> · <a href=\"/app\">trip planner</a> · <a href=\"/collections\">collections</a></p><h1>\(escape(title))</h1>\(body)</body></html>"
    }

    static func collections(_ list: [(id: String, title: String, description: String)]) -> String {
        page(
            title: "Collections",
            body: "<ul>"
                + list.map {
                    "<li><a href=\"/collections/\($0.id)/items\">\(escape($0.title))</a> — \(escape($0.description)) (<a href=\"/collections/\($0.id)/items?f=json\">GeoJSON</a>)</li>"
                }.joined() + "</ul>")
    }

    static func items(_ title: String, _ features: [[String: String]], columns: [String], next: String?) -> String {
        var body = "<table><tr>" + columns.map { "<th>\(escape($0))</th>" }.joined() + "</tr>"
        for f in features { body += "<tr>" + columns.map { "<td>\(escape(f[$0] ?? ""))</td>" }.joined() + "</tr>" }
        body += "</table>"
        if let next { body += "<p><a href=\"\(escape(next))\">next page</a></p>" }
        return page(title: title, body: body)
    }
}
