// The moderation queue of a survey's free-text answers: pending ones, oldest first, each with a
// publish and a hide button (POST with the CSRF token), a page at a time.
import { PostButton } from '../../../platform/ui/form.tsx';
import { StaffLayout, usePage } from '../../../platform/ui/page.tsx';
import { Pager } from '../../../platform/ui/parts.tsx';

export function ModerationPage(props: {
  place: { slug: string; name: { text: string } };
  surveyTitle: string;
  base: string;
  pending: number;
  items: { id: number; question: string; text: string }[];
  firstHref: string | null;
  nextHref: string | null;
}) {
  const { t } = usePage();
  return (
    <StaffLayout place={props.place} title={`${t('surveys.moderation.title')} — ${props.surveyTitle}`} trail={[[t('surveys.title'), `/admin/c/${props.place.slug}/surveys`]]}>
      <p>{t('surveys.moderation.intro')}</p>
      <p class="lead">{t('surveys.moderation.pending', { count: props.pending })}</p>
      {props.items.length === 0 ? (
        <p class="muted">{t('surveys.moderation.nothing')}</p>
      ) : (
        <ul class="cards">
          {props.items.map((x) => (
            <li id={`a-${x.id}`}>
              <p class="muted">{x.question}</p>
              <blockquote dir="auto">{x.text}</blockquote>
              <PostButton action={`${props.base}/${x.id}/publish`} label={t('surveys.moderation.publish')} />{' '}
              <PostButton action={`${props.base}/${x.id}/hide`} label={t('surveys.moderation.hide')} danger />
            </li>
          ))}
        </ul>
      )}
      <Pager firstHref={props.firstHref} nextHref={props.nextHref} />
    </StaffLayout>
  );
}
