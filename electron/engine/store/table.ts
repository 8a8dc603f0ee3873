import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';

const RECENT_LIMIT = 256;
/** Values of one column whose id lists are kept (threads and runs being looked at). */
const LISTS_LIMIT = 256;

/**
 * A table of JSON objects with a few lookup columns.
 *
 * Writes are held in memory and committed together by `flush` (the store batches them): a run changes
 * several objects per model event, and one transaction for all of them costs far less than one each.
 * Reads see held writes without committing them.
 *
 * Rows are only ever written by `put` from typed objects, so reads check just the `object` tag (a full
 * schema parse per row would dominate the cost of starting a run on a long thread); a row of the wrong
 * kind still fails loudly.
 */
export class JsonTable<T extends { id: string; object: string }> {
  readonly #tag: T['object'];
  readonly #columnNames: readonly string[];
  readonly #columns: (obj: T) => SQLInputValue[];
  readonly #upsert: StatementSync;
  readonly #get: StatementSync;
  readonly #remove: StatementSync;
  readonly #db: DatabaseSync;
  readonly #table: string;
  readonly #queries = new Map<string, StatementSync>();
  /** Objects written but not committed yet, in the order they were first written. */
  readonly #pending = new Map<string, T>();
  /** Recently written objects, so looking up the thread or run being worked on needs no query. */
  readonly #recent = new Map<string, T>();
  /**
   * Lookup column position → value → ids under it in insertion order, for the values listed so far.
   * Kept up to date by `put`, which is the only way rows get here (the store is the database's only writer).
   */
  readonly #lists = new Map<number, Map<SQLInputValue, Set<string>>>();

  /** `columns` returns the lookup column values in the order of `columnNames`. */
  constructor(db: DatabaseSync, table: string, tag: T['object'], columnNames: readonly string[], columns: (obj: T) => SQLInputValue[]) {
    this.#db = db;
    this.#table = table;
    this.#tag = tag;
    this.#columnNames = columnNames;
    this.#columns = columns;
    const names = ['id', ...columnNames, 'data'];
    // Only `status` ever changes among the lookup columns; leaving the others out spares their indexes.
    const updates = names
      .filter((n) => n === 'status' || n === 'data')
      .map((n) => `${n} = excluded.${n}`)
      .join(', ');
    // Positional parameters: binding by name costs more than the insert itself.
    this.#upsert = db.prepare(
      `INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')}) ON CONFLICT(id) DO UPDATE SET ${updates}`,
    );
    this.#get = db.prepare(`SELECT data FROM ${table} WHERE id = ?`);
    this.#remove = db.prepare(`DELETE FROM ${table} WHERE id = ?`);
  }

  /** Inserts or replaces the object at the next flush; its place in listings is where it was first inserted. */
  put(obj: T): void {
    this.#pending.set(obj.id, obj);
    // A listed value never changes (only `status` does, and it is not indexed), so a new id joins the
    // end of its list, where the next flush gives it the largest rowid; a known id stays where it is.
    if (this.#lists.size === 0) return;
    const values = this.#columns(obj);
    for (const [position, lists] of this.#lists) lists.get(values[position] ?? null)?.add(obj.id);
  }

  /** Declares that no row has this value in the column yet (the caller just made the value up), sparing a query when it is listed. */
  knownEmpty(column: string, value: SQLInputValue): void {
    const lists = this.#listsOf(column);
    if (lists.size >= LISTS_LIMIT) lists.clear();
    lists.set(value, new Set());
  }

  get pendingCount(): number {
    return this.#pending.size;
  }

  /** Writes the held objects; call inside a transaction. */
  flush(): void {
    for (const obj of this.#pending.values()) {
      this.#upsert.run(obj.id, ...this.#columns(obj), JSON.stringify(obj));
      // The oldest write goes first: clearing them all would send the next listing of a long thread
      // back to SQLite for every object in it.
      this.#recent.delete(obj.id);
      this.#recent.set(obj.id, obj);
      if (this.#recent.size > RECENT_LIMIT) this.#recent.delete(this.#recent.keys().next().value as string);
    }
    this.#pending.clear();
  }

  get(id: string): T | null {
    const held = this.#pending.get(id) ?? this.#recent.get(id);
    if (held) return held;
    const row = this.#get.get(id) as { data: string } | undefined;
    return row ? this.#parse(row.data) : null;
  }

  /** Objects whose lookup column equals the value, in insertion order (held writes included). */
  where(column: string, value: SQLInputValue): T[] {
    // `status` changes after insertion, so it keeps no id list; it is never listed on a hot path.
    if (column === 'status') return this.#queryWhere(column, value);
    const lists = this.#listsOf(column);
    // Starting a run lists its thread: the ids are known and the objects usually held in memory, so
    // neither a query nor reading JSON out of SQLite is needed; anything not held falls back to SQL.
    const ids = lists.get(value);
    if (ids) {
      const found: T[] = [];
      for (const id of ids) {
        const held = this.#pending.get(id) ?? this.#recent.get(id);
        if (!held) return this.#queryWhere(column, value);
        found.push(held);
      }
      return found;
    }
    const found = this.#queryWhere(column, value);
    if (lists.size >= LISTS_LIMIT) lists.clear();
    lists.set(value, new Set(found.map((o) => o.id)));
    return found;
  }

  /** Committed rows matching an SQL condition over the lookup columns (for maintenance at open). */
  committedWhere(condition: string, ...params: SQLInputValue[]): T[] {
    const rows = this.#query(`SELECT data FROM ${this.#table} WHERE ${condition} ORDER BY rowid`).all(...params) as { data: string }[];
    return rows.map((r) => this.#parse(r.data));
  }

  all(): T[] {
    const rows = this.#query(`SELECT id, data FROM ${this.#table} ORDER BY rowid`).all() as { id: string; data: string }[];
    const found = rows.map((r) => this.#pending.get(r.id) ?? this.#recent.get(r.id) ?? this.#parse(r.data));
    const stored = new Set(found.map((o) => o.id));
    return [...found, ...[...this.#pending.values()].filter((o) => !stored.has(o.id))];
  }

  remove(id: string): void {
    this.#lists.clear();
    this.#pending.delete(id);
    this.#recent.delete(id);
    this.#remove.run(id);
  }

  /** Deletes the objects whose lookup column equals the value (held ones too). */
  removeWhere(column: string, value: SQLInputValue): void {
    this.#lists.clear();
    for (const held of [this.#pending, this.#recent]) {
      for (const obj of [...held.values()]) if (this.#column(obj, column) === value) held.delete(obj.id);
    }
    this.#query(`DELETE FROM ${this.#table} WHERE ${column} = ?`).run(value);
  }

  #listsOf(column: string): Map<SQLInputValue, Set<string>> {
    const position = this.#columnNames.indexOf(column);
    let lists = this.#lists.get(position);
    if (!lists) {
      lists = new Map();
      this.#lists.set(position, lists);
    }
    return lists;
  }

  #queryWhere(column: string, value: SQLInputValue): T[] {
    const rows = this.#query(`SELECT id, data FROM ${this.#table} WHERE ${column} = ? ORDER BY rowid`).all(value) as { id: string; data: string }[];
    const found = rows.map((r) => this.#pending.get(r.id) ?? this.#recent.get(r.id) ?? this.#parse(r.data));
    const stored = new Set(found.map((o) => o.id));
    for (const obj of this.#pending.values()) if (!stored.has(obj.id) && this.#column(obj, column) === value) found.push(obj);
    return found;
  }

  #column(obj: T, column: string): SQLInputValue | undefined {
    return this.#columns(obj)[this.#columnNames.indexOf(column)];
  }

  #query(sql: string): StatementSync {
    let statement = this.#queries.get(sql);
    if (!statement) {
      statement = this.#db.prepare(sql);
      this.#queries.set(sql, statement);
    }
    return statement;
  }

  #parse(data: string): T {
    const value = JSON.parse(data) as T;
    if (value?.object !== this.#tag) throw new Error(`A row of ${this.#table} is not a ${this.#tag} object; the run database is damaged.`);
    return value;
  }
}
