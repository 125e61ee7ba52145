// The citation graph and the neighbourhood graph of a record page, drawn with cytoscape.js
// (served from this app). The script loads cytoscape only on pages that have a graph.
'use strict';
(function () {
  const containers = Array.from(document.querySelectorAll('.graph[data-graph-focus], .graph[data-graph-query]'));
  if (containers.length === 0) return;

  const COLOURS = { memo: '#1f4e8c', source: '#8a4b00', statement: '#1f6b3a', speaker: '#6b2f8a', event: '#5b5b63', topic: '#a11d1d' };

  function loadCytoscape() {
    if (window.cytoscape) return Promise.resolve(window.cytoscape);
    return new Promise(function (resolve, reject) {
      const script = document.createElement('script');
      script.src = '/assets/vendor/cytoscape.min.js';
      script.onload = function () { resolve(window.cytoscape); };
      script.onerror = reject;
      document.head.append(script);
    });
  }

  // The static site's data is compact (src/render/graph-data.ts): nodes are rows [type, id, label] of
  // a table, edges a flat list of numbers, three an edge (source, target, kind), and a neighbourhood
  // file holds many records' neighbourhoods. The server answers nodes and edges as objects, which are
  // used as they are.
  function expand(data, focus) {
    if (!Array.isArray(data.types)) return data;
    const part = data.near ? data.near[focus] : null;
    if (data.near && !part) return { nodes: [], edges: [] };
    function nodeOf(number) {
      const row = data.nodes[number];
      const type = data.types[row[0]];
      return { id: type.type + ':' + row[1], type: type.type, label: row[2], href: type.path + encodeURIComponent(row[1]) };
    }
    const nodes = (part ? part.nodes : data.nodes.map(function (row, number) { return number; })).map(nodeOf);
    const flat = part ? part.edges : data.edges;
    const edges = [];
    // One id per edge in the drawing: a cite key may hold "->", and two edges be written alike.
    const ids = new Set();
    for (let at = 0; at + 2 < flat.length; at += 3) {
      const source = nodeOf(flat[at]).id;
      const target = nodeOf(flat[at + 1]).id;
      const kind = data.kinds[flat[at + 2]];
      let id = source + '->' + target + ':' + kind;
      for (let number = 2; ids.has(id); number++) id = source + '->' + target + ':' + kind + '#' + number;
      ids.add(id);
      edges.push({ id: id, source: source, target: target, kind: kind });
    }
    return { nodes: nodes, edges: edges };
  }

  async function draw(container) {
    const focus = container.getAttribute('data-graph-focus');
    const response = await fetch(container.getAttribute('data-graph-src'), { headers: { Accept: 'application/json' } });
    if (!response.ok) return;
    const graph = expand(await response.json(), focus);
    if (graph.nodes.length === 0) return;
    const cytoscape = await loadCytoscape();
    container.textContent = '';
    const cy = cytoscape({
      container: container,
      elements: graph.nodes.map(function (node) { return { data: node }; }).concat(graph.edges.map(function (edge) { return { data: edge }; })),
      style: [
        { selector: 'node', style: { label: focus ? 'data(label)' : '', 'font-size': 9, 'text-wrap': 'ellipsis', 'text-max-width': 120, 'min-zoomed-font-size': 7, width: 12, height: 12, 'background-color': function (node) { return COLOURS[node.data('type')] || '#777'; } } },
        // In the whole graph only memos and topics are labelled; the others on hover.
        { selector: 'node[type = "memo"], node[type = "topic"], node.hover', style: { label: 'data(label)' } },
        { selector: 'node.hover', style: { 'z-index': 10, 'text-background-color': '#fff', 'text-background-opacity': 0.9 } },
        { selector: 'node[id = "' + (focus || '') + '"]', style: { width: 20, height: 20, 'font-weight': 'bold' } },
        { selector: 'edge', style: { width: 1, 'line-color': '#c8c8d0', 'curve-style': 'bezier', 'target-arrow-shape': 'triangle', 'target-arrow-color': '#c8c8d0', 'arrow-scale': 0.6 } },
      ],
      layout: { name: 'cose', animate: false, padding: 12, nodeRepulsion: function () { return 12000; }, idealEdgeLength: function () { return 70; }, randomize: false },
      wheelSensitivity: 0.2,
    });
    cy.on('mouseover', 'node', function (event) { event.target.addClass('hover'); });
    cy.on('mouseout', 'node', function (event) { event.target.removeClass('hover'); });
    cy.on('tap', 'node', function (event) {
      window.location.href = event.target.data('href');
    });
    container.setAttribute('data-graph-ready', String(graph.nodes.length));
  }

  containers.forEach(function (container) {
    draw(container).catch(function () { /* The lists on the page say the same. */ });
  });
})();
