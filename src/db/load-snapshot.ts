// Reads the whole database into a Snapshot: it changes only when a report is imported, and loads in linear time.
import type { Figure, Note, Period, Province, Snapshot, Source } from '../domain/types.ts';
import type { Db } from './client.ts';

/** Rows read between two pauses of loadSnapshotInSlices: a few milliseconds of work each. */
const SLICE_ROWS = 2000;

type Row = Record<string, unknown>;
const str = (v: unknown) => v as string;
const strOrNull = (v: unknown) => (v ?? null) as string | null;
const num = (v: unknown) => v as number;

const quoteOf = (r: Row) => ({
  sourceId: str(r.source_id),
  text: str(r.quote_text),
  line: num(r.quote_line),
  start: num(r.quote_start),
  end: num(r.quote_end),
});

/**
 * The loading itself, as steps: it yields every SLICE_ROWS rows so that a reload can let requests through. Each table
 * is read once, in plain SQL (one object per row, no query-builder mapping), and a figure's provinces and a province's
 * aliases are grouped by key in one pass: linear in the size of the data.
 */
function* loadSteps(db: Db): Generator<void, Snapshot> {
  const c = db.$client;
  const aliasesOf = new Map<string, Province['aliases']>();
  for (const a of c
    .prepare('SELECT province_code, alias, language, kind FROM province_aliases')
    .all() as Row[]) {
    const list = aliasesOf.get(str(a.province_code)) ?? [];
    list.push({ alias: str(a.alias), language: str(a.language), kind: str(a.kind) });
    aliasesOf.set(str(a.province_code), list);
  }
  const provinces: Province[] = (c.prepare('SELECT * FROM provinces ORDER BY code').all() as Row[]).map(
    (p) => ({
      code: str(p.code),
      slug: str(p.slug),
      names: { en: str(p.name_en), fa: str(p.name_fa), ar: str(p.name_ar) },
      isoName: str(p.iso_name),
      aliases: aliasesOf.get(str(p.code)) ?? [],
    }),
  );
  const periods: Period[] = (c.prepare('SELECT * FROM periods ORDER BY sort_key, id').all() as Row[]).map(
    (p) => ({
      id: str(p.id),
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
      id: str(s.id),
      title: { ar: strOrNull(s.title_ar), en: str(s.title_en) },
      publisher: { ar: strOrNull(s.publisher_ar), en: strOrNull(s.publisher_en) },
      dataOwner: { ar: strOrNull(s.data_owner_ar), en: strOrNull(s.data_owner_en) },
      periodId: str(s.period_id),
      periodWords: str(s.period_words),
      language: str(s.language),
      publishedOn: strOrNull(s.published_on),
      url: strOrNull(s.url),
      textSha256: str(s.text_sha256),
      text: str(s.text),
    });
    if (++n % (SLICE_ROWS / 10) === 0) yield;
  }
  const provincesOf = new Map<string, string[]>();
  for (const m of c
    .prepare('SELECT figure_id, province_code FROM figure_provinces ORDER BY province_code')
    .iterate() as Iterable<Row>) {
    const list = provincesOf.get(str(m.figure_id));
    if (list) list.push(str(m.province_code));
    else provincesOf.set(str(m.figure_id), [str(m.province_code)]);
    if (++n % SLICE_ROWS === 0) yield;
  }
  const figures: Figure[] = [];
  for (const f of c
    .prepare('SELECT * FROM figures ORDER BY source_id, quote_start, id')
    .iterate() as Iterable<Row>) {
    figures.push({
      id: str(f.id),
      sourceId: str(f.source_id),
      periodId: str(f.period_id),
      provinces: provincesOf.get(str(f.id)) ?? [],
      measure: f.measure as Figure['measure'],
      comparator: f.comparator as Figure['comparator'],
      value: num(f.value_usd ?? f.share_percent ?? f.rank),
      resolution: (f.resolution ?? null) as number | null,
      quote: quoteOf(f),
      remark: strOrNull(f.remark),
    });
    if (++n % SLICE_ROWS === 0) yield;
  }
  const notes: Note[] = [];
  for (const r of c
    .prepare('SELECT * FROM notes ORDER BY source_id, quote_start, id')
    .iterate() as Iterable<Row>) {
    notes.push({
      id: str(r.id),
      sourceId: str(r.source_id),
      periodId: str(r.period_id),
      province: str(r.province_code),
      topic: str(r.topic),
      summaryEn: str(r.summary_en),
      quote: quoteOf(r),
    });
    if (++n % SLICE_ROWS === 0) yield;
  }
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
