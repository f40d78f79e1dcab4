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
};

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
    colors: dark ? config.colors.map(c => DARK_SHADES[c.toLowerCase()] ?? c) : config.colors,
    series: config.series,
    stroke: { width: config.type === 'bar' ? 0 : 2, curve: 'monotoneCubic', dashArray: config.dashArray ?? 0 },
    fill: config.type === 'area' ? { type: 'gradient', gradient: { opacityFrom: 0.45, opacityTo: 0.05 } } : { opacity: 1 },
    dataLabels: { enabled: false },
    legend: { position: 'top', horizontalAlign: 'left' },
    grid: { borderColor: dark ? '#334155' : '#e2e8f0', strokeDashArray: 3 },
    xaxis: { type: 'datetime', labels: { datetimeUTC: true }, ...barRange(config) },
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
  const { series, currency, minorDigits } = drawn.config;
  const money = moneyFormatter(currency, minorDigits);
  const date = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });
  const xs = [...new Set(series.flatMap(s => s.data.map(point => point[0])))].sort((a, b) => a - b);
  const lookups = series.map(s => new Map(s.data.map(point => [point[0], point[1]])));
  const escape = text => String(text).replace(/[&<>"]/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
  const head = `<tr><th>${escape(dateHeader)}</th>${series.map(s => `<th style="text-align:right">${escape(s.name)}</th>`).join('')}</tr>`;
  const rows = xs.map(x => `<tr><td>${date.format(new Date(x))}</td>${lookups.map(l => `<td style="text-align:right">${escape(money.full(l.get(x)))}</td>`).join('')}</tr>`);
  return `<div class="mud-table mud-simple-table mud-table-dense mud-table-striped mud-table-sticky-header chart-table-scroll" tabindex="0" role="region" aria-label="${escape(caption)}: table"><div class="mud-table-container"><table><caption class="visually-hidden">${escape(caption)}</caption><thead>${head}</thead><tbody>${rows.join('')}</tbody></table></div></div>`;
}

export function destroy(element) {
  const drawn = charts.get(element);
  if (drawn) {
    drawn.chart.destroy();
    charts.delete(element);
  }
}
