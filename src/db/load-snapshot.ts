// Reads the whole database into a Snapshot: it changes only when a report is imported, and loads in linear time.
import { asc } from 'drizzle-orm';
import type { Figure, Snapshot } from '../domain/types.ts';
import type { Db } from './client.ts';
import { figureProvinces, figures, notes, periods, provinceAliases, provinces, sources } from './schema.ts';

/** Rows grouped by a key in one pass, each group in row order: lookups by key instead of a scan per parent row. */
function groupBy<T, V>(rows: readonly T[], key: (row: T) => string, value: (row: T) => V): Map<string, V[]> {
  const groups = new Map<string, V[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(value(row));
    else groups.set(k, [value(row)]);
  }
  return groups;
}

/** Reads every table once; linear in the size of the data (a figure's provinces and a province's aliases by key). */
export function loadSnapshot(db: Db): Snapshot {
  const aliasesOf = groupBy(
    db.select().from(provinceAliases).all(),
    (a) => a.provinceCode,
    ({ alias, language, kind }) => ({ alias, language, kind }),
  );
  const provincesOf = groupBy(
    db.select().from(figureProvinces).orderBy(asc(figureProvinces.provinceCode)).all(),
    (m) => m.figureId,
    (m) => m.provinceCode,
  );
  const quote = (r: {
    sourceId: string;
    quoteText: string;
    quoteLine: number;
    quoteStart: number;
    quoteEnd: number;
  }) => ({
    sourceId: r.sourceId,
    text: r.quoteText,
    line: r.quoteLine,
    start: r.quoteStart,
    end: r.quoteEnd,
  });
  return {
    provinces: db
      .select()
      .from(provinces)
      .orderBy(asc(provinces.code))
      .all()
      .map((p) => ({
        code: p.code,
        slug: p.slug,
        names: { en: p.nameEn, fa: p.nameFa, ar: p.nameAr },
        isoName: p.isoName,
        aliases: aliasesOf.get(p.code) ?? [],
      })),
    periods: db
      .select()
      .from(periods)
      .orderBy(asc(periods.sortKey), asc(periods.id))
      .all()
      .map((p) => ({
        id: p.id,
        label: p.labelEn,
        year: p.year,
        sortKey: p.sortKey,
        startsOn: p.startsOn,
        endsOn: p.endsOn,
      })),
    sources: db
      .select()
      .from(sources)
      .orderBy(asc(sources.id))
      .all()
      .map((s) => ({
        id: s.id,
        title: { ar: s.titleAr, en: s.titleEn },
        publisher: { ar: s.publisherAr, en: s.publisherEn },
        dataOwner: { ar: s.dataOwnerAr, en: s.dataOwnerEn },
        periodId: s.periodId,
        periodWords: s.periodWords,
        language: s.language,
        publishedOn: s.publishedOn,
        url: s.url,
        textSha256: s.textSha256,
        text: s.text,
      })),
    figures: db
      .select()
      .from(figures)
      .orderBy(asc(figures.sourceId), asc(figures.quoteStart), asc(figures.id))
      .all()
      .map(
        (f): Figure => ({
          id: f.id,
          sourceId: f.sourceId,
          periodId: f.periodId,
          provinces: provincesOf.get(f.id) ?? [],
          measure: f.measure,
          comparator: f.comparator,
          value: (f.valueUsd ?? f.sharePercent ?? f.rank) as number,
          resolution: f.resolution,
          quote: quote(f),
          remark: f.remark,
        }),
      ),
    notes: db
      .select()
      .from(notes)
      .orderBy(asc(notes.sourceId), asc(notes.quoteStart), asc(notes.id))
      .all()
      .map((n) => ({
        id: n.id,
        sourceId: n.sourceId,
        periodId: n.periodId,
        province: n.provinceCode,
        topic: n.topic,
        summaryEn: n.summaryEn,
        quote: quote(n),
      })),
  };
}
