import { useEffect, useState } from 'react';
import { DownloadOutlined, FileExcelOutlined, InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Descriptions,
  Flex,
  Modal,
  Progress,
  Result,
  Steps,
  Table,
  Typography,
  Upload,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { useIsMobile } from '@/hooks/use-is-mobile';
import { isApiError } from '@/lib/api-client';
import {
  downloadAnnotated,
  downloadTemplate,
  importRunQueryOptions,
  isFinished,
  progressPercent,
  useImportRun,
  useStartImport,
  type ImportError,
  type ImportRun,
} from '@/lib/imports';

const errorText = (e: unknown) => (isApiError(e) || e instanceof Error ? e.message : String(e));

function RunProgress({ run }: { run: ImportRun | undefined }) {
  const { t } = useTranslation();
  if (!run || isFinished(run)) return null;
  return (
    <Flex vertical gap={4} data-testid="import-progress">
      <Typography.Text type="secondary">{t('imports.running')}</Typography.Text>
      <Progress percent={progressPercent(run)} status="active" />
    </Flex>
  );
}

function ErrorTable({ errors }: { errors: ImportError[] }) {
  const { t } = useTranslation();
  return (
    <Table<ImportError & { key: number }>
      data-testid="import-errors"
      size="small"
      rowKey="key"
      dataSource={errors.map((e, i) => ({ ...e, key: i }))}
      pagination={errors.length > 10 ? { pageSize: 10, size: 'small', showSizeChanger: false } : false}
      tableLayout="fixed"
      columns={[
        { title: t('imports.row'), dataIndex: 'row', width: 56, render: (r: number) => (r > 0 ? r : '—') },
        {
          title: t('imports.column'),
          dataIndex: 'column',
          width: '28%',
          render: (c: string) => <span style={{ wordBreak: 'break-word' }}>{c || '—'}</span>,
        },
        {
          title: t('imports.message'),
          dataIndex: 'message',
          render: (m: string) => <span style={{ whiteSpace: 'normal', wordBreak: 'break-word' }}>{m}</span>,
        },
      ]}
    />
  );
}

function Counts({ run }: { run: ImportRun }) {
  const { t } = useTranslation();
  return (
    <Descriptions
      size="small"
      column={{ xs: 2, sm: 4 }}
      bordered
      data-testid="import-counts"
      items={[
        { key: 'rows', label: t('imports.rows'), children: run.rows },
        { key: 'created', label: t('imports.created'), children: run.created },
        { key: 'updated', label: t('imports.updated'), children: run.updated },
        { key: 'skipped', label: t('imports.skipped'), children: run.skipped },
      ]}
    />
  );
}

/**
 * 导入向导 for any ledger the server registers (projects, enterprises, reform-tasks): ① template and file →
 * ② dry run with progress and every error by row and column, plus the user's own workbook with the errors as
 * cell comments → ③ commit, enabled only when the dry run is clean (all or nothing).
 */
export function ImportWizard({
  ledger,
  title,
  open,
  onClose,
  onImported,
}: {
  ledger: string;
  title: string;
  open: boolean;
  onClose: () => void;
  /** Called after a commit that wrote the rows (refresh the list). */
  onImported?: (run: ImportRun) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const queryClient = useQueryClient();
  const start = useStartImport();
  const [file, setFile] = useState<File | null>(null);
  const [dryRunId, setDryRunId] = useState<string | null>(null);
  const [commitId, setCommitId] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const dry = useImportRun(dryRunId);
  const commit = useImportRun(commitId);

  const reset = () => {
    setFile(null);
    setDryRunId(null);
    setCommitId(null);
    setFailure(null);
  };
  const close = () => {
    reset();
    onClose();
  };

  const run = async (dryRun: boolean) => {
    if (!file) return;
    setFailure(null);
    try {
      const r = await start.mutateAsync({ ledger, file, dryRun });
      queryClient.setQueryData(importRunQueryOptions(r.id).queryKey, r);
      if (dryRun) {
        setCommitId(null);
        setDryRunId(r.id);
      } else {
        setCommitId(r.id);
      }
    } catch (e) {
      setFailure(errorText(e));
    }
  };

  const dryRun = dry.data;
  const dryDone = isFinished(dryRun);
  const dryErrors = dryRun?.errors ?? [];
  const dryClean = dryDone && dryRun?.status === 'dry_run' && dryRun.errorCount === 0;
  const committed = commit.data;
  const commitDone = isFinished(committed);
  const committedOk = commitDone && committed?.status === 'succeeded';
  // Tell the page once per successful commit.
  const [notified, setNotified] = useState<string | null>(null);
  useEffect(() => {
    if (committedOk && committed && notified !== committed.id) {
      setNotified(committed.id);
      onImported?.(committed);
    }
  }, [committedOk, committed, notified, onImported]);

  const step = commitId ? 2 : dryRunId ? 1 : 0;
  const annotated = (r: ImportRun) =>
    void downloadAnnotated(r.id, file ? file.name.replace(/\.xlsx$/i, '') + '-errors.xlsx' : undefined).catch(
      (e: unknown) => void message.error(errorText(e)),
    );

  return (
    <Modal
      open={open}
      title={title}
      onCancel={close}
      width={isMobile ? '100%' : 860}
      style={isMobile ? { top: 0, maxWidth: '100vw', paddingBottom: 0 } : undefined}
      destroyOnHidden
      maskClosable={false}
      footer={
        <Flex gap={8} justify="flex-end" wrap>
          {step > 0 ? <Button onClick={reset}>{t('imports.restart')}</Button> : null}
          <Button onClick={close}>{t('common.close')}</Button>
          {step === 0 ? (
            <Button
              type="primary"
              disabled={!file}
              loading={start.isPending}
              onClick={() => void run(true)}
              data-testid="import-dry-run"
            >
              {t('imports.dryRun')}
            </Button>
          ) : null}
          {step === 1 ? (
            <Button
              type="primary"
              disabled={!dryClean}
              loading={start.isPending}
              onClick={() => void run(false)}
              data-testid="import-commit"
            >
              {t('imports.commit')}
            </Button>
          ) : null}
        </Flex>
      }
    >
      <Steps
        size="small"
        current={step}
        direction="horizontal"
        responsive={false}
        style={{ marginBottom: 16 }}
        items={[
          { title: t('imports.stepFile') },
          { title: t('imports.stepCheck') },
          { title: t('imports.stepCommit') },
        ]}
      />
      {failure ? <Alert type="error" showIcon message={failure} style={{ marginBottom: 12 }} /> : null}

      {step === 0 ? (
        <Flex vertical gap={12}>
          <Alert type="info" showIcon message={t('imports.hint')} />
          <div>
            <Button
              icon={<DownloadOutlined />}
              onClick={() =>
                void downloadTemplate(ledger).catch((e: unknown) => void message.error(errorText(e)))
              }
              data-testid="import-template"
            >
              {t('imports.template')}
            </Button>
          </div>
          <Upload.Dragger
            accept=".xlsx"
            multiple={false}
            showUploadList={false}
            beforeUpload={(f) => {
              setFile(f);
              return false;
            }}
            data-testid="import-file"
          >
            <p className="ant-upload-drag-icon">{file ? <FileExcelOutlined /> : <InboxOutlined />}</p>
            <p className="ant-upload-text">{file ? file.name : t('imports.chooseFile')}</p>
            <p className="ant-upload-hint">{t('imports.fileHint')}</p>
          </Upload.Dragger>
        </Flex>
      ) : null}

      {step === 1 ? (
        <Flex vertical gap={12}>
          <RunProgress run={dryRun} />
          {dryDone && dryRun ? (
            <>
              <Counts run={dryRun} />
              {dryErrors.length || dryRun.errorCount ? (
                <>
                  <Alert
                    type="error"
                    showIcon
                    data-testid="import-has-errors"
                    message={t('imports.errorsFound', { count: dryRun.errorCount })}
                    description={t('imports.allOrNothing')}
                  />
                  {dryRun.annotatedUrl ? (
                    <div>
                      <Button
                        type="primary"
                        ghost
                        icon={<DownloadOutlined />}
                        onClick={() => annotated(dryRun)}
                        data-testid="import-annotated"
                      >
                        {t('imports.annotated')}
                      </Button>
                    </div>
                  ) : null}
                  <ErrorTable errors={dryErrors} />
                </>
              ) : dryRun.status === 'failed' ? (
                <Alert type="error" showIcon message={t('imports.failed')} />
              ) : (
                <Alert type="success" showIcon message={t('imports.clean', { count: dryRun.rows })} />
              )}
            </>
          ) : null}
        </Flex>
      ) : null}

      {step === 2 ? (
        <Flex vertical gap={12}>
          <RunProgress run={committed} />
          {commitDone && committed ? (
            committed.status === 'succeeded' ? (
              <Result
                status="success"
                title={t('imports.done')}
                subTitle={t('imports.doneDetail', {
                  created: committed.created,
                  updated: committed.updated,
                  skipped: committed.skipped,
                })}
                extra={<Counts run={committed} />}
              />
            ) : (
              <>
                <Alert
                  type="error"
                  showIcon
                  message={t('imports.commitFailed')}
                  description={t('imports.allOrNothing')}
                  action={
                    committed.annotatedUrl ? (
                      <Button icon={<DownloadOutlined />} onClick={() => annotated(committed)}>
                        {t('imports.annotated')}
                      </Button>
                    ) : null
                  }
                />
                <ErrorTable errors={committed.errors} />
              </>
            )
          ) : null}
        </Flex>
      ) : null}
    </Modal>
  );
}
