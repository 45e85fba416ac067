/**
 * `items.id` is `Generated<BigId>`, a ColumnType inside a ColumnType, which Kysely's operand types
 * do not unwrap: `where('id', 'in', numbers)` fails to type-check although the SQL is right. This
 * cast is the one place that papers over it.
 */
export function asItemIds(ids: readonly number[]): never[] {
  return ids as never[];
}
