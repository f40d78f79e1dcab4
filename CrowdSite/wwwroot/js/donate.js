// The donate panel on the static project page. The quote comes from the server as the donor types, so the
// rules (and the money formatting) live in one place; the server checks the gift again when it starts.
import { wireEach } from './wiring.js';

const DEBOUNCE_MS = 150;

export function wire(root) {
  wireEach(root, '[data-donate-form]', wireForm);
}

function wireForm(form) {
  const slug = form.dataset.slug;
  const amount = form.elements.namedItem('amount');
  const submit = form.querySelector('[data-testid="donate-button"]');
  const quoteText = form.querySelector('[data-testid="quote"]');
  const buysText = form.querySelector('[data-testid="gift-buys"]');
  const amountError = form.querySelector('[data-amount-error]');
  const errors = form.querySelector('[data-donate-errors]');
  let quote = null;
  let timer = null;
  let asked = 0;

  const monthly = () => form.querySelector('input[name="recurring"]:checked')?.value === 'true';
  const visibility = () => form.querySelector('input[name="visibility"]:checked')?.value ?? 'nameAndAmount';
  const nameField = form.querySelector('[data-public-name]');
  const publicName = () => (visibility() === 'anonymous' ? null : form.elements.namedItem('publicName').value.trim() || null);
  const checked = name => form.elements.namedItem(name).checked;

  async function requote() {
    const ask = ++asked;
    const query = new URLSearchParams({ amount: amount.value, coverFees: checked('coverFees'), potOptIn: checked('potOptIn') });
    const response = await fetch(`/api/v1/projects/${encodeURIComponent(slug)}/donations/quote?${query}`, { headers: { Accept: 'application/json' } });
    if (ask !== asked || !response.ok) {
      return;
    }
    quote = await response.json();
    show();
  }

  function show() {
    for (const preset of form.querySelectorAll('[data-preset]')) {
      preset.setAttribute('aria-pressed', String(preset.dataset.preset === amount.value.trim()));
    }
    const ok = quote && quote.amount != null && !quote.error;
    amountError.textContent = quote?.error ?? '';
    amount.setAttribute('aria-invalid', String(Boolean(quote?.error)));
    form.querySelector('[data-pot-share]').textContent = ok && quote.potShare > 0 ? ` (${quote.text.potShare})` : '';
    form.querySelector('[data-fee-cover]').textContent = ok && quote.feeCover > 0 ? ` (+${quote.text.feeCover})` : '';
    quoteText.hidden = !ok;
    submit.disabled = !ok;
    // What the gift pays for, worded by the server from the project's real costs.
    const buys = ok ? (monthly() ? quote.buysMonthly : quote.buysOnce) : null;
    buysText.textContent = buys ? `${buys}.` : '';
    buysText.hidden = !buys;
    if (!ok) {
      submit.textContent = 'Donate';
      return;
    }
    const t = quote.text;
    const pot = quote.potShare > 0 ? `, ${t.potShare} to the pot` : '';
    quoteText.textContent = `You pay ${t.gross}${monthly() ? ' a month' : ''}. About ${t.expectedFee} goes to the payment processor${pot}, ${t.netToProject} to the project's computing.`;
    submit.textContent = `Donate ${t.gross}${monthly() ? ' monthly' : ''}`;
  }

  function soon() {
    clearTimeout(timer);
    timer = setTimeout(requote, DEBOUNCE_MS);
  }

  for (const preset of form.querySelectorAll('[data-preset]')) {
    preset.addEventListener('click', () => {
      amount.value = preset.dataset.preset;
      requote();
    });
  }
  // An anonymous gift has no name to type.
  function showName() {
    nameField.hidden = visibility() === 'anonymous';
  }

  amount.addEventListener('input', soon);
  form.addEventListener('change', event => {
    if (event.target.name === 'visibility') {
      showName();
    } else if (event.target.name === 'recurring') {
      show();
    } else {
      soon();
    }
  });
  showName();

  form.addEventListener('submit', async event => {
    event.preventDefault();
    if (!quote || quote.error || quote.amount == null) {
      return;
    }
    submit.disabled = true;
    errors.replaceChildren();
    try {
      const response = await fetch(`/api/v1/projects/${encodeURIComponent(slug)}/donations`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({
          amount: quote.amount, currency: form.dataset.currency, recurring: monthly(),
          potOptIn: checked('potOptIn'), coverFees: checked('coverFees'),
          // No name typed: anonymous, as before the choice existed (the receipt can name it later).
          visibility: publicName() ? visibility() : 'anonymous',
          publicName: publicName(),
          message: form.elements.namedItem('message').value || null,
        }),
      });
      const body = await response.json().catch(() => ({}));
      if (response.status === 201 && body.checkoutUrl) {
        window.location.assign(body.checkoutUrl);
        return;
      }
      const messages = Object.values(body.errors ?? {}).flat();
      for (const message of messages.length ? messages : [body.title ?? 'The donation could not start. Try again.']) {
        const line = document.createElement('div');
        line.className = 'donate-error';
        line.setAttribute('data-testid', 'donate-error');
        line.setAttribute('role', 'alert');
        line.textContent = message;
        errors.append(line);
      }
    } finally {
      submit.disabled = false;
    }
  });
}
