/* diagnum: draws the charts of rapport.html from the options written in the page.
   The options are JSON; a formatter is named ("fn:...") and replaced here by its
   function. Every text from the data reaches the page escaped. */
(function () {
  'use strict';
  var nbsp = '\u00a0';

  // frNumber writes v the French way: "1 234,5"; "n.d." when missing.
  function frNumber(v, d) {
    if (typeof v !== 'number' || !isFinite(v)) return 'n.d.';
    var s = Math.abs(v).toFixed(d), parts = s.split('.'), whole = parts[0], out = '';
    for (var i = 0; i < whole.length; i++) {
      if (i > 0 && (whole.length - i) % 3 === 0) out += nbsp;
      out += whole.charAt(i);
    }
    if (parts[1]) out += ',' + parts[1];
    if (v < 0 && Number(s) !== 0) out = '\u2212' + out;
    return out;
  }

  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) { return '&#' + c.charCodeAt(0) + ';'; });
  }

  function first(v) { return Array.isArray(v) ? v[0] : v; }

  // tip writes an item's tooltip from its "tip" lines, or from its name and value.
  function tip(params) {
    var list = Array.isArray(params) ? params : [params], out = [];
    for (var i = 0; i < list.length; i++) {
      var p = list[i], d = p.data;
      if (d && d.tip) {
        out.push(d.tip.map(esc).join('<br>'));
      } else if (p.name) {
        out.push(esc(p.name) + (typeof first(p.value) === 'number' ? ' : ' + frNumber(first(p.value), 1) : ''));
      }
    }
    return out.join('<br><br>');
  }

  // box writes the tooltip of a box drawn by ECharts' boxplot transform.
  function box(p) {
    var v = p.value || [], o = v.length === 6 ? 1 : 0, names = ['Minimum', '1er quartile', 'Médiane', '3e quartile', 'Maximum'];
    var lines = [esc(p.name)];
    for (var i = 0; i < 5; i++) lines.push(names[i] + ' : ' + frNumber(v[i + o], 1));
    return lines.join('<br>');
  }

  var formatters = {
    'fn:num0': function (v) { return frNumber(v, 0); },
    'fn:num1': function (v) { return frNumber(v, 1); },
    'fn:label1': function (p) { return frNumber(first(p.value), 1); },
    'fn:tip': tip,
    'fn:box': box
  };

  // categories returns the data of an option's category axis.
  function categories(opt) {
    var axes = [].concat(opt.yAxis || [], opt.xAxis || []);
    for (var i = 0; i < axes.length; i++) if (axes[i].type === 'category' && axes[i].data) return axes[i].data;
    return [];
  }

  var formatterKeys = { formatter: true, valueFormatter: true, itemNameFormatter: true };

  // revive replaces each formatter name of an option by its function.
  function revive(v, opt) {
    opt = opt || v;
    if (Array.isArray(v)) {
      for (var i = 0; i < v.length; i++) v[i] = revive(v[i], opt);
    } else if (v && typeof v === 'object') {
      for (var k in v) {
        if (!Object.prototype.hasOwnProperty.call(v, k)) continue;
        if (formatterKeys[k] && v[k] === 'fn:category') {
          var names = categories(opt);
          v[k] = function (p) { return names[p.value]; };
        } else if (formatterKeys[k] && typeof v[k] === 'string' && formatters[v[k]]) {
          v[k] = formatters[v[k]];
        } else {
          v[k] = revive(v[k], opt);
        }
      }
    }
    return v;
  }

  function json(id) { return JSON.parse(document.getElementById(id).textContent); }

  var charts = [];
  function draw() {
    var divs = document.querySelectorAll('.chart[data-option]');
    if (typeof echarts === 'undefined') {
      for (var i = 0; i < divs.length; i++) {
        divs[i].className += ' chart-error';
        divs[i].textContent = 'Graphique indisponible : la bibliothèque ECharts n\'a pas pu être chargée (page ouverte sans connexion ? voir le README de diagnum, option --echarts).';
      }
      return;
    }
    var geos = document.querySelectorAll('script[data-geo]');
    for (var g = 0; g < geos.length; g++) echarts.registerMap(geos[g].getAttribute('data-geo'), JSON.parse(geos[g].textContent));
    Array.prototype.forEach.call(divs, function (div) {
      div.textContent = '';
      var chart = echarts.init(div, null, { renderer: 'canvas' });
      var option = revive(json(div.getAttribute('data-option')));
      chart.setOption(option);
      charts.push(chart);
      // A list of territories replaces the first item of the first series; the
      // others (the references) stay.
      var choicesID = div.getAttribute('data-choices');
      var select = document.querySelector('select[data-chart="' + div.id + '"]');
      if (choicesID && select) {
        var items = json(choicesID), fixed = option.series[0].data.slice(1);
        select.addEventListener('change', function () {
          var item = items[Number(select.value)];
          chart.setOption({
            series: [{ data: [item].concat(fixed) }],
            legend: { data: [item.name].concat(fixed.map(function (d) { return d.name; })) }
          });
        });
      }
    });
  }

  // Charts follow the window's width; on paper, the print style scales the drawing
  // to the page (redrawing it there would race the printer).
  window.addEventListener('resize', function () {
    for (var i = 0; i < charts.length; i++) charts[i].resize();
  });

  draw();
}());
