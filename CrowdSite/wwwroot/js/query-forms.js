// GET forms whose fields are a page's URL (the discover filters): empty fields stay out of the URL, and a
// select marked data-auto-submit submits its form as soon as it changes. Without this script the form still
// works with its submit button.
export function wire(root) {
  for (const form of root.querySelectorAll('form[data-query-form]:not([data-wired])')) {
    form.setAttribute('data-wired', '');
    form.addEventListener('formdata', event => {
      for (const [name, value] of [...event.formData.entries()]) {
        if (value === '') {
          event.formData.delete(name);
        }
      }
    });
    for (const select of form.querySelectorAll('select[data-auto-submit]')) {
      select.addEventListener('change', () => form.requestSubmit());
    }
  }
}
