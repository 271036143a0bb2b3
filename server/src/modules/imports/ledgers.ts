import type { LedgerImporter } from '../../core/excel/ledger';

/** Every importable ledger, loaded lazily by id (CLI `gongjian import <id> FILE`, the import routes). */
export const LEDGERS: Record<string, () => Promise<LedgerImporter<any>>> = {
  projects: async () => (await import('../projects/projects.excel')).ledger,
  enterprises: async () => (await import('../enterprises/enterprises.excel')).ledger,
  'reform-tasks': async () => (await import('../reform/reform.excel')).ledger,
};
