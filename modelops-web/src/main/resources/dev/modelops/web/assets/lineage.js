/* ModelOps lineage graph: click a record to select it, light up everything up- and downstream of it,
   and show its details. Vanilla JS of our own; without it the nodes are plain links. */
(function () {
  'use strict';
  var dataEl = document.getElementById('graph-data');
  var svg = document.getElementById('lineage-graph');
  if (!dataEl || !svg) { return; }
  var data = JSON.parse(dataEl.textContent);
  var ups = {}, downs = {};
  data.links.forEach(function (l) {
    (downs[l.up] = downs[l.up] || []).push(l.down);
    (ups[l.down] = ups[l.down] || []).push(l.up);
  });

  function reach(start, next) {
    var seen = {}, queue = [start];
    seen[start] = true;
    while (queue.length) {
      var id = queue.shift();
      (next[id] || []).forEach(function (n) { if (!seen[n]) { seen[n] = true; queue.push(n); } });
    }
    return seen;
  }

  function select(id) {
    var up = reach(id, ups), down = reach(id, downs);
    svg.querySelectorAll('.node').forEach(function (n) {
      var nid = n.getAttribute('data-id');
      n.classList.toggle('selected', nid === id);
      n.classList.toggle('dim', !(up[nid] || down[nid]));
    });
    svg.querySelectorAll('.link').forEach(function (l) {
      var s = l.getAttribute('data-source'), t = l.getAttribute('data-target');
      l.classList.toggle('lit', (up[s] && up[t]) || (down[s] && down[t]));
    });
    var node = data.nodes[id];
    var panel = document.getElementById('details');
    document.getElementById('details-title').textContent = node.kind + ' ' + node.label;
    document.getElementById('details-detail').textContent = node.detail + (node.sha256 ? '  sha256 ' + node.sha256 : '');
    var open = document.getElementById('details-open');
    open.setAttribute('href', node.open);
    open.textContent = node.openLabel;
    var graph = document.getElementById('details-graph');
    if (node.graph) { graph.setAttribute('href', node.graph); graph.hidden = false; } else { graph.hidden = true; }
    document.getElementById('details-attributes').textContent = JSON.stringify(node.attributes, null, 2);
    panel.hidden = false;
    panel.setAttribute('data-selected', id);
  }

  svg.querySelectorAll('.node').forEach(function (n) {
    n.addEventListener('click', function (ev) {
      ev.preventDefault();
      select(n.getAttribute('data-id'));
    });
    n.addEventListener('dblclick', function () { window.location.href = n.getAttribute('href'); });
  });
  if (data.selectRoot && data.nodes[data.root]) { select(data.root); }
})();
