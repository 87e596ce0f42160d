// The account pages of citizens and associations: sign up, log in, forgotten password, the
// account itself, deletion, and the privacy notice. Work without JavaScript.
import type { ComponentChildren } from 'preact';
import { Form, type FormState, PostButton, SelectField, TextField } from '../../../platform/ui/form.tsx';
import { Breadcrumbs, Layout, usePage } from '../../../platform/ui/page.tsx';
import { accountPath } from '../links.ts';
import { accountKinds, ageBands, genders } from '../schema.ts';
import { MySpace, type MySpaceView } from './my-space.tsx';

const localeNames: [string, string][] = [['ar', 'العربية'], ['fr', 'Français'], ['en', 'English']];

function AccountLayout(props: { title: string; signedIn: boolean; children: ComponentChildren; home?: boolean }) {
  const { t, locale } = usePage();
  const crumbs: [string, string?][] = [[t('accounts.nav.home'), `/${locale}/`]];
  if (props.home) crumbs.push([props.title]);
  else crumbs.push([t('accounts.account.title'), accountPath(locale)], [props.title]);
  return (
    <Layout title={props.title}>
      <Breadcrumbs items={crumbs} />
      <nav class="account-nav" aria-label={t('accounts.nav.label')}>
        <p>
          {props.signedIn ? (
            <>
              <a href={accountPath(locale)}>{t('accounts.account.title')}</a>{' '}
              <PostButton action={accountPath(locale, '/logout')} label={t('auth.logout')} />
            </>
          ) : (
            <>
              <a href={accountPath(locale, '/login')}>{t('accounts.login.title')}</a>
              {' · '}
              <a href={accountPath(locale, '/signup')}>{t('accounts.signup.title')}</a>
            </>
          )}
        </p>
      </nav>
      {props.children}
    </Layout>
  );
}

/** The privacy notice (law 09-08), on the sign-up page and on its own page. */
export function PrivacyNotice(props: { contact: string | null; level?: 1 | 2 }) {
  const { t } = usePage();
  const H = props.level === 1 ? 'h1' : 'h2';
  const sections = ['what', 'why', 'howLong', 'rights'] as const;
  return (
    <section class="notice privacy" aria-labelledby="privacy-title">
      <H id="privacy-title">{t('accounts.privacy.title')}</H>
      <p>{t('accounts.privacy.law')}</p>
      {sections.map((s) => (
        <>
          <p><strong>{t(`accounts.privacy.${s}Title`)}</strong></p>
          <p>{t(`accounts.privacy.${s}`)}</p>
        </>
      ))}
      <p><strong>{t('accounts.privacy.contactTitle')}</strong></p>
      <p>
        {props.contact ? t('accounts.privacy.contact', { contact: props.contact }) : t('accounts.privacy.contactCollectivity')}{' '}
        {t('accounts.privacy.cndp')}
      </p>
    </section>
  );
}

function ProfileFields(props: { showPersonFields: boolean }) {
  const { t } = usePage();
  return (
    <>
      <TextField name="display_name" label={t('accounts.fields.displayName')} hint={t('accounts.fields.displayNameHint')} autocomplete="name" />
      <fieldset>
        <legend>{t('accounts.fields.optional')}</legend>
        <p class="muted">{t('accounts.fields.optionalHint')}</p>
        {props.showPersonFields && (
          <>
            <SelectField
              name="gender"
              label={t('accounts.fields.gender')}
              blank={t('accounts.fields.preferNotToSay')}
              options={genders.map((g) => [g, t(`accounts.gender.${g}`)])}
            />
            <SelectField
              name="age_band"
              label={t('accounts.fields.ageBand')}
              blank={t('accounts.fields.preferNotToSay')}
              options={ageBands.map((a) => [a, t(`accounts.ageBand.${a}`)])}
            />
          </>
        )}
        <TextField name="neighbourhood" label={t('accounts.fields.neighbourhood')} hint={t('accounts.fields.neighbourhoodHint')} />
      </fieldset>
    </>
  );
}

/** `?next=` for links between the login and sign-up pages, so the person still comes back. */
const withNext = (next: unknown) => (typeof next === 'string' && next ? `?next=${encodeURIComponent(next)}` : '');

export function SignUpPage(props: { state: FormState; privacyContact: string | null; message?: string }) {
  const { t, locale } = usePage();
  const next = props.state.values.next;
  return (
    <AccountLayout title={t('accounts.signup.title')} signedIn={false} home>
      <h1>{t('accounts.signup.title')}</h1>
      <p>{t('accounts.signup.intro')}</p>
      {props.message && <p class="errors-summary" role="alert">{props.message}</p>}
      <Form action={accountPath(locale, '/signup')} state={props.state} submit={t('accounts.signup.submit')}>
        <input type="hidden" name="next" value={String(next ?? '')} />
        <SelectField name="kind" label={t('accounts.fields.kind')} options={accountKinds.map((k) => [k, t(`accounts.kind.${k}`)])} />
        <TextField name="email" label={t('auth.email')} type="email" autocomplete="email" />
        <TextField name="password" label={t('auth.password')} type="password" hint={t('accounts.fields.passwordHint')} autocomplete="new-password" />
        <ProfileFields showPersonFields />
        <p>
          {t('accounts.signup.privacySummary')} <a href="#privacy-title">{t('accounts.privacy.title')}</a>
        </p>
      </Form>
      <p><a href={accountPath(locale, `/login${withNext(next)}`)}>{t('accounts.signup.haveAccount')}</a></p>
      <PrivacyNotice contact={props.privacyContact} />
    </AccountLayout>
  );
}

export function CheckEmailPage() {
  const { t, locale } = usePage();
  return (
    <AccountLayout title={t('accounts.checkEmail.title')} signedIn={false}>
      <h1>{t('accounts.checkEmail.title')}</h1>
      <p>{t('accounts.checkEmail.text')}</p>
      <p>{t('accounts.checkEmail.spam')}</p>
      <p><a href={accountPath(locale, '/login')}>{t('accounts.login.title')}</a></p>
    </AccountLayout>
  );
}

export function LoginPage(props: { state: FormState; message?: string }) {
  const { t, locale } = usePage();
  return (
    <AccountLayout title={t('accounts.login.title')} signedIn={false}>
      <h1>{t('accounts.login.title')}</h1>
      {props.message && <p class="errors-summary" role="alert">{props.message}</p>}
      <Form action={accountPath(locale, '/login')} state={props.state} submit={t('auth.login')}>
        <input type="hidden" name="next" value={String(props.state.values.next ?? '')} />
        <TextField name="email" label={t('auth.email')} type="email" autocomplete="username" />
        <TextField name="password" label={t('auth.password')} type="password" autocomplete="current-password" />
      </Form>
      <p><a href={accountPath(locale, '/forgot-password')}>{t('accounts.login.forgot')}</a></p>
      <p><a href={accountPath(locale, `/signup${withNext(props.state.values.next)}`)}>{t('accounts.login.noAccount')}</a></p>
    </AccountLayout>
  );
}

export function ForgotPasswordPage(props: { state: FormState }) {
  const { t, locale } = usePage();
  return (
    <AccountLayout title={t('accounts.forgot.title')} signedIn={false}>
      <h1>{t('accounts.forgot.title')}</h1>
      <p>{t('accounts.forgot.intro')}</p>
      <Form action={accountPath(locale, '/forgot-password')} state={props.state} submit={t('accounts.forgot.submit')}>
        <TextField name="email" label={t('auth.email')} type="email" autocomplete="email" />
      </Form>
    </AccountLayout>
  );
}

export function ResetPasswordPage(props: { state: FormState; token: string }) {
  const { t, locale } = usePage();
  return (
    <AccountLayout title={t('accounts.reset.title')} signedIn={false}>
      <h1>{t('accounts.reset.title')}</h1>
      <p>{t('accounts.reset.intro')}</p>
      <Form action={accountPath(locale, '/reset-password')} state={props.state} submit={t('accounts.reset.submit')}>
        <input type="hidden" name="token" value={props.token} />
        <TextField name="password" label={t('accounts.fields.newPassword')} type="password" hint={t('accounts.fields.passwordHint')} autocomplete="new-password" />
      </Form>
    </AccountLayout>
  );
}

export function InvalidLinkPage(props: { purpose: 'verify' | 'reset'; signedIn: boolean }) {
  const { t, locale } = usePage();
  return (
    <AccountLayout title={t('accounts.invalidLink.title')} signedIn={props.signedIn}>
      <h1>{t('accounts.invalidLink.title')}</h1>
      <p>{t(`accounts.invalidLink.${props.purpose}`)}</p>
      <p>
        {props.purpose === 'reset' ? (
          <a href={accountPath(locale, '/forgot-password')}>{t('accounts.invalidLink.askReset')}</a>
        ) : (
          <a href={accountPath(locale, '/verify-email')}>{t('accounts.invalidLink.askVerify')}</a>
        )}
      </p>
    </AccountLayout>
  );
}

export function VerifyEmailPage(props: { email: string; verified: boolean; next: string | null }) {
  const { csrfToken } = usePage();
  const { t, locale } = usePage();
  return (
    <AccountLayout title={t('accounts.verifyEmail.title')} signedIn>
      <h1>{t('accounts.verifyEmail.title')}</h1>
      {props.verified ? (
        <p>{t('accounts.verifyEmail.already')}</p>
      ) : (
        <>
          <p>{t('accounts.verifyEmail.text', { email: props.email })}</p>
          <form method="post" action={accountPath(locale, '/verify-email')} class="inline">
            <input type="hidden" name="_csrf" value={csrfToken} />
            {props.next && <input type="hidden" name="next" value={props.next} />}
            <button type="submit">{t('accounts.verifyEmail.resend')}</button>
          </form>
        </>
      )}
    </AccountLayout>
  );
}

export interface AccountView {
  email: string;
  kind: 'person' | 'association';
  verified: boolean;
  memberSince: string;
}

export function AccountPage(props: { account: AccountView; state: FormState; mySpace: MySpaceView }) {
  const { t, locale } = usePage();
  const a = props.account;
  return (
    <AccountLayout title={t('accounts.mySpace.title')} signedIn home>
      <h1>{t('accounts.mySpace.title')}</h1>
      <MySpace view={props.mySpace} />
      <h2>{t('accounts.account.details')}</h2>
      <dl class="facts">
        <dt>{t('auth.email')}</dt>
        <dd dir="ltr">{a.email}</dd>
        <dt>{t('accounts.fields.kind')}</dt>
        <dd>{t(`accounts.kind.${a.kind}`)}</dd>
        <dt>{t('accounts.account.memberSince')}</dt>
        <dd>{a.memberSince}</dd>
      </dl>
      {a.verified ? (
        <p>{t('accounts.account.verified')}</p>
      ) : (
        <div class="notice">
          <p>{t('accounts.account.notVerified')}</p>
          <PostButton action={accountPath(locale, '/verify-email')} label={t('accounts.verifyEmail.resend')} />
        </div>
      )}
      <h2>{t('accounts.account.profile')}</h2>
      <Form action={accountPath(locale, '/profile')} state={props.state} submit={t('accounts.account.save')}>
        <ProfileFields showPersonFields={a.kind === 'person'} />
        <SelectField name="locale" label={t('accounts.fields.locale')} options={localeNames} />
      </Form>
      <h2>{t('accounts.account.yourData')}</h2>
      <p>{t('accounts.account.downloadHint')}</p>
      <p><a href={accountPath(locale, '/export')} download>{t('accounts.account.download')}</a></p>
      <p><a href={accountPath(locale, '/privacy')}>{t('accounts.privacy.title')}</a></p>
      <h2>{t('accounts.delete.title')}</h2>
      <p>{t('accounts.account.deleteHint')}</p>
      <p><a href={accountPath(locale, '/delete')}>{t('accounts.delete.title')}</a></p>
    </AccountLayout>
  );
}

export function DeleteAccountPage(props: { state: FormState; message?: string }) {
  const { t, locale } = usePage();
  return (
    <AccountLayout title={t('accounts.delete.title')} signedIn>
      <h1>{t('accounts.delete.title')}</h1>
      <p>{t('accounts.delete.intro')}</p>
      <ul>
        <li>{t('accounts.delete.erased')}</li>
        <li>{t('accounts.delete.kept')}</li>
        <li>{t('accounts.delete.final')}</li>
      </ul>
      <p><a href={accountPath(locale, '/export')} download>{t('accounts.delete.downloadFirst')}</a></p>
      {props.message && <p class="errors-summary" role="alert">{props.message}</p>}
      <Form action={accountPath(locale, '/delete')} state={props.state} submit={t('accounts.delete.submit')}>
        <TextField name="password" label={t('accounts.fields.currentPassword')} type="password" autocomplete="current-password" />
      </Form>
    </AccountLayout>
  );
}

export function PrivacyPage(props: { contact: string | null; signedIn: boolean }) {
  const { t } = usePage();
  return (
    <AccountLayout title={t('accounts.privacy.title')} signedIn={props.signedIn}>
      <PrivacyNotice contact={props.contact} level={1} />
    </AccountLayout>
  );
}
