// The deploys section folds earlier deploys into <details>: a link to one of them (#deploy-…, from a charge or
// the ledger) opens it, then shows it. The browser does not open a closed <details> for a fragment by itself.
let listening = false;

function reveal(hash) {
  if (!hash || !hash.startsWith('#deploy-')) {
    return;
  }
  const target = document.getElementById(decodeURIComponent(hash.slice(1)));
  const folded = target?.closest('details:not([open])');
  if (folded) {
    folded.open = true;
    target.scrollIntoView({ block: 'center' });
  }
}

export function wire() {
  reveal(window.location.hash);
  if (listening) {
    return;
  }
  listening = true;
  window.addEventListener('hashchange', () => reveal(window.location.hash));
  // Blazor's navigation moves to a fragment on the same page without a hashchange event.
  document.addEventListener('click', event => {
    const link = event.target.closest?.('a[href*="#deploy-"]');
    const url = link ? new URL(link.href) : null;
    if (url && url.pathname === window.location.pathname) {
      setTimeout(() => reveal(url.hash), 0);
    }
  }, true);
}
