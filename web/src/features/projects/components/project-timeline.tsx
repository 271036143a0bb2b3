import { useState } from 'react';
import {
  CheckCircleFilled,
  ClockCircleOutlined,
  ExclamationCircleFilled,
  SafetyOutlined,
} from '@ant-design/icons';
import { App, Button, DatePicker, Flex, Modal, Tag, Timeline, Typography, theme } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { ProjectDetail } from '@contracts/schemas/projects';
import { useIsMobile } from '@/hooks/use-is-mobile';
import { isApiError } from '@/lib/api-client';
import { formatDate, formatDateTime } from '@/lib/format';
import { pickLabel } from '@/lib/i18n';
import { useUpdateProject } from '../api/save-project';
import { ConfirmMilestoneModal, requirementText, type TimelineEntry } from './confirm-milestone-modal';

/**
 * 节点: every milestone of the stage model with its planned and actual dates; delays in red, early in green.
 * Evidence-gated milestones say what they need and are confirmed through the evidence dialog; others take
 * an actual date directly.
 */
export function ProjectTimeline({ project }: { project: ProjectDetail }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { token } = theme.useToken();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const [confirming, setConfirming] = useState<TimelineEntry | null>(null);
  const [recording, setRecording] = useState<TimelineEntry | null>(null);
  const [actual, setActual] = useState<Dayjs | null>(dayjs());
  const update = useUpdateProject();
  const canConfirm = project.abilities.confirmMilestone ?? project.abilities.update ?? false;
  const canUpdate = project.abilities.update ?? false;

  const recordActual = () => {
    if (!recording || !actual) return;
    update.mutate(
      {
        id: project.id,
        input: {
          version: project.version,
          milestones: { [recording.key]: { actualOn: actual.format('YYYY-MM-DD') } },
        },
      },
      {
        onSuccess: () => {
          void message.success(t('common.saved'));
          setRecording(null);
        },
        onError: (e) => void message.error(isApiError(e) || e instanceof Error ? e.message : String(e)),
      },
    );
  };

  const items = project.milestones.map((m) => {
    const color =
      m.status === 'done'
        ? token.colorSuccess
        : m.status === 'overdue'
          ? token.colorError
          : token.colorTextQuaternary;
    const dot =
      m.status === 'done' ? (
        <CheckCircleFilled style={{ color, fontSize: 16 }} />
      ) : m.status === 'overdue' ? (
        <ExclamationCircleFilled style={{ color, fontSize: 16 }} />
      ) : (
        <ClockCircleOutlined style={{ color, fontSize: 16 }} />
      );
    const dev = m.deviationDays;
    return {
      key: m.key,
      dot,
      children: (
        <div data-testid={`milestone-${m.key}`} data-status={m.status} style={{ paddingBottom: 4 }}>
          <Flex gap={8} wrap align="center">
            <Typography.Text strong>{pickLabel(m.label, lang)}</Typography.Text>
            {m.status === 'overdue' ? <Tag color="error">{t('projects.timeline.overdue')}</Tag> : null}
            {dev !== null && dev > 0 ? (
              <Tag color="error">{t('projects.timeline.late', { count: dev })}</Tag>
            ) : null}
            {dev !== null && dev < 0 ? (
              <Tag color="success">{t('projects.timeline.early', { count: -dev })}</Tag>
            ) : null}
            {m.gated ? (
              <Tag icon={<SafetyOutlined />} color={m.actualOn ? 'default' : 'processing'}>
                {m.actualOn
                  ? t('projects.timeline.evidenced')
                  : t('projects.timeline.needs', {
                      docs: requirementText(m.requirements, lang, t('projects.timeline.or')),
                    })}
              </Tag>
            ) : null}
          </Flex>
          <Flex gap={isMobile ? 4 : 16} wrap style={{ marginTop: 2 }}>
            <Typography.Text type="secondary">
              {t('projects.timeline.planned')}：{formatDate(m.plannedOn)}
            </Typography.Text>
            <Typography.Text
              style={{
                color: m.actualOn
                  ? dev !== null && dev > 0
                    ? token.colorError
                    : undefined
                  : token.colorTextTertiary,
              }}
            >
              {t('projects.timeline.actual')}：{formatDate(m.actualOn)}
            </Typography.Text>
          </Flex>
          {m.confirmation ? (
            <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
              {t('projects.timeline.confirmedBy', {
                name: m.confirmation.confirmedByName ?? m.confirmation.confirmedBy,
                at: formatDateTime(m.confirmation.confirmedAt),
                count: m.confirmation.attachmentIds.length,
              })}
              {m.confirmation.note ? ` · ${m.confirmation.note}` : ''}
            </Typography.Text>
          ) : null}
          {!m.actualOn && !project.terminated ? (
            m.gated ? (
              canConfirm ? (
                <Button
                  size="small"
                  type="primary"
                  ghost
                  style={{ marginTop: 6 }}
                  onClick={() => setConfirming(m)}
                  data-testid={`confirm-${m.key}`}
                >
                  {t('projects.timeline.confirm')}
                </Button>
              ) : null
            ) : canUpdate ? (
              <Button
                size="small"
                type="link"
                style={{ marginTop: 2, paddingInline: 0 }}
                onClick={() => {
                  setActual(dayjs());
                  setRecording(m);
                }}
              >
                {t('projects.timeline.recordActual')}
              </Button>
            ) : null
          ) : null}
        </div>
      ),
    };
  });

  return (
    <>
      <Timeline items={items} style={{ paddingTop: 8 }} data-testid="project-timeline" />
      <ConfirmMilestoneModal project={project} milestone={confirming} onClose={() => setConfirming(null)} />
      <Modal
        open={recording !== null}
        title={
          recording ? t('projects.timeline.recordTitle', { name: pickLabel(recording.label, lang) }) : ''
        }
        onCancel={() => setRecording(null)}
        onOk={recordActual}
        okButtonProps={{ disabled: !actual, loading: update.isPending }}
        destroyOnHidden
      >
        <DatePicker
          value={actual}
          onChange={setActual}
          style={{ width: '100%' }}
          disabledDate={(d) => d.isAfter(dayjs(), 'day')}
        />
      </Modal>
    </>
  );
}
