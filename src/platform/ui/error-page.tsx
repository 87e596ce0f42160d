import { Layout, usePage } from './page.tsx';

export function ErrorPage(props: { status: number; code?: string }) {
  const { t, locale, area } = usePage();
  const [title, text] =
    props.status === 404
      ? [t('errors.notFoundTitle'), t('errors.notFoundText')]
      : props.status === 403 && props.code === 'csrf'
        ? [t('errors.forbiddenTitle'), t('errors.csrfText')]
        : props.status === 403
          ? [t('errors.forbiddenTitle'), t('errors.forbiddenText')]
          : props.status < 500
            ? [t('errors.badRequestTitle'), t('errors.notFoundText')]
            : [t('errors.serverTitle'), t('errors.serverText')];
  return (
    <Layout title={title}>
      <h1>{title}</h1>
      <p>{text}</p>
      <p><a href={area === 'admin' ? '/admin' : `/${locale}/`}>{t('errors.backHome')}</a></p>
    </Layout>
  );
}
