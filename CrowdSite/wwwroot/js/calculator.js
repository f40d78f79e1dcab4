// The sustainability calculator on the static project page: the answer comes from the server
// (GET /api/v1/projects/{slug}/sustainability?gift=), so the arithmetic and its wording live in one place.
import { wireEach } from './wiring.js';

const DEBOUNCE_MS = 200;

export function wire(root) {
  wireEach(root, '[data-calculator-form]', wireForm);
}

function wireForm(form) {
  const slug = form.dataset.slug;
  const gift = form.elements.namedItem('gift');
  const answer = form.querySelector('[data-testid="calc-answer"]');
  let timer = null;
  let asked = 0;

  function pressed() {
    for (const preset of form.querySelectorAll('[data-gift]')) {
      preset.setAttribute('aria-pressed', String(preset.dataset.gift === gift.value.trim()));
    }
  }

  async function ask() {
    const mine = ++asked;
    pressed();
    const query = new URLSearchParams({ gift: gift.value });
    const response = await fetch(`/api/v1/projects/${encodeURIComponent(slug)}/sustainability?${query}`, { headers: { Accept: 'application/json' } });
    const body = await response.json().catch(() => null);
    if (mine !== asked || !body) {
      return;
    }
    answer.textContent = body.error ?? body.text ?? '';
    answer.toggleAttribute('data-error', Boolean(body.error));
    gift.setAttribute('aria-invalid', String(Boolean(body.error)));
  }

  for (const preset of form.querySelectorAll('[data-gift]')) {
    preset.addEventListener('click', () => {
      gift.value = preset.dataset.gift;
      ask();
    });
  }
  gift.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(ask, DEBOUNCE_MS);
  });
  form.addEventListener('submit', event => {
    event.preventDefault();
    ask();
  });
  // The page's live stream swaps the usage figures when costs or users change: answer again from the new figures.
  const figures = document.querySelector('[data-live="usage"]');
  if (figures) {
    new MutationObserver(() => {
      clearTimeout(timer);
      timer = setTimeout(ask, DEBOUNCE_MS);
    }).observe(figures, { childList: true, subtree: true, characterData: true });
  }
}
