// Analytics map: suppliers, buyers and DENUE candidates counted by municipality, read from the
// JSON block the page carries (json_script, not executed). Tiles only when the server names a
// tile server (data-tile-url), as on the discovery map (ADR 0851). No inline script (CSP).
(function () {
  "use strict";

  const KINDS = [
    ["suppliers", "#2e7d32"],
    ["buyers", "#1565c0"],
    ["candidates", "#757575"],
  ];

  function popup(element, marker) {
    const box = document.createElement("div");
    const title = document.createElement("strong");
    title.textContent = marker.label; // text, never HTML
    box.appendChild(title);
    for (const [kind] of KINDS) {
      const line = document.createElement("div");
      const value = marker[kind] === null ? element.dataset.labelWithheld : String(marker[kind]);
      line.textContent = element.dataset["label" + kind[0].toUpperCase() + kind.slice(1)] + ": " + value;
      box.appendChild(line);
    }
    return box;
  }

  function draw(element) {
    if (element.dataset.ready || typeof L === "undefined") return;
    const source = document.getElementById(element.dataset.markers);
    if (!source) return;
    element.dataset.ready = "1";
    const markers = JSON.parse(source.textContent);
    const map = L.map(element).setView([23.6, -102.5], 5);
    if (element.dataset.tileUrl) {
      L.tileLayer(element.dataset.tileUrl, { attribution: element.dataset.tileAttribution || "", maxZoom: 18 }).addTo(map);
    } else {
      element.classList.add("tiles-off");
    }
    const bounds = [];
    for (const marker of markers) {
      const point = [marker.lat, marker.lon];
      // Larger circles first so that smaller ones stay clickable on top.
      const drawn = KINDS.filter(([kind]) => marker[kind]).sort((a, b) => marker[b[0]] - marker[a[0]]);
      for (const [kind, colour] of drawn) {
        L.circleMarker(point, {
          radius: 4 + 3 * Math.sqrt(marker[kind]), weight: 1, color: "#263238",
          fillColor: colour, fillOpacity: 0.55,
        }).bindPopup(popup(element, marker)).addTo(map);
      }
      bounds.push(point);
    }
    if (bounds.length) map.fitBounds(bounds, { padding: [20, 20], maxZoom: 10 });
  }

  function drawAll() {
    document.querySelectorAll("[data-analytics-map]").forEach(draw);
  }

  document.addEventListener("DOMContentLoaded", drawAll);
  document.addEventListener("htmx:afterSettle", drawAll);
})();
