// Before a programme is adopted, its form shows the consistency check (registered with the
// programme module), each finding linked to the item to fix.
import { translator } from '../../platform/i18n/i18n.ts';
import { loadProgrammeTree, registerAdoptionCheck } from '../programme/manifest.ts';
import { checkProgramme } from './check.ts';
import { Findings } from './views/pages.tsx';

registerAdoptionCheck(async (db, { collectivityId, programme, locale, adminBase }) => {
  const tree = await loadProgrammeTree(db, collectivityId, programme);
  const findings = await checkProgramme(db, collectivityId, tree, locale);
  return <Findings findings={findings} editBase={adminBase} note={translator(locale)('transfer.consistency.beforeAdoption')} />;
});
