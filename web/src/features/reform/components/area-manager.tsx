import { useState } from 'react';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Drawer,
  Flex,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Popconfirm,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import type { ReformArea } from '@contracts/schemas/reform';
import { useIsMobile } from '@/hooks/use-is-mobile';
import { isApiError } from '@/lib/api-client';
import { useAreas, useSaveArea } from '../api/get-areas';

type Editing =
  | { kind: 'area'; area?: ReformArea }
  | { kind: 'item'; areaId: string; item?: ReformArea['items'][number] }
  | null;

type EditForm = { code?: string; name: string; sort?: number };

/** 改革领域与重点改革事项 (reform office): add, rename, reorder, delete the empty ones. */
export function AreaManager({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const areas = useAreas();
  const save = useSaveArea();
  const [editing, setEditing] = useState<Editing>(null);
  const [form] = Form.useForm<EditForm>();

  const errorText = (e: unknown) => (isApiError(e) || e instanceof Error ? e.message : String(e));
  const run = (p: Promise<unknown>) =>
    p.then(
      () => {
        void message.success(t('common.saved'));
        setEditing(null);
      },
      (e: unknown) => void message.error(errorText(e)),
    );

  const startEdit = (e: NonNullable<Editing>) => {
    setEditing(e);
    form.resetFields();
    if (e.kind === 'area' && e.area)
      form.setFieldsValue({ code: e.area.code ?? undefined, name: e.area.name, sort: e.area.sort });
    if (e.kind === 'item' && e.item)
      form.setFieldsValue({ code: e.item.code ?? undefined, name: e.item.title, sort: e.item.sort });
  };

  const submit = (v: EditForm) => {
    if (!editing) return;
    const code = v.code?.trim() || null;
    if (editing.kind === 'area') {
      void run(
        save.mutateAsync(
          editing.area
            ? {
                kind: 'updateArea',
                id: editing.area.id,
                input: { code, name: v.name, sort: v.sort, version: editing.area.version },
              }
            : { kind: 'createArea', input: { code, name: v.name, sort: v.sort } },
        ),
      );
    } else {
      void run(
        save.mutateAsync(
          editing.item
            ? {
                kind: 'updateItem',
                id: editing.item.id,
                input: { code, title: v.name, sort: v.sort, version: editing.item.version },
              }
            : { kind: 'createItem', input: { areaId: editing.areaId, code, title: v.name, sort: v.sort } },
        ),
      );
    }
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('reform.manageAreas')}
      width={isMobile ? '100%' : 560}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => startEdit({ kind: 'area' })}>
          {t('reform.addArea')}
        </Button>
      }
    >
      <List
        loading={areas.isLoading}
        dataSource={areas.data ?? []}
        renderItem={(a) => (
          <List.Item style={{ display: 'block' }}>
            <Flex justify="space-between" align="center" gap={8} wrap>
              <Typography.Text strong>
                {a.code ? `${a.code} · ` : ''}
                {a.name}（{a.taskCount}）
              </Typography.Text>
              <Flex gap={4}>
                {a.abilities.addItem ? (
                  <Button
                    size="small"
                    icon={<PlusOutlined />}
                    onClick={() => startEdit({ kind: 'item', areaId: a.id })}
                  >
                    {t('reform.addItem')}
                  </Button>
                ) : null}
                {a.abilities.update ? (
                  <Button
                    size="small"
                    icon={<EditOutlined />}
                    aria-label={t('common.edit')}
                    onClick={() => startEdit({ kind: 'area', area: a })}
                  />
                ) : null}
                {a.abilities.delete && a.taskCount === 0 ? (
                  <Popconfirm
                    title={t('reform.deleteConfirm')}
                    onConfirm={() => void run(save.mutateAsync({ kind: 'deleteArea', id: a.id }))}
                  >
                    <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
                  </Popconfirm>
                ) : null}
              </Flex>
            </Flex>
            <List
              size="small"
              dataSource={a.items}
              style={{ marginTop: 4, marginInlineStart: 12 }}
              renderItem={(i) => (
                <List.Item
                  actions={
                    a.abilities.update
                      ? [
                          <Button
                            key="e"
                            type="link"
                            size="small"
                            onClick={() => startEdit({ kind: 'item', areaId: a.id, item: i })}
                          >
                            {t('common.edit')}
                          </Button>,
                          ...(i.taskCount === 0
                            ? [
                                <Popconfirm
                                  key="d"
                                  title={t('reform.deleteConfirm')}
                                  onConfirm={() =>
                                    void run(save.mutateAsync({ kind: 'deleteItem', id: i.id }))
                                  }
                                >
                                  <Button type="link" size="small" danger>
                                    {t('common.delete')}
                                  </Button>
                                </Popconfirm>,
                              ]
                            : []),
                        ]
                      : []
                  }
                >
                  {i.code ? `${i.code} · ` : ''}
                  {i.title}（{i.taskCount}）
                </List.Item>
              )}
            />
          </List.Item>
        )}
      />
      <Modal
        open={editing !== null}
        title={editing?.kind === 'item' ? t('reform.item') : t('reform.area')}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        confirmLoading={save.isPending}
        destroyOnHidden
      >
        <Form<EditForm> form={form} layout="vertical" onFinish={submit}>
          <Form.Item name="code" label={t('reform.code')}>
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item
            name="name"
            label={t('reform.name')}
            rules={[{ required: true, message: t('reform.required') }]}
          >
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="sort" label={t('reform.sort')}>
            <InputNumber min={0} max={100000} style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </Modal>
    </Drawer>
  );
}
