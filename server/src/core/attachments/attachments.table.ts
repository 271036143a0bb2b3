import type { Selectable } from 'kysely';

export type AttachmentTable = {
  id: string;
  /** Content address: the file lives at DATA_DIR/attachments/<sha[0..2]>/<sha[2..4]>/<sha>. */
  sha256: string;
  size: number;
  mime: string;
  original_name: string;
  /** The record it belongs to ('project', 'problem', …) and its id; access follows that record. */
  entity: string;
  entity_id: string;
  /** What the document is (e.g. investment_agreement, construction_permit, photo); drives evidence rules. */
  doc_type: string;
  note: string | null;
  region_code: string | null;
  uploaded_by: string | null;
  uploaded_at: string;
};
export type AttachmentRow = Selectable<AttachmentTable>;
