// Small enhancements; every page works without this file.
(() => {
  // The kommun pickers: a search box that filters the list and opens the län that match.
  for (const picker of document.querySelectorAll('[data-picker]')) {
    const box = picker.querySelector('[data-search]');
    const input = picker.querySelector('[data-search-input]');
    const chosen = picker.querySelector('[data-chosen] span');
    if (!box || !input) continue;
    box.hidden = false;
    const groups = [...picker.querySelectorAll('details')];
    const opened = new Map(groups.map((d) => [d, d.open]));
    input.addEventListener('input', () => {
      const q = input.value.trim().toLowerCase();
      for (const d of groups) {
        let any = false;
        for (const choice of d.querySelectorAll('.choice')) {
          const match = !q || choice.dataset.name.includes(q);
          choice.hidden = !match;
          any ||= match;
        }
        d.hidden = !any;
        d.open = q ? any : opened.get(d);
      }
    });
    picker.addEventListener('change', () => {
      if (!chosen) return;
      const names = [...picker.querySelectorAll('input[type=checkbox]:checked')].map((c) => c.labels[0].textContent);
      chosen.textContent = names.length ? names.join(', ') : '–';
    });
  }
  // Put the error summary in focus so that screen readers read it first.
  document.getElementById('error-summary')?.focus();
  // Select the set-up link for copying.
  for (const input of document.querySelectorAll('input.copy')) input.addEventListener('focus', () => input.select());
})();
