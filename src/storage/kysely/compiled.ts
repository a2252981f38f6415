import type { Compilable, CompiledQuery, Kysely, QueryResult } from 'kysely';
import type { Database } from './schema.ts';

/** Where a named argument goes in a query compiled once. */
class Slot {
  readonly name: string;
  constructor(name: string) {
    this.name = name;
  }
}

/** A named argument of a compiled-once query: typed as the value it stands for. */
export type Arg<Args> = <K extends keyof Args & string>(name: K) => Args[K];

/**
 * A query of the sign-in path built and compiled once per dialect, then run with new arguments:
 * building and compiling a Kysely query costs more than SQLite takes to run it (about 80 µs
 * against 6–30 µs per statement on the bench machine; docs/performance.md). `build` must give the
 * same SQL whatever the arguments: each argument is a slot (`arg('name')`) that only takes the
 * place of a value, never decides the query's shape.
 */
export function compiledOnce<Args extends object, Row>(
  build: (db: Kysely<Database>, arg: Arg<Args>) => Compilable<Row>,
): (db: Kysely<Database>, args: Args) => Promise<QueryResult<Row>> {
  // Keyed by the dialect's adapter: a transaction shares its database's, SQLite and PostgreSQL differ.
  const compiled = new WeakMap<object, CompiledQuery<Row>>();
  const arg = ((name: string) => new Slot(name)) as unknown as Arg<Args>;
  return (db, args) => {
    const adapter = db.getExecutor().adapter;
    let query = compiled.get(adapter);
    if (!query) {
      query = build(db, arg).compile();
      compiled.set(adapter, query);
    }
    const values = args as Record<string, unknown>;
    const parameters = query.parameters.map((p) => (p instanceof Slot ? values[p.name] : p));
    return db.executeQuery<Row>({ ...query, parameters });
  };
}
