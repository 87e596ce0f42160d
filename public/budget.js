// The running total of a knapsack ballot, updated as boxes are ticked. The ballot works without
// it: "check my total" asks the server, which this script makes unnecessary and so hides.
(() => {
  const form = document.querySelector('form.budget-ballot[data-envelope]');
  const live = document.getElementById('budget-live');
  if (!form || !live) return;
  const d = form.dataset;
  // the server's formats (platform/i18n): Western digits in Arabic too
  const tag = { ar: 'ar-MA-u-nu-latn', fr: 'fr-MA', en: 'en-GB' }[d.locale] || d.locale;
  const number = new Intl.NumberFormat(tag, { maximumFractionDigits: 2 });
  const envelope = Number(d.envelope);
  const fill = (text, values) => text.replace(/\{(\w+)\}/g, (m, k) => (k in values ? number.format(values[k]) : m));

  const update = () => {
    let sum = 0;
    for (const box of form.querySelectorAll('input[data-cost]:checked')) sum += Number(box.dataset.cost);
    const over = sum > envelope;
    live.textContent = fill(over ? d.overText : d.totalText, { sum, left: envelope - sum, envelope });
    // the classes the server gives its own total
    live.classList.toggle('error', over);
    live.classList.toggle('budget-total', !over);
  };

  // one live total: the server's (after "check my total") and its button give way to it. The
  // button stays in the form, out of sight, as the default one: Enter checks, it never casts.
  for (const el of form.querySelectorAll('p[role="status"]:not(#budget-live), button[value="check"]')) el.hidden = true;
  update();
  live.hidden = false;
  form.addEventListener('change', update);
  // coming back to the page, the browser may restore ticked boxes after this script ran
  window.addEventListener('pageshow', update);
})();
