/** Tables of this capability; db/schema.ts merges them into the database type. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export type MeetingsTables = {};
