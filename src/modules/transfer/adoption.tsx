// Before a programme is adopted, its form shows the consistency check (registered with the
// programme module), each finding linked to the item to fix.
import { translator } from '../../platform/i18n/i18n.ts';
import { loadProgrammeTree, registerAdoptionCheck } from '../programme/manifest.ts';
import { indicatorValues } from '../tracking/manifest.ts';
import { checkConsistency, fromTree } from './consistency.ts';
import { Findings } from './views/pages.tsx';

registerAdoptionCheck(async (db, { collectivityId, programme, locale, adminBase }) => {
  const tree = await loadProgrammeTree(db, collectivityId, programme);
  const facts = new Map((await indicatorValues(db, collectivityId, programme.id)).map((i) => [i.id, { target: i.targets.length > 0, measured: i.series.length > 0 }]));
  const findings = checkConsistency(fromTree(tree, facts, locale));
  return <Findings findings={findings} editBase={adminBase} note={translator(locale)('transfer.consistency.beforeAdoption')} />;
});
