// Database schema (drizzle-orm): reports, periods, provinces, reported figures and notes, each with its quote.

import { MEASURES } from '../domain/measures.ts';
import { check, index, integer, primaryKey, real, sql, sqliteTable, text, uniqueIndex } from './drizzle.ts';

/** A period the statistics cover. Several reports may cover one period; one report covers one period. */
export const periods = sqliteTable('periods', {
  id: text('id').primaryKey(), // stable slug, e.g. "2024-early"
  labelEn: text('label_en').notNull(), // "early 2024"
  year: integer('year').notNull(),
  // Orders periods in time even when exact dates are unknown (e.g. "2024-01" for "early 2024").
  sortKey: text('sort_key').notNull(),
  startsOn: text('starts_on'), // ISO date, null when the report gives none
  endsOn: text('ends_on'),
});

/** One row per report: its metadata and its original text, byte for byte. */
export const sources = sqliteTable(
  'sources',
  {
    id: text('id').primaryKey(), // stable slug
    titleAr: text('title_ar'),
    titleEn: text('title_en').notNull(),
    publisherAr: text('publisher_ar'),
    publisherEn: text('publisher_en'),
    dataOwnerAr: text('data_owner_ar'),
    dataOwnerEn: text('data_owner_en'),
    periodId: text('period_id')
      .notNull()
      .references(() => periods.id),
    periodWords: text('period_words').notNull(), // the report's own words for its period
    language: text('language').notNull(), // BCP 47, e.g. "ar"
    publishedOn: text('published_on'), // unknown stays null
    url: text('url'),
    textSha256: text('text_sha256').notNull(),
    text: text('text').notNull(),
  },
  (t) => [index('sources_period_idx').on(t.periodId)],
);

/** Iran's provinces (ISO 3166-2:IR). */
export const provinces = sqliteTable(
  'provinces',
  {
    code: text('code').primaryKey(), // "IR-10"
    slug: text('slug').notNull(),
    nameEn: text('name_en').notNull(),
    nameFa: text('name_fa').notNull(),
    nameAr: text('name_ar').notNull(),
    isoName: text('iso_name').notNull(),
  },
  (t) => [uniqueIndex('provinces_slug_idx').on(t.slug)],
);

/** Other spellings people (and reports) use for a province. */
export const provinceAliases = sqliteTable(
  'province_aliases',
  {
    provinceCode: text('province_code')
      .notNull()
      .references(() => provinces.code),
    alias: text('alias').notNull(),
    language: text('language').notNull(), // "ar" | "fa" | "en"
    kind: text('kind').notNull(), // "report-spelling" | "variant"
  },
  (t) => [primaryKey({ columns: [t.provinceCode, t.alias] })],
);

/**
 * One row per number a report states. Exactly one of value_usd / share_percent / rank is set, matching
 * `measure`. `resolution` is the rounding step the figure was stated with (e.g. 1000000 for "37 million"),
 * so that code can treat it as an interval; `comparator` records "more than" statements.
 */
export const figures = sqliteTable(
  'figures',
  {
    id: text('id').primaryKey(),
    sourceId: text('source_id')
      .notNull()
      .references(() => sources.id, { onDelete: 'cascade' }),
    periodId: text('period_id')
      .notNull()
      .references(() => periods.id),
    measure: text('measure', { enum: MEASURES }).notNull(),
    comparator: text('comparator', { enum: ['eq', 'gt'] })
      .notNull()
      .default('eq'),
    valueUsd: integer('value_usd'),
    sharePercent: real('share_percent'),
    rank: integer('rank'),
    resolution: real('resolution'),
    quoteText: text('quote_text').notNull(),
    quoteLine: integer('quote_line').notNull(),
    quoteStart: integer('quote_start').notNull(),
    quoteEnd: integer('quote_end').notNull(),
    remark: text('remark'),
  },
  (t) => [
    index('figures_period_idx').on(t.periodId, t.measure),
    check(
      'figures_one_value',
      sql`(${t.measure} = 'export_value_usd' AND ${t.valueUsd} IS NOT NULL AND ${t.sharePercent} IS NULL AND ${t.rank} IS NULL)
       OR (${t.measure} = 'export_share_percent' AND ${t.sharePercent} IS NOT NULL AND ${t.valueUsd} IS NULL AND ${t.rank} IS NULL)
       OR (${t.measure} = 'export_rank' AND ${t.rank} IS NOT NULL AND ${t.valueUsd} IS NULL AND ${t.sharePercent} IS NULL)`,
    ),
    check('figures_quote_span', sql`${t.quoteEnd} > ${t.quoteStart} AND ${t.quoteStart} >= 0`),
  ],
);

/** The provinces a figure is about: one for most, several for a combined figure ("their total exports"). */
export const figureProvinces = sqliteTable(
  'figure_provinces',
  {
    figureId: text('figure_id')
      .notNull()
      .references(() => figures.id, { onDelete: 'cascade' }),
    provinceCode: text('province_code')
      .notNull()
      .references(() => provinces.code),
  },
  (t) => [
    primaryKey({ columns: [t.figureId, t.provinceCode] }),
    index('figure_provinces_code_idx').on(t.provinceCode),
  ],
);

/** Qualitative facts (industries, ports, institutions, ambitions), each with its quote. */
export const notes = sqliteTable(
  'notes',
  {
    id: text('id').primaryKey(),
    sourceId: text('source_id')
      .notNull()
      .references(() => sources.id, { onDelete: 'cascade' }),
    periodId: text('period_id')
      .notNull()
      .references(() => periods.id),
    provinceCode: text('province_code')
      .notNull()
      .references(() => provinces.code),
    topic: text('topic').notNull(),
    summaryEn: text('summary_en').notNull(),
    quoteText: text('quote_text').notNull(),
    quoteLine: integer('quote_line').notNull(),
    quoteStart: integer('quote_start').notNull(),
    quoteEnd: integer('quote_end').notNull(),
  },
  (t) => [index('notes_province_idx').on(t.provinceCode)],
);
