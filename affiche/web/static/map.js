/* affiche maps: the event page's small map (#map, data attributes) and the agenda map
   (#agenda-map, markers in <script type="application/json" id="map-data">).
   Plain Leaflet, no inline script: the page's CSP allows only this site's files. */
(function () {
  "use strict";
  if (typeof L === "undefined") { return; }

  function tiles(map, url, attribution) {
    L.tileLayer(url, { maxZoom: 19, attribution: attribution }).addTo(map);
  }

  function text(value) {
    var span = document.createElement("span");
    span.textContent = value || "";
    return span;
  }

  var small = document.getElementById("map");
  if (small) {
    var lat = parseFloat(small.dataset.lat), lon = parseFloat(small.dataset.lon);
    var map = L.map(small, { scrollWheelZoom: false }).setView([lat, lon],
      parseInt(small.dataset.zoom || "15", 10));
    tiles(map, small.dataset.tiles, small.dataset.attribution);
    var bounds = [[lat, lon]];
    L.marker([lat, lon], { title: small.dataset.label, alt: small.dataset.label })
      .addTo(map).bindPopup(text(small.dataset.label));
    var points = [];
    try { points = JSON.parse(small.dataset.points || "[]"); } catch (e) { points = []; }
    points.forEach(function (p) {
      L.circleMarker([p.lat, p.lon], { radius: 7, color: "#1d4ed8", weight: 2,
        fillColor: "#93c5fd", fillOpacity: 0.9 }).addTo(map).bindPopup(text(p.label));
      bounds.push([p.lat, p.lon]);
    });
    if (bounds.length > 1) { map.fitBounds(bounds, { paddingTopLeft: [24, 48], paddingBottomRight: [24, 16],
      maxZoom: 16 }); }
  }

  var big = document.getElementById("agenda-map");
  var data = document.getElementById("map-data");
  if (big && data) {
    var config = JSON.parse(data.textContent);
    var agenda = L.map(big).setView([50.85, 4.35], 8);
    tiles(agenda, config.tiles, config.attribution);
    var all = [];
    config.markers.forEach(function (m) {
      var box = document.createElement("div");
      var link = document.createElement("a");
      link.href = m.url;
      link.textContent = m.title;
      box.appendChild(link);
      [m.status, m.when, m.place].forEach(function (line) {
        if (line) { box.appendChild(document.createElement("br")); box.appendChild(text(line)); }
      });
      L.marker([m.lat, m.lon], { title: m.title, alt: m.title }).addTo(agenda).bindPopup(box);
      all.push([m.lat, m.lon]);
    });
    if (all.length === 1) { agenda.setView(all[0], 14); }
    else if (all.length > 1) { agenda.fitBounds(all, { paddingTopLeft: [30, 50], paddingBottomRight: [30, 20],
      maxZoom: 15 }); }
  }
})();
