// The last backup on the network administrator's back-office home, with a warning when none is
// newer than a day (a missed timer shows there before it is needed).
import { formatDateTime, formatNumber } from '../i18n/format.ts';
import { usePage } from '../ui/page.tsx';
import { type BackupRun, backupIsStale } from './runs.ts';

export function BackupStatus(props: { last: BackupRun | null; now?: number }) {
  const { t, locale } = usePage();
  const { last } = props;
  return (
    <section class="backup-status" aria-labelledby="backup-status-title">
      <h2 id="backup-status-title">{t('backup.title')}</h2>
      <p>
        {last
          ? t('backup.last', { date: formatDateTime(locale, last.at), size: formatNumber(locale, Math.round((last.bytes / 1_048_576) * 10) / 10), file: last.fileName })
          : t('backup.none')}
      </p>
      {backupIsStale(last, props.now) && <p class="error" role="alert">{t('backup.stale')}</p>}
    </section>
  );
}
