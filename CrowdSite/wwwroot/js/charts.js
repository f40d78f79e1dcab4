// A thin layer over ApexCharts (window.ApexCharts, loaded from wwwroot/lib): create, update, destroy by element.
// Amounts arrive in integer minor units; formatting for people happens here, for display only.
const charts = new WeakMap();

function moneyFormatter(currency, minorDigits) {
  const format = new Intl.NumberFormat(undefined, { style: 'currency', currency, minimumFractionDigits: minorDigits, maximumFractionDigits: minorDigits });
  const compact = new Intl.NumberFormat(undefined, { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 });
  const scale = Math.pow(10, minorDigits);
  return {
    full: value => value == null ? '' : format.format(value / scale),
    axis: value => value == null ? '' : Math.abs(value / scale) >= 1000 ? compact.format(value / scale) : format.format(value / scale),
  };
}

// Bars are centred on their date, so on a datetime axis the first and last ones hang half outside the
// plot; widen the range by half the spacing of the points on each side.
function barRange(config) {
  if (config.type !== 'bar') {
    return {};
  }
  const xs = [...new Set(config.series.flatMap(s => s.data.map(point => point[0])))].sort((a, b) => a - b);
  if (xs.length < 2) {
    return {};
  }
  let gap = Infinity;
  for (let i = 1; i < xs.length; i++) {
    gap = Math.min(gap, xs[i] - xs[i - 1]);
  }
  return { min: xs[0] - gap / 2, max: xs[xs.length - 1] + gap / 2 };
}

// The house colours are dark enough for a light card; on a dark card the same hue in a lighter shade keeps lines
// and bars at 3:1 or more (the balance line was 2.15:1).
const DARK_SHADES = {
  '#0f766e': '#2dd4bf', '#16a34a': '#4ade80', '#dc2626': '#f87171', '#6366f1': '#818cf8',
  '#94a3b8': '#cbd5e1', '#0ea5e9': '#38bdf8', '#84cc16': '#a3e635', '#ec4899': '#f472b6',
  '#0072b2': '#56b4e9', '#d55e00': '#f0883e', '#009e73': '#34c59c', '#cc79a7': '#e3a6c8',
  '#8c6d00': '#f0e442', '#4b5563': '#9ca3af', '#6a3d9a': '#b39ddb',
};

// A series named here has the same colour on every chart of every project (a resource must not be blue on one project
// and orange on the next): Okabe and Ito's colour-blind-safe hues, darkened where needed for 3:1 on a light card.
// Donations against cost is blue against vermillion, which every kind of colour blindness tells apart (not green and red).
const NAMED_COLORS = {
  donations: '#0072b2', 'compute cost': '#d55e00',
  compute: '#009e73', memory: '#cc79a7', storage: '#8c6d00', bandwidth: '#4b5563', database: '#6a3d9a',
};

function seriesColors(config) {
  return config.series.map((s, i) => NAMED_COLORS[s.name.toLowerCase()] ?? config.colors[i % config.colors.length]);
}

// The last period (this week, this month) is not over: a shaded band and a "so far" note say so, so a short last bar
// does not read as a collapse.
function soFarAnnotation(config, dark) {
  if (!config.lastIsSoFar) {
    return {};
  }
  const xs = [...new Set(config.series.flatMap(s => s.data.map(point => point[0])))].sort((a, b) => a - b);
  if (xs.length < 2) {
    return {};
  }
  const half = (xs[xs.length - 1] - xs[xs.length - 2]) / 2;
  const last = xs[xs.length - 1];
  return {
    xaxis: [{
      x: last - half, x2: last + half, fillColor: dark ? '#94a3b8' : '#64748b', opacity: 0.18, borderColor: 'transparent',
      label: {
        text: 'so far', orientation: 'horizontal', position: 'top', offsetY: -2, borderWidth: 0,
        style: { background: 'transparent', color: dark ? '#e2e8f0' : '#334155', fontSize: '11px' },
      },
    }],
  };
}

function buildOptions(config) {
  const money = moneyFormatter(config.currency, config.minorDigits);
  // null: the visitor has not chosen a theme, so the page (in CSS) and the chart follow the system's.
  const dark = config.darkMode ?? window.matchMedia('(prefers-color-scheme: dark)').matches;
  return {
    chart: {
      type: config.type,
      height: config.height,
      stacked: config.stacked === true,
      background: 'transparent',
      foreColor: dark ? '#cbd5e1' : '#475569',
      toolbar: { show: false },
      zoom: { enabled: false },
      animations: { enabled: true, speed: 300, dynamicAnimation: { speed: 300 } },
      fontFamily: 'inherit',
    },
    theme: { mode: dark ? 'dark' : 'light' },
    colors: dark ? seriesColors(config).map(c => DARK_SHADES[c.toLowerCase()] ?? c) : seriesColors(config),
    annotations: soFarAnnotation(config, dark),
    series: config.series,
    stroke: { width: config.type === 'bar' ? 0 : 2, curve: 'monotoneCubic', dashArray: config.dashArray ?? 0 },
    fill: config.type === 'area' ? { type: 'gradient', gradient: { opacityFrom: 0.45, opacityTo: 0.05 } } : { opacity: 1 },
    dataLabels: { enabled: false },
    legend: { position: 'top', horizontalAlign: 'left' },
    // Room on the right so the last date label is not cut off.
    grid: { borderColor: dark ? '#334155' : '#e2e8f0', strokeDashArray: 3, padding: { right: 20 } },
    // A year's tick reads "2026", a month's "Feb" (ApexCharts' default "Feb '26" beside "2026" crowded the axis).
    xaxis: {
      type: 'datetime', ...barRange(config),
      labels: { datetimeUTC: true, hideOverlappingLabels: true, datetimeFormatter: { year: 'yyyy', month: 'MMM', day: 'MMM d' } },
    },
    yaxis: { labels: { formatter: money.axis } },
    tooltip: { theme: dark ? 'dark' : 'light', x: { format: 'MMM d, yyyy' }, y: { formatter: money.full } },
    noData: { text: 'No data yet' },
  };
}

export async function render(element, config) {
  destroy(element);
  if (!window.ApexCharts) {
    throw new Error('ApexCharts is not loaded');
  }
  const chart = new window.ApexCharts(element, buildOptions(config));
  charts.set(element, { chart, config });
  await chart.render();
}

export async function update(element, config, animate = true) {
  const drawn = charts.get(element);
  if (!drawn) {
    return render(element, config);
  }
  drawn.config = config;
  await drawn.chart.updateOptions(buildOptions(config), false, animate, false);
}

// Live points from the server: a whole series replaces the chart's; other points replace or extend the
// chart's points at the same dates. The chart redraws once, without animating its hundreds of points (a busy
// project sends a frame every 400 ms, and many pages share a machine's CPU).
export async function merge(element, liveSeries) {
  const drawn = charts.get(element);
  if (!drawn) {
    return;
  }
  const series = drawn.config.series.map(s => ({ ...s, data: [...s.data] }));
  for (const incoming of liveSeries) {
    const existing = series.find(s => s.name === incoming.name);
    if (!existing) {
      series.push({ name: incoming.name, data: incoming.data });
    } else if (incoming.whole) {
      existing.data = incoming.data;
    } else {
      const byX = new Map(existing.data.map(point => [point[0], point]));
      for (const point of incoming.data) {
        byX.set(point[0], point);
      }
      existing.data = [...byX.values()].sort((a, b) => a[0] - b[0]);
    }
  }
  await update(element, { ...drawn.config, series }, false);
}

// The chart's numbers as a table (its accessible alternative), from the points it shows now. The scroll box is a
// named, focusable region so a keyboard can scroll it; the caption names the table for screen readers.
export function tableHtml(element, dateHeader, caption = 'Chart data') {
  const drawn = charts.get(element);
  if (!drawn) {
    return '';
  }
  const { series } = drawn.config;
  // Series that share (almost) no dates, like a balance and its projection, get a table each: one table would be
  // hundreds of rows with an empty column.
  const dates = series.map(s => new Set(s.data.map(point => point[0])));
  const shared = dates.length === 2 ? [...dates[0]].filter(x => dates[1].has(x)).length : Infinity;
  if (shared <= 1) {
    return series.map(s => oneTable(drawn.config, [s], dateHeader, `${caption}: ${s.name}`)).join('');
  }
  return oneTable(drawn.config, series, dateHeader, caption);
}

function oneTable(config, series, dateHeader, caption) {
  const money = moneyFormatter(config.currency, config.minorDigits);
  const date = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });
  const xs = [...new Set(series.flatMap(s => s.data.map(point => point[0])))].sort((a, b) => a - b);
  const lookups = series.map(s => new Map(s.data.map(point => [point[0], point[1]])));
  const escape = text => String(text).replace(/[&<>"]/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
  const head = `<tr><th>${escape(dateHeader)}</th>${series.map(s => `<th style="text-align:right">${escape(s.name)}</th>`).join('')}</tr>`;
  const soFar = (x, i) => config.lastIsSoFar && i === xs.length - 1 ? ' (so far)' : '';
  const rows = xs.map((x, i) => `<tr><td>${date.format(new Date(x))}${soFar(x, i)}</td>${lookups.map(l => `<td style="text-align:right">${escape(money.full(l.get(x)))}</td>`).join('')}</tr>`);
  return `<div class="mud-table mud-simple-table mud-table-dense mud-table-striped mud-table-sticky-header chart-table-scroll" tabindex="0" role="region" aria-label="${escape(caption)}: table"><div class="mud-table-container"><table><caption class="visually-hidden">${escape(caption)}</caption><thead>${head}</thead><tbody>${rows.join('')}</tbody></table></div></div>`;
}

export function destroy(element) {
  const drawn = charts.get(element);
  if (drawn) {
    drawn.chart.destroy();
    charts.delete(element);
  }
}
