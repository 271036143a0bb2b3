import type { TablePaginationConfig } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useIsMobile } from '@/hooks/use-is-mobile';

type Update = (patch: Record<string, string | number | undefined>, keepPage?: boolean) => void;

/**
 * The server-side sort and pagination of a ledger list (projects, enterprises, reform tasks): a column's sort becomes
 * `sort=key|-key` in the URL (only for the keys the API sorts by), and a change of sort or page size goes back to
 * page 1. Returns the Table's `onChange` and `pagination`.
 */
export function listTableControls<T>(o: {
  sortable: readonly string[];
  page: number;
  pageSize: number;
  /** The `sort` now in the URL. */
  currentSort: string | null;
  total: number;
  isMobile: boolean;
  update: Update;
  totalText: (count: number) => string;
}) {
  const onChange = (
    pagination: TablePaginationConfig,
    _filters: unknown,
    sorter: SorterResult<T> | SorterResult<T>[],
  ) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const key = s?.columnKey as string | undefined;
    const sort =
      s?.order && key && o.sortable.includes(key) ? `${s.order === 'descend' ? '-' : ''}${key}` : undefined;
    const pageSize = pagination.pageSize ?? o.pageSize;
    o.update(
      {
        sort,
        page: pageSize === o.pageSize && (sort ?? null) === o.currentSort ? pagination.current : 1,
        pageSize,
      },
      true,
    );
  };
  const pagination: TablePaginationConfig = {
    current: o.page,
    pageSize: o.pageSize,
    total: o.total,
    showSizeChanger: !o.isMobile,
    pageSizeOptions: [20, 50, 100, 200],
    size: o.isMobile ? 'small' : 'default',
    showTotal: o.isMobile ? undefined : (total) => o.totalText(total),
  };
  return { onChange, pagination };
}

/**
 * The URL state of a ledger list: page, page size and sort read from the search string (`defaultSort` when none),
 * `update` to change filters (back to page 1 unless `keepPage`), `sortOrder` for a column, and `tableProps` for the
 * Table once the total is known.
 */
export function useListSearch(defaultSort?: string) {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const [search, setSearch] = useSearchParams();
  const page = Number(search.get('page') ?? 1) || 1;
  const pageSize = Number(search.get('pageSize') ?? 20) || 20;
  const sort = search.get('sort') ?? defaultSort;
  const update: Update = (patch, keepPage = false) => {
    const next = new URLSearchParams(search);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    if (!keepPage) next.delete('page');
    setSearch(next, { replace: true });
  };
  const sortOrder = (field: string) =>
    sort === field ? ('ascend' as const) : sort === `-${field}` ? ('descend' as const) : null;
  const tableProps = <T>(sortable: readonly string[], total: number) =>
    listTableControls<T>({
      sortable,
      page,
      pageSize,
      currentSort: search.get('sort'),
      total,
      isMobile,
      update,
      totalText: (count) => t('common.total', { count }),
    });
  return { search, setSearch, page, pageSize, sort, update, sortOrder, tableProps };
}
