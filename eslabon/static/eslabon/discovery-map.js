// Discovery map: candidates of the current search as points, from the markers endpoint.
// Tiles only when the server names a tile server (data-tile-url); otherwise a blank grid,
// since the demo has no internet. No inline script: the page's CSP forbids it.
(function () {
  "use strict";

  function draw(element) {
    if (element.dataset.ready || typeof L === "undefined") return;
    element.dataset.ready = "1";
    const map = L.map(element).setView([23.6, -102.5], 5);
    const tileUrl = element.dataset.tileUrl;
    if (tileUrl) {
      L.tileLayer(tileUrl, { attribution: element.dataset.tileAttribution || "", maxZoom: 18 }).addTo(map);
    } else {
      element.classList.add("tiles-off");
    }
    const bounds = [];
    if (element.dataset.nearLat && element.dataset.nearLon) {
      const near = [parseFloat(element.dataset.nearLat), parseFloat(element.dataset.nearLon)];
      L.circleMarker(near, { radius: 8, color: "#b71c1c", weight: 3, fill: false }).addTo(map);
      bounds.push(near);
    }
    fetch(element.dataset.markersUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then((response) => (response.ok ? response.json() : { markers: [] }))
      .then((data) => {
        for (const marker of data.markers) {
          const point = [marker.lat, marker.lon];
          const label = document.createElement("span");
          label.textContent = marker.label; // text, never HTML: names come from a public file
          L.circleMarker(point, {
            radius: 6, weight: 1, color: "#263238",
            fillColor: marker.automotive ? "#2e7d32" : "#1565c0", fillOpacity: 0.8,
          }).bindPopup(label).addTo(map);
          bounds.push(point);
        }
        if (bounds.length) map.fitBounds(bounds, { padding: [20, 20], maxZoom: 11 });
      });
  }

  function drawAll() {
    document.querySelectorAll("[data-candidate-map]").forEach(draw);
  }

  document.addEventListener("DOMContentLoaded", drawAll);
  document.addEventListener("htmx:afterSettle", drawAll);
})();
