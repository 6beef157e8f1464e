// Reads the whole database into a Snapshot: it changes only when a report is imported, and loads in linear time.
import type { Figure, Note, Period, Province, Snapshot, Source } from '../domain/types.ts';
import type { Db } from './client.ts';

/**
 * Rows read between two pauses of loadSnapshotInSlices: a few milliseconds of work each. Slicing pays: loading
 * 100,000 figures in one piece held the event loop 2.2–3.8 s on the shared machine, in slices at most 0.3–0.4 s (the
 * figures' sort), which is what a reload under load needs.
 */
const SLICE_ROWS = 2000;

type Row = Record<string, unknown>;
const str = (v: unknown) => v as string;
const strOrNull = (v: unknown) => (v ?? null) as string | null;
const num = (v: unknown) => v as number;

/**
 * One copy of each repeated string. SQLite hands out a new string for every value it returns, so 100,000 figures
 * would otherwise hold 100,000 copies each of the few source ids, period ids, measures and province codes they
 * share. Kept because it pays: at 100,000 figures the loaded snapshot holds 41 MB of heap with it and 56 MB
 * without, at no measurable cost in load time (bench/import.ts's database, heap after GC, three runs each).
 */
function interner(): (s: string) => string {
  const pool = new Map<string, string>();
  return (s) => {
    const known = pool.get(s);
    if (known !== undefined) return known;
    pool.set(s, s);
    return s;
  };
}

/**
 * The order the snapshot keeps figures and notes in (and the dataset version hashes): by report, by position in its
 * text, then by id, as SQLite's `ORDER BY source_id, quote_start, id` would give. Sorted here rather than by SQLite,
 * which sorts every row before it returns the first: over 100,000 figures that held the event loop for more than a
 * second in one step, where a reload must keep serving. Ids are ASCII slugs (src/schemas/report-dataset.ts), for
 * which JavaScript's string order is SQLite's byte order.
 */
function byPosition(a: Figure | Note, b: Figure | Note): number {
  if (a.sourceId !== b.sourceId) return a.sourceId < b.sourceId ? -1 : 1;
  if (a.quote.start !== b.quote.start) return a.quote.start - b.quote.start;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The loading itself, as steps: it yields every SLICE_ROWS rows so that a reload can let requests through. Each table
 * is read once, in plain SQL (one object per row, no query-builder mapping); a figure's provinces come in the same
 * ordered read as the figure (a join: its rows are adjacent), and a province's aliases are grouped by key in one
 * pass: linear in the size of the data, with nothing held on the side but the result.
 */
function* loadSteps(db: Db): Generator<void, Snapshot> {
  const c = db.$client;
  const intern = interner();
  const quoteOf = (r: Row, sourceId: string) => ({
    sourceId,
    text: str(r.quote_text),
    line: num(r.quote_line),
    start: num(r.quote_start),
    end: num(r.quote_end),
  });
  const aliasesOf = new Map<string, Province['aliases']>();
  for (const a of c
    .prepare('SELECT province_code, alias, language, kind FROM province_aliases')
    .all() as Row[]) {
    const list = aliasesOf.get(str(a.province_code)) ?? [];
    list.push({ alias: str(a.alias), language: intern(str(a.language)), kind: intern(str(a.kind)) });
    aliasesOf.set(str(a.province_code), list);
  }
  const provinces: Province[] = (c.prepare('SELECT * FROM provinces ORDER BY code').all() as Row[]).map(
    (p) => ({
      code: intern(str(p.code)),
      slug: str(p.slug),
      names: { en: str(p.name_en), fa: str(p.name_fa), ar: str(p.name_ar) },
      isoName: str(p.iso_name),
      aliases: aliasesOf.get(str(p.code)) ?? [],
    }),
  );
  const periods: Period[] = (c.prepare('SELECT * FROM periods ORDER BY sort_key, id').all() as Row[]).map(
    (p) => ({
      id: intern(str(p.id)),
      label: str(p.label_en),
      year: num(p.year),
      sortKey: str(p.sort_key),
      startsOn: strOrNull(p.starts_on),
      endsOn: strOrNull(p.ends_on),
    }),
  );
  const sources: Source[] = [];
  let n = 0;
  for (const s of c.prepare('SELECT * FROM sources ORDER BY id').iterate() as Iterable<Row>) {
    sources.push({
      id: intern(str(s.id)),
      title: { ar: strOrNull(s.title_ar), en: str(s.title_en) },
      publisher: { ar: strOrNull(s.publisher_ar), en: strOrNull(s.publisher_en) },
      dataOwner: { ar: strOrNull(s.data_owner_ar), en: strOrNull(s.data_owner_en) },
      periodId: intern(str(s.period_id)),
      periodWords: str(s.period_words),
      language: intern(str(s.language)),
      publishedOn: strOrNull(s.published_on),
      url: strOrNull(s.url),
      textSha256: str(s.text_sha256),
      text: str(s.text),
    });
    if (++n % (SLICE_ROWS / 10) === 0) yield;
  }
  const figures: Figure[] = [];
  let last: Figure | undefined;
  // In stored order (no sort: SQLite walks the table and, for each figure, the primary key of its provinces, which
  // keeps them in code order); sorted by position below.
  for (const f of c
    .prepare(
      `SELECT f.*, p.province_code FROM figures f LEFT JOIN figure_provinces p ON p.figure_id = f.id
       ORDER BY f.rowid, p.province_code`,
    )
    .iterate() as Iterable<Row>) {
    const province = f.province_code === null ? undefined : intern(str(f.province_code));
    if (last !== undefined && last.id === f.id) {
      // Another province of the figure just read.
      if (province !== undefined) last.provinces.push(province);
    } else {
      const sourceId = intern(str(f.source_id));
      last = {
        id: str(f.id),
        sourceId,
        periodId: intern(str(f.period_id)),
        provinces: province === undefined ? [] : [province],
        measure: intern(str(f.measure)) as Figure['measure'],
        comparator: intern(str(f.comparator)) as Figure['comparator'],
        value: num(f.value_usd ?? f.share_percent ?? f.rank),
        resolution: (f.resolution ?? null) as number | null,
        quote: quoteOf(f, sourceId),
        remark: strOrNull(f.remark),
      };
      figures.push(last);
    }
    if (++n % SLICE_ROWS === 0) yield;
  }
  figures.sort(byPosition);
  yield;
  const notes: Note[] = [];
  for (const r of c.prepare('SELECT * FROM notes ORDER BY rowid').iterate() as Iterable<Row>) {
    const sourceId = intern(str(r.source_id));
    notes.push({
      id: str(r.id),
      sourceId,
      periodId: intern(str(r.period_id)),
      province: intern(str(r.province_code)),
      topic: intern(str(r.topic)),
      summaryEn: str(r.summary_en),
      quote: quoteOf(r, sourceId),
    });
    if (++n % SLICE_ROWS === 0) yield;
  }
  notes.sort(byPosition);
  return { provinces, periods, sources, figures, notes };
}

/** Loads everything at once (at start, when nothing is being served yet). */
export function loadSnapshot(db: Db): Snapshot {
  const steps = loadSteps(db);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Loads everything in slices, letting the event loop serve requests between them (a reload under load). */
export async function loadSnapshotInSlices(db: Db): Promise<Snapshot> {
  const steps = loadSteps(db);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await new Promise((resolve) => setImmediate(resolve));
  }
}
