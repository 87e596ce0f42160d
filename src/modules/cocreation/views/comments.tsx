// Comments under a proposal (with the moderation placeholder), and the small forms to comment,
// to report a comment, and to moderate.
import { Form, type FormState, TextField } from '../../../platform/ui/form.tsx';
import { Breadcrumbs, Layout, usePage } from '../../../platform/ui/page.tsx';
import type { Place } from './public.tsx';
import { Pager } from '../../../platform/ui/parts.tsx';

export interface CommentView {
  id: number;
  author: string;
  date: string;
  iso: string;
  body: string | null;
  lang: string;
  hiddenReason: string | null;
  reportHref: string;
}

/** A page of a proposal's comments, oldest first; `count` is of them all. */
export function Comments(props: { comments: CommentView[]; count: number; pager: { firstHref: string | null; nextHref: string | null }; commentHref: string }) {
  const { t } = usePage();
  return (
    <section aria-labelledby="comments">
      <h2 id="comments">{t('cocreation.comments.title', { n: props.count })}</h2>
      <ol class="history">
        {props.comments.map((c) => (
          <li id={`comment-${c.id}`}>
            <p class="muted">{c.author} · <time datetime={c.iso}>{c.date}</time></p>
            {c.hiddenReason !== null ? (
              <p class="notice">{t('cocreation.comments.hidden', { reason: c.hiddenReason })}</p>
            ) : (
              <>
                <p lang={c.lang} class="body">{c.body}</p>
                <p><small><a href={c.reportHref}>{t('cocreation.comments.report')}</a></small></p>
              </>
            )}
          </li>
        ))}
      </ol>
      <Pager {...props.pager} />
      <p><a class="button" href={props.commentHref}>{t('cocreation.comments.add')}</a></p>
    </section>
  );
}

/** A page with one text field: to comment, to report a comment, or to hide one. */
export function TextFormPage(props: {
  place: Place;
  title: string;
  context: { title: string; lang: string; href: string };
  quote?: { body: string; lang: string };
  action: string;
  state: FormState;
  field: string;
  label: string;
  submit: string;
}) {
  const { t, locale } = usePage();
  return (
    <Layout title={props.title}>
      <Breadcrumbs items={[[t('programme.network'), `/${locale}/`], [props.place.name.text, props.place.href], [t('cocreation.proposalsTitle'), `${props.place.href}/proposals`], [props.title]]} />
      <h1>{props.title}</h1>
      <p><a href={props.context.href} lang={props.context.lang}>{props.context.title}</a></p>
      {props.quote && <blockquote lang={props.quote.lang} class="body">{props.quote.body}</blockquote>}
      {props.state.errors._ && <p class="errors-summary" role="alert">{t(props.state.errors._.key, props.state.errors._.values)}</p>}
      <Form action={props.action} state={props.state} submit={props.submit}>
        <TextField name={props.field} label={props.label} multiline />
      </Form>
    </Layout>
  );
}

export function ModerationPage(props: {
  place: Place;
  items: { id: number; proposal: { title: string; lang: string; href: string }; body: string; lang: string; reports: number; reasons: string[]; hidden: string | null; hideHref: string; restoreAction: string }[];
  pager: { firstHref: string | null; nextHref: string | null };
}) {
  const { t, csrfToken } = usePage();
  return (
    <Layout title={t('cocreation.comments.moderation')}>
      <Breadcrumbs items={[[t('programme.admin.dashboard'), '/admin'], [props.place.name.text, props.place.href], [t('cocreation.comments.moderation')]]} />
      <h1>{t('cocreation.comments.moderation')}</h1>
      {props.items.length === 0 && <p>{t('cocreation.comments.nothingToModerate')}</p>}
      <ol class="history">
        {props.items.map((c) => (
          <li>
            <p><a href={c.proposal.href} lang={c.proposal.lang}>{c.proposal.title}</a> · {t('cocreation.comments.reports', { n: c.reports })}</p>
            <blockquote lang={c.lang} class="body">{c.body}</blockquote>
            {c.reasons.length > 0 && <ul>{c.reasons.map((r) => <li>{r}</li>)}</ul>}
            {c.hidden !== null ? (
              <form method="post" action={c.restoreAction} class="inline">
                <input type="hidden" name="_csrf" value={csrfToken} />
                <span class="muted">{t('cocreation.comments.hidden', { reason: c.hidden })}</span>{' '}
                <button type="submit">{t('cocreation.comments.restore')}</button>
              </form>
            ) : (
              <a class="button" href={c.hideHref}>{t('cocreation.comments.hide')}</a>
            )}
          </li>
        ))}
      </ol>
      <Pager {...props.pager} />
    </Layout>
  );
}
