/**
 * File type from content, never from the name. Only document and image types an evidence file can be
 * (PDF, images, Office Open XML, legacy Office, OFD) are recognised; anything else is refused.
 */
export type Sniffed = { mime: string; ext: string } | null;

export const ALLOWED_TYPES = [
  'pdf',
  'png',
  'jpg',
  'gif',
  'webp',
  'docx',
  'xlsx',
  'pptx',
  'doc',
  'xls',
  'ofd',
] as const;

const startsWith = (b: Buffer, sig: number[], offset = 0) => sig.every((v, i) => b[offset + i] === v);

/** head: the first bytes of the file; tail: its last 64 KiB (the zip central directory lives there). */
export function sniff(head: Buffer, tail: Buffer, originalName = ''): Sniffed {
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return { mime: 'application/pdf', ext: 'pdf' };
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return { mime: 'image/png', ext: 'png' };
  if (startsWith(head, [0xff, 0xd8, 0xff])) return { mime: 'image/jpeg', ext: 'jpg' };
  if (startsWith(head, [0x47, 0x49, 0x46, 0x38])) return { mime: 'image/gif', ext: 'gif' };
  if (startsWith(head, [0x52, 0x49, 0x46, 0x46]) && startsWith(head, [0x57, 0x45, 0x42, 0x50], 8))
    return { mime: 'image/webp', ext: 'webp' };
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) {
    const dir = tail.toString('latin1');
    if (dir.includes('word/document.xml'))
      return { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ext: 'docx' };
    if (dir.includes('xl/workbook.xml'))
      return { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ext: 'xlsx' };
    if (dir.includes('ppt/presentation.xml'))
      return {
        mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
        ext: 'pptx',
      };
    if (dir.includes('OFD.xml')) return { mime: 'application/ofd', ext: 'ofd' };
    return null;
  }
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    // Legacy OLE container: Word or Excel; the name only picks between the two accepted kinds.
    return /\.xls$/i.test(originalName)
      ? { mime: 'application/vnd.ms-excel', ext: 'xls' }
      : { mime: 'application/msword', ext: 'doc' };
  }
  return null;
}
