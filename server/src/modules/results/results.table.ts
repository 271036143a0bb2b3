/** Tables of this capability; db/schema.ts merges them into the database type. */
export type ResultsTables = {};
