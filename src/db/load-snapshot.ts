// Reads the whole database into a Snapshot: the data is small and changes only when a report is imported.

import type { Figure, Snapshot } from '../domain/types.ts';
import type { Db } from './client.ts';
import { asc } from './drizzle.ts';
import { figureProvinces, figures, notes, periods, provinceAliases, provinces, sources } from './schema.ts';

export function loadSnapshot(db: Db): Snapshot {
  const aliasRows = db.select().from(provinceAliases).all();
  const memberRows = db.select().from(figureProvinces).orderBy(asc(figureProvinces.provinceCode)).all();
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
        aliases: aliasRows
          .filter((a) => a.provinceCode === p.code)
          .map(({ alias, language, kind }) => ({ alias, language, kind })),
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
          provinces: memberRows.filter((m) => m.figureId === f.id).map((m) => m.provinceCode),
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
