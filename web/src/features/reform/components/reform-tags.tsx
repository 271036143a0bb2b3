import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  EXTENSION_STATUS_LABELS,
  MILESTONE_STATUS_LABELS,
  REFORM_STATUS_LABELS,
  REPORT_STATUS_LABELS,
  type ExtensionStatus,
  type MilestoneStatus,
  type ReformStatus,
  type ReportStatus,
} from '@contracts/schemas/reform';
import { pickLabel } from '@/lib/i18n';

const STATUS_COLOR: Record<ReformStatus, string> = {
  not_started: 'default',
  in_progress: 'processing',
  done_pending_verification: 'gold',
  closed: 'success',
  delayed: 'error',
  adjusted: 'purple',
};

/** 任务状态: 未启动 / 推进中 / 已完成（待核验）/ 已销号 / 滞后 / 调整. */
export function ReformStatusTag({ status }: { status: ReformStatus }) {
  const { i18n } = useTranslation();
  return (
    <Tag
      color={STATUS_COLOR[status]}
      data-testid="reform-status"
      data-status={status}
      style={{ marginInlineEnd: 0 }}
    >
      {pickLabel(REFORM_STATUS_LABELS[status], i18n.language)}
    </Tag>
  );
}

const MILESTONE_COLOR: Record<MilestoneStatus, string> = {
  pending: 'default',
  done_pending_verification: 'gold',
  closed: 'success',
};

export function MilestoneStatusTag({ status, overdue }: { status: MilestoneStatus; overdue?: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <Tag color={MILESTONE_COLOR[status]} data-testid="milestone-status" data-status={status}>
        {pickLabel(MILESTONE_STATUS_LABELS[status], i18n.language)}
      </Tag>
      {overdue ? <Tag color="error">{t('reform.overdue')}</Tag> : null}
    </>
  );
}

const REPORT_COLOR: Record<ReportStatus | 'missing', string> = {
  draft: 'default',
  submitted: 'processing',
  returned: 'error',
  resubmitted: 'cyan',
  accepted: 'success',
  missing: 'warning',
};

export function ReportStatusTag({ status }: { status: ReportStatus | 'missing' }) {
  const { t, i18n } = useTranslation();
  return (
    <Tag
      color={REPORT_COLOR[status]}
      data-testid="report-status"
      data-status={status}
      style={{ marginInlineEnd: 0 }}
    >
      {status === 'missing'
        ? t('reform.reportMissing')
        : pickLabel(REPORT_STATUS_LABELS[status], i18n.language)}
    </Tag>
  );
}

const EXTENSION_COLOR: Record<ExtensionStatus, string> = {
  pending: 'processing',
  approved: 'success',
  rejected: 'error',
};

export function ExtensionStatusTag({ status }: { status: ExtensionStatus }) {
  const { i18n } = useTranslation();
  return (
    <Tag color={EXTENSION_COLOR[status]}>{pickLabel(EXTENSION_STATUS_LABELS[status], i18n.language)}</Tag>
  );
}
