// Pages are enhanced again after each enhanced navigation: each element is wired once, and marked so.
export function wireEach(root, selector, wireOne) {
  for (const element of root.querySelectorAll(`${selector}:not([data-wired])`)) {
    element.setAttribute('data-wired', '');
    wireOne(element);
  }
}
