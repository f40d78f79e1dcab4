// Static pages stay live without a circuit: draws their charts, listens to their server-sent events
// (data-live-source) and swaps the regions (data-live) and chart points each change brings. Runs again after
// Blazor's enhanced navigation. Also the small helpers that static pages need instead of a circuit.
import * as charts from './charts.js';

const streams = new Map(); // source URL -> { events, version (the last event's id), hiddenTimer, closed }
const HIDDEN_GRACE_MS = 60_000; // a tab in the background keeps its stream this long, then reconnects when shown

window.crowdSite = {
  rememberTheme(cookie, value) {
    document.cookie = `${cookie}=${value};path=/;max-age=31536000;samesite=lax`;
  },
};

// The skip link moves focus, not only the view: Blazor's navigation scrolls to a same-page fragment without
// focusing it, so the next Tab would start from the top again. Capture phase: before Blazor's own click handler.
document.addEventListener('click', event => {
  const main = event.target.closest?.('[data-skip-link]') && document.getElementById('main');
  if (main) {
    event.preventDefault();
    event.stopPropagation();
    main.focus();
    main.scrollIntoView();
  }
}, true);

function staticCharts(root) {
  for (const element of root.querySelectorAll('[data-chart]:not([data-chart-drawn])')) {
    element.setAttribute('data-chart-drawn', '');
    charts.render(element, JSON.parse(element.getAttribute('data-chart'))).catch(console.error);
  }
}

function fillTable(table, chart) {
  table.innerHTML = charts.tableHtml(chart, table.dataset.dateHeader ?? 'Date', table.dataset.caption);
}

function chartToggles(root) {
  for (const button of root.querySelectorAll('[data-chart-toggle]:not([data-wired])')) {
    button.setAttribute('data-wired', '');
    button.addEventListener('click', () => {
      const card = button.closest('.chart-card');
      const table = card.querySelector('[data-chart-table]');
      const asTable = table.hidden;
      if (asTable) {
        fillTable(table, card.querySelector('[data-chart]'));
      }
      table.hidden = !asTable;
      card.querySelector('[data-chart-view]').hidden = asTable;
      button.setAttribute('aria-pressed', String(asTable));
      button.querySelector('[data-toggle-text]').textContent = asTable ? 'Show as chart' : 'Show as table';
    });
  }
}

// Applies a frame; false when a delta names a table row this page does not have (then it needs a whole frame).
function apply(data) {
  for (const [name, html] of Object.entries(data.regions ?? {})) {
    for (const region of document.querySelectorAll(`[data-live="${name}"]`)) {
      if (region.innerHTML !== html) {
        region.innerHTML = html;
      }
    }
  }
  let whole = true;
  for (const [name, rows] of Object.entries(data.rows ?? {})) {
    for (const region of document.querySelectorAll(`[data-live="${name}"]`)) {
      whole = applyRows(region.querySelector('tbody'), rows) && whole;
    }
  }
  // The figures show now; the charts redraw in a task of their own, so a heavy redraw never holds back the numbers.
  setTimeout(() => applyCharts(data.charts ?? {}), 0);
  return whole;
}

// A table's rows in the frame's order: the ones the page has stay, new ones come from the frame's HTML.
function applyRows(body, rows) {
  if (!body) {
    return false;
  }
  const have = new Map([...body.children].map(row => [row.dataset.rowKey, row]));
  const next = rows.keys.map(key => have.get(key) ?? rowFrom(rows.html[key]));
  if (next.includes(null)) {
    return false;
  }
  body.replaceChildren(...next);
  return true;
}

function rowFrom(html) {
  if (html == null) {
    return null;
  }
  const template = document.createElement('template');
  template.innerHTML = html.trim();
  return template.content.firstElementChild;
}

function applyCharts(chartsById) {
  for (const [id, series] of Object.entries(chartsById)) {
    const element = document.querySelector(`[data-testid="${id}"][data-chart]`);
    if (!element) {
      continue;
    }
    charts.merge(element, series).then(() => {
      const table = element.closest('.chart-card')?.querySelector('[data-chart-table]');
      if (table && !table.hidden) {
        fillTable(table, element);
      }
    }).catch(console.error);
  }
}

function open(source) {
  const known = streams.get(source);
  const url = known?.version != null ? `${source}?since=${encodeURIComponent(known.version)}` : source;
  const events = new EventSource(url);
  const stream = { events, version: known?.version ?? null, hiddenTimer: null, closed: false };
  events.addEventListener('change', message => {
    const first = stream.version == null; // the page's own figures (or a catch-up): nothing new to announce
    stream.version = message.lastEventId;
    const data = JSON.parse(message.data);
    if (!first && data.announce) {
      for (const announcer of document.querySelectorAll('[data-live-announcer]')) {
        announcer.textContent = data.announce;
      }
    }
    if (!apply(data)) {
      // This page missed rows somehow: start over without a last event id, which brings a whole frame.
      events.close();
      stream.version = null;
      open(source);
    }
  });
  // The stream's state for people's tools and our tests (data-live alone names a region).
  events.addEventListener('open', () => document.body.setAttribute('data-live-stream', 'connected'));
  events.addEventListener('error', () => document.body.setAttribute('data-live-stream', events.readyState === EventSource.CLOSED ? 'closed' : 'reconnecting'));
  streams.set(source, stream);
}

function connect(root) {
  const wanted = new Set();
  for (const element of root.querySelectorAll('[data-live-source]')) {
    const source = element.getAttribute('data-live-source');
    wanted.add(source);
    if (!streams.has(source)) {
      open(source);
    }
  }
  // Enhanced navigation replaced the page: close the streams of pages that are gone.
  for (const [source, stream] of streams) {
    if (!wanted.has(source)) {
      stream.events.close();
      streams.delete(source);
    }
  }
}

document.addEventListener('visibilitychange', () => {
  for (const [source, stream] of streams) {
    if (document.hidden) {
      stream.hiddenTimer = setTimeout(() => { stream.events.close(); stream.closed = true; }, HIDDEN_GRACE_MS);
    } else {
      clearTimeout(stream.hiddenTimer);
      if (stream.closed) {
        open(source); // asks for what changed since the last event it saw
      }
    }
  }
});

// Prerendered interactive components leave <!--Blazor:{"type":"server",...}--> markers; static pages have none.
function hasServerComponents() {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_COMMENT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.data.startsWith('Blazor:{"type":"server"')) {
      return true;
    }
  }
  return false;
}

async function start() {
  for (const element of document.querySelectorAll('[data-site-origin]')) {
    element.textContent = window.location.origin; // where no public address is configured, the one this page came from
  }
  staticCharts(document);
  chartToggles(document);
  connect(document);
  if (document.querySelector('[data-donate-form]')) {
    (await import('./donate.js')).wire(document);
  }
  if (document.querySelector('[data-calculator-form]')) {
    (await import('./calculator.js')).wire(document);
  }
  if (document.querySelector('[data-deploys]')) {
    (await import('./deploys.js')).wire();
  }
  if (document.querySelector('form[data-query-form]')) {
    (await import('./query-forms.js')).wire(document);
  }
  if (!hasServerComponents()) {
    // A static page: everything a person can click works now (interactive pages set this from their circuit).
    document.body.setAttribute('data-interactive', 'true');
  }
}

start();
if (window.Blazor?.addEventListener) {
  window.Blazor.addEventListener('enhancedload', start);
} else {
  document.addEventListener('DOMContentLoaded', () => window.Blazor?.addEventListener?.('enhancedload', start));
}
