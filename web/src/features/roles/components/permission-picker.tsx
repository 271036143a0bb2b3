import { useMemo } from 'react';
import { Checkbox, Col, Row, Typography, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import { PERMISSIONS, PERMISSION_LABELS, type Permission } from '@contracts/abilities';
import { pickLabel, translateOr } from '@/lib/i18n';

type Group = { resource: string; permissions: Permission[] };

/** Permissions grouped by resource (the part before ':'), in the order contracts/abilities.ts lists them. */
function groupPermissions(): Group[] {
  const groups: Group[] = [];
  for (const p of PERMISSIONS) {
    const resource = p.split(':')[0]!;
    let g = groups.find((x) => x.resource === resource);
    if (!g) {
      g = { resource, permissions: [] };
      groups.push(g);
    }
    g.permissions.push(p);
  }
  return groups;
}

/** A form control: grouped checkboxes with a select-all per group. */
export function PermissionPicker({
  value = [],
  onChange,
  disabled,
}: {
  value?: Permission[];
  onChange?: (v: Permission[]) => void;
  disabled?: boolean;
}) {
  const { i18n } = useTranslation();
  const { token } = theme.useToken();
  const groups = useMemo(groupPermissions, []);
  const selected = new Set(value);

  // Keep the contract's order whatever the click order was.
  const emit = (next: Set<Permission>) => onChange?.(PERMISSIONS.filter((p) => next.has(p)));

  return (
    <Row gutter={[12, 12]}>
      {groups.map((g) => {
        const count = g.permissions.filter((p) => selected.has(p)).length;
        return (
          <Col key={g.resource} xs={24} md={12}>
            <div
              style={{
                border: `1px solid ${token.colorBorderSecondary}`,
                borderRadius: token.borderRadius,
                padding: '8px 12px',
                height: '100%',
              }}
            >
              <Checkbox
                disabled={disabled}
                checked={count === g.permissions.length}
                indeterminate={count > 0 && count < g.permissions.length}
                onChange={(e) => {
                  const next = new Set(selected);
                  for (const p of g.permissions) {
                    if (e.target.checked) next.add(p);
                    else next.delete(p);
                  }
                  emit(next);
                }}
              >
                <Typography.Text strong>
                  {translateOr(`permissionGroups.${g.resource}`, g.resource)}
                </Typography.Text>
              </Checkbox>
              <div style={{ display: 'flex', flexDirection: 'column', gap: 4, margin: '6px 0 0 24px' }}>
                {g.permissions.map((p) => (
                  <Checkbox
                    key={p}
                    disabled={disabled}
                    checked={selected.has(p)}
                    onChange={(e) => {
                      const next = new Set(selected);
                      if (e.target.checked) next.add(p);
                      else next.delete(p);
                      emit(next);
                    }}
                  >
                    {pickLabel(PERMISSION_LABELS[p], i18n.language)}{' '}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {p}
                    </Typography.Text>
                  </Checkbox>
                ))}
              </div>
            </div>
          </Col>
        );
      })}
    </Row>
  );
}
