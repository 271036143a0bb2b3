import { Button, Result, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, isRouteErrorResponse, useRouteError } from 'react-router';
import { paths } from '@/config/paths';

export function FullPageLoading() {
  return (
    <div style={{ minHeight: '60vh', display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
      <Spin size="large" />
    </div>
  );
}

/** A centered spinner for a page section (lazy routes, first loads). */
export function SectionLoading() {
  return (
    <div style={{ padding: 48, display: 'flex', justifyContent: 'center' }}>
      <Spin />
    </div>
  );
}

export function LoadErrorPage({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <Result
      status="error"
      title={t('errors.loadFailed')}
      subTitle={error instanceof Error ? error.message : String(error)}
      extra={
        onRetry ? (
          <Button type="primary" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : null
      }
    />
  );
}

export function ForbiddenPage() {
  const { t } = useTranslation();
  return (
    <Result
      status="403"
      title={t('errors.forbiddenTitle')}
      subTitle={t('errors.forbidden')}
      extra={
        <Link to={paths.home}>
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
    />
  );
}

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title={t('errors.notFoundTitle')}
      subTitle={t('errors.notFound')}
      extra={
        <Link to={paths.home}>
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
    />
  );
}

const isChunkError = (e: unknown) =>
  e instanceof Error &&
  /dynamically imported module|Importing a module script failed|error loading dynamically imported/i.test(
    e.message,
  );

/** Route errorElement: a crash in a page, or a lazy chunk that no longer exists after an upgrade. */
export function RouteErrorPage() {
  const { t } = useTranslation();
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  const subTitle = isChunkError(error)
    ? t('errors.chunkFailed')
    : error instanceof Error
      ? error.message
      : isRouteErrorResponse(error)
        ? `${error.status} ${error.statusText}`
        : String(error);
  return (
    <Result
      status="error"
      title={t('errors.crashedTitle')}
      subTitle={subTitle}
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          {t('common.reload')}
        </Button>
      }
    />
  );
}
