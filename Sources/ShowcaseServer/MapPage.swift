/// The map page: Leaflet from this machine (no CDN), sites by kind, stored routes and tours,
/// and a one-day plan made from the page. It works without base tiles.
enum MapPage {
    static func landing() -> String {
        """
        <!DOCTYPE html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Showcase Route Planner</title></head><body>
        <h1>Showcase Route Planner</h1>
        <p><a href="/app"><b>Open the trip planner</b></a> — plan, edit, print and export a multi-day trip (规划行程).</p>
        <ul><li><a href="/map">A plain map of the sites</a></li><li><a href="/collections">Collections</a> (OGC API – Features)</li>
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
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><link rel=\"icon\" href=\"data:,\"><title>\(escape(title))</title><style>body{font:14px sans-serif;margin:1em}td,th{border-bottom:1px solid #ddd;padding:2px 8px;text-align:left}</style></head><body><p><a href=\"/\">Showcase Route Planner</a> · <a href=\"/app\">trip planner</a> · <a href=\"/collections\">collections</a> · <a href=\"/map\">map</a></p><h1>\(escape(title))</h1>\(body)</body></html>"
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

    static func html(tileURL: String?) -> String {
        let tiles =
            tileURL.map {
                "L.tileLayer('\($0.replacingOccurrences(of: "'", with: ""))', {maxZoom: 18, attribution: '© OpenStreetMap contributors'}).addTo(map);"
            } ?? ""
        return """
            <!DOCTYPE html>
            <html><head><meta charset="utf-8"><title>Showcase Route Planner — map</title>
            <link rel="stylesheet" href="/static/leaflet/leaflet.css">
            <script src="/static/leaflet/leaflet.js"></script>
            <style>html,body,#map{height:100%;margin:0} #panel{position:absolute;top:10px;right:10px;z-index:1000;background:#fff;padding:8px;font:13px sans-serif;max-width:260px}</style>
            </head><body><div id="map"></div>
            <div id="panel"><b>Showcase sites</b><br><span id="count">loading…</span><br>
            <label>Plan a day from <input id="start" value="Hohhot" size="10"></label> <input id="date" value="2026-06-02" size="10">
            <button id="plan">Plan</button><div id="planinfo"></div></div>
            <script>
            const map = L.map('map').setView([41.5, 112], 5);
            \(tiles)
            const colours = {museum:'#1f77b4', temple:'#d62728', memorial:'#9467bd', community:'#2ca02c', 'scenic-area':'#17becf', 'heritage-town':'#ff7f0e'};
            const markers = [];
            fetch('/collections/sites/items?limit=10000').then(r => r.json()).then(fc => {
              for (const f of fc.features) {
                const [lon, lat] = f.geometry.coordinates;
                const m = L.circleMarker([lat, lon], {radius: 6, color: colours[f.properties.kind] || '#555', className: 'site-marker'})
                  .bindPopup((f.properties.name_zh || '') + '<br>' + (f.properties.name_en || '') + '<br><i>' + f.properties.kind + '</i>').addTo(map);
                markers.push(m);
              }
              document.getElementById('count').textContent = fc.numberReturned + ' sites';
              document.body.dataset.sites = fc.numberReturned;
              if (markers.length) map.fitBounds(L.featureGroup(markers).getBounds(), {padding: [20, 20]});
            });
            for (const c of ['routes', 'tours']) {
              fetch('/collections/' + c + '/items').then(r => r.json()).then(fc => {
                L.geoJSON(fc, {style: {color: c === 'routes' ? '#8c564b' : '#e377c2', weight: 2, dashArray: '4'}})
                  .bindPopup(l => l.feature.properties.name_zh + '<br>' + (l.feature.properties.name_en || '')).addTo(map);
                document.body.dataset[c] = fc.numberReturned;
              });
            }
            const plan = () => {
              const body = JSON.stringify({start: document.getElementById('start').value, date: document.getElementById('date').value, days: 1, time_limit: 1});
              fetch('/plan?f=geojson', {method: 'POST', headers: {'Content-Type': 'application/json'}, body}).then(r => r.json()).then(fc => {
                if (!fc.features) { document.getElementById('planinfo').textContent = fc.detail || 'no plan'; return; }
                const layer = L.geoJSON(fc, {style: {color: '#000', weight: 4}, pointToLayer: (f, ll) => L.circleMarker(ll, {radius: 8, color: '#000', className: 'plan-stop'})}).addTo(map);
                map.fitBounds(layer.getBounds());
                const stops = fc.features.filter(f => f.properties.kind === 'stop');
                document.getElementById('planinfo').textContent = stops.length + ' stops planned';
                document.body.dataset.planStops = stops.length;
              });
            };
            document.getElementById('plan').onclick = plan;
            // /map?plan=Hohhot&date=2026-06-02 plans on load (a link that opens with a plan drawn).
            const params = new URLSearchParams(location.search);
            if (params.get('plan')) {
              document.getElementById('start').value = params.get('plan');
              if (params.get('date')) document.getElementById('date').value = params.get('date');
              plan();
            }
            </script></body></html>
            """
    }
}
