import type { LedgerImporter } from '../../core/excel/ledger';

/** Every importable ledger, loaded lazily by id (CLI `gongjian import <id> FILE`, the import routes). */
export const LEDGERS: Record<string, () => Promise<LedgerImporter<any>>> = {
  projects: async () => (await import('../projects/projects.excel')).ledger,
  enterprises: async () => (await import('../enterprises/enterprises.excel')).ledger,
  /** A published 高企认定名单 (recognition list with certificate numbers). */
  'hitech-list': async () => (await import('../enterprises/enterprises.excel')).hitechListLedger,
  'reform-tasks': async () => (await import('../reform/reform.excel')).ledger,
};
