// Every message key exists in every locale, and every message is valid ICU MessageFormat.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IntlMessageFormat } from 'intl-messageformat';
import { modules } from '../../modules/index.ts';
import { catalogKeys, intlLocale, loadCatalogs, locales, rawMessage, translator } from './i18n.ts';
import { todayInCasablanca } from './format.ts';

for (const m of modules) loadCatalogs(m.localesDir, m.name);

test('every key exists in every locale', () => {
  const [first, ...rest] = locales;
  const reference = new Set(catalogKeys(first));
  assert.ok(reference.size > 100);
  for (const l of rest) {
    const keys = new Set(catalogKeys(l));
    assert.deepEqual([...reference].filter((k) => !keys.has(k)), [], `missing in ${l}`);
    assert.deepEqual([...keys].filter((k) => !reference.has(k)), [], `missing in ${first}`);
  }
});

test('every message parses and formats', () => {
  for (const l of locales) {
    for (const key of catalogKeys(l)) {
      assert.doesNotThrow(() => new IntlMessageFormat(rawMessage(l, key)!, intlLocale[l]), `${l}:${key}`);
    }
  }
  assert.equal(translator('fr')('programme.late', { days: 2 }), '2 jours de retard');
  assert.equal(translator('ar')('programme.duration.years', { years: 2 }), 'سنتان');
  assert.equal(translator('en')('programme.duration.years', { years: 1 }), '1 year');
});

test('today is computed in Africa/Casablanca', () => {
  // 23:30 UTC on 31 December is already 1 January in Casablanca (UTC+1)
  assert.equal(todayInCasablanca(new Date('2024-12-31T23:30:00Z')), '2025-01-01');
});

test("today follows the clock both ways: set back, it is not kept from the future", (t) => {
  t.mock.timers.enable({ apis: ['Date'], now: Date.parse('2031-03-10T12:00:00Z') });
  assert.equal(todayInCasablanca(), '2031-03-10');
  t.mock.timers.setTime(Date.parse('2031-03-09T12:00:00Z'));
  assert.equal(todayInCasablanca(), '2031-03-09');
  t.mock.timers.setTime(Date.parse('2031-03-12T12:00:00Z'));
  assert.equal(todayInCasablanca(), '2031-03-12');
});

test('Casablanca wall-clock times convert to instants and back, across Ramadan (UTC+0)', async () => {
  const { casablancaToIso, isoToCasablanca } = await import('./format.ts');
  assert.equal(casablancaToIso('2023-06-09T00:00'), '2023-06-08T23:00:00.000Z'); // UTC+1
  assert.equal(casablancaToIso('2024-03-20T10:00'), '2024-03-20T10:00:00.000Z'); // Ramadan 2024: UTC+0
  assert.equal(isoToCasablanca('2023-06-14T22:59:00.000Z'), '2023-06-14T23:59');
});

test('an instant is written with the same date format as a calendar date, then its time', async () => {
  const { formatDate, formatDateTime } = await import('./format.ts');
  assert.equal(formatDateTime('ar', '2025-02-01T09:00:00.000Z'), `${formatDate('ar', '2025-02-01')} في 10:00`);
  assert.equal(formatDateTime('fr', '2025-02-01T09:00:00.000Z'), `${formatDate('fr', '2025-02-01')} à 10:00`);
  assert.doesNotMatch(formatDateTime('ar', '2025-02-01T09:00:00.000Z'), /\//);
});

test('a message formatted again with other values says the new values, whatever their order', () => {
  const t = translator('fr');
  const summary = (axes: number, projects: number, activities: number) => t('programme.summary', { axes, projects, activities });
  assert.equal(summary(4, 4, 12), summary(4, 4, 12));
  assert.notEqual(summary(4, 5, 12), summary(5, 4, 12));
  assert.equal(t('programme.summary', { projects: 5, activities: 12, axes: 4 }), summary(4, 5, 12));
  // the same values in the same order under other names are other texts
  assert.equal(t('programme.summary', { projects: 4, axes: 5, activities: 12 }), summary(5, 4, 12));
  assert.match(t('programme.summary', { projects: 4, axes: 5, activities: 12 }), /^5 axes, 4 projets/);
  assert.equal(t('programme.late', { days: 2 }), '2 jours de retard');
  assert.equal(t('programme.late', { days: '2' }), '2 jours de retard');
  assert.equal(t('programme.late', { days: 3 }), '3 jours de retard');
  // each message keeps its own texts: the same value in another message is that message's text
  assert.equal(t('programme.lateCount', { count: 2 }), '2 activités en retard');
});
