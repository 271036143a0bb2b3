import type { LedgerImporter } from '../../core/excel/ledger';

// Column map and upsert of this ledger (being implemented).
export const ledger: LedgerImporter<Record<string, unknown>> = {
  map: { id: 'reform-tasks', title: { zh: '', en: '' }, sheetName: { zh: '', en: '' }, columns: [], businessKey: () => null },
  importPermission: 'reform:manage',
  exportPermission: 'reform:read',
  upsert: async () => {
    throw new Error('not implemented yet');
  },
};
