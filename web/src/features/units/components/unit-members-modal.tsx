import { useEffect, useMemo, useState } from 'react';
import { DeleteOutlined } from '@ant-design/icons';
import { Alert, App, Button, Input, Modal, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { Unit } from '@contracts/schemas/org';
import { UserSelect } from '@/components/user-select';
import { useIsMobile } from '@/hooks/use-is-mobile';
import { useUnitMembers, type TaskForceMember } from '../api/get-unit-members';
import { useUpdateUnitMembers } from '../api/update-unit-members';

/**
 * Members of one task force (专班): view, and for editors add / remove users and set their role.
 * Mount it with key={unit.id} so each unit starts from a clean state.
 */
export function UnitMembersModal({ unit, onClose }: { unit: Unit | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const members = useUnitMembers(unit?.id ?? null);
  const save = useUpdateUnitMembers();
  const [rows, setRows] = useState<TaskForceMember[]>([]);
  const [dirty, setDirty] = useState(false);
  // Remounts the add-member picker after each pick so it is empty again.
  const [pickerKey, setPickerKey] = useState(0);
  const editable = Boolean(unit && (unit.abilities.manageMembers ?? unit.abilities.update));

  useEffect(() => {
    if (members.data && !dirty) setRows(members.data);
  }, [members.data, dirty]);

  const memberIds = useMemo(() => new Set(rows.map((r) => r.userId)), [rows]);

  const change = (next: TaskForceMember[]) => {
    setRows(next);
    setDirty(true);
  };

  const submit = () => {
    if (!unit) return;
    save.mutate(
      {
        unitId: unit.id,
        input: { members: rows.map((r) => ({ userId: r.userId, role: r.role?.trim() || null })) },
      },
      {
        onSuccess: () => {
          void message.success(t('units.membersSaved'));
          setDirty(false);
          onClose();
        },
      },
    );
  };

  const columns: ColumnsType<TaskForceMember> = [
    {
      title: t('units.memberName'),
      dataIndex: 'displayName',
      render: (v: string, r) => (
        <span>
          {v} <Typography.Text type="secondary">（{r.username}）</Typography.Text>
        </span>
      ),
    },
    { title: t('units.memberUnit'), dataIndex: 'unitName', render: (v: string | null) => v ?? '—' },
    {
      title: t('units.memberRole'),
      dataIndex: 'role',
      render: (v: string | null, r) =>
        editable ? (
          <Input
            size="small"
            value={v ?? ''}
            maxLength={32}
            placeholder={t('units.memberRolePlaceholder')}
            onChange={(e) =>
              change(rows.map((x) => (x.userId === r.userId ? { ...x, role: e.target.value } : x)))
            }
            style={{ minWidth: 140 }}
          />
        ) : (
          (v ?? '—')
        ),
    },
    ...(editable
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, r: TaskForceMember) => (
              <Button
                type="text"
                danger
                size="small"
                icon={<DeleteOutlined />}
                aria-label={t('units.remove')}
                onClick={() => change(rows.filter((x) => x.userId !== r.userId))}
              />
            ),
          },
        ]
      : []),
  ];

  return (
    <Modal
      open={unit !== null}
      title={unit ? t('units.membersTitle', { name: unit.name }) : ''}
      onCancel={onClose}
      width={isMobile ? '100%' : 760}
      destroyOnHidden
      footer={
        editable ? (
          <Space>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="primary" loading={save.isPending} disabled={!dirty} onClick={submit}>
              {t('common.save')}
            </Button>
          </Space>
        ) : (
          <Button onClick={onClose}>{t('common.close')}</Button>
        )
      }
    >
      {editable ? (
        <div style={{ marginBottom: 12 }}>
          <UserSelect
            key={pickerKey}
            placeholder={`${t('units.addMember')}：${t('units.searchUsers')}`}
            exclude={memberIds}
            style={{ width: '100%' }}
            onChange={(_, user) => {
              if (!user || memberIds.has(user.id)) return;
              setPickerKey((k) => k + 1);
              change([
                ...rows,
                {
                  userId: user.id,
                  username: user.username,
                  displayName: user.displayName,
                  unitName: user.unitName,
                  role: null,
                },
              ]);
            }}
          />
        </div>
      ) : null}
      {members.error ? (
        <Alert type="error" showIcon message={members.error.message} style={{ marginBottom: 12 }} />
      ) : null}
      {save.error ? (
        <Alert type="error" showIcon message={save.error.message} style={{ marginBottom: 12 }} />
      ) : null}
      <Table<TaskForceMember>
        rowKey="userId"
        size="small"
        columns={columns}
        dataSource={rows}
        loading={members.isLoading}
        pagination={false}
        scroll={{ x: 'max-content', y: 420 }}
        locale={{ emptyText: t('units.noMembers') }}
      />
    </Modal>
  );
}
