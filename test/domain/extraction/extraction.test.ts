// The pieces of the draft on text alone: numbers in three scripts, amounts, province names through the API's index,
// rank statements, and what the draft leaves out rather than guesses.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadSnapshot } from '../../../src/db/load-snapshot.ts';
import { draftReport } from '../../../src/domain/extraction/draft.ts';
import { findMentions } from '../../../src/domain/extraction/mentions.ts';
import { findAmounts, readNumber, westernDigits } from '../../../src/domain/extraction/numbers.ts';
import { findRankStatements } from '../../../src/domain/extraction/ranks.ts';
import { reviewSummary } from '../../../src/domain/extraction/summary.ts';
import { ReportText } from '../../../src/domain/extraction/text.ts';
import { ProvinceIndex } from '../../../src/domain/names.ts';
import { CodePointText, quoteProblem } from '../../../src/domain/quotes.ts';
import { seededDb } from '../../helpers/app.ts';

const provinces = loadSnapshot(seededDb()).provinces;
const index = new ProvinceIndex(provinces);

function amounts(text: string) {
  const rt = new ReportText(text);
  const { amounts: found, leftOut } = findAmounts(rt);
  const quote = (first: number, last: number) => text.slice(rt.tokens[first]?.start, rt.tokens[last]?.end);
  return {
    found: found.map((a) => ({
      kind: a.kind,
      value: a.value,
      resolution: a.resolution,
      comparator: a.comparator,
      quote: quote(a.first, a.last),
    })),
    leftOut: leftOut.map((l) => [quote(l.first, l.last), l.reason]),
  };
}

const codes = (text: string) => findMentions(new ReportText(text), index).map((m) => m.province.code);

function draft(text: string, year = 2025) {
  return draftReport(text, index, {
    sourceId: 'test',
    periodId: `${year}-test`,
    year,
    language: 'en',
    textFile: 'test.txt',
    textSha256: '0'.repeat(64),
  });
}
const figures = (text: string) =>
  draft(text).dataset.figures.map((f) => [f.provinces.join('+'), f.measure, f.value, f.comparator]);

describe('numbers as written', () => {
  it('reads Western, Arabic-Indic and Persian digits with their decimal and thousands separators', () => {
    expect(westernDigits('٣٢٫٥ و ۲۸/۳')).toBe('32٫5 و 28/3');
    expect(readNumber('37')).toEqual({ value: 37, decimals: 0, trailingZeros: 0 });
    expect(readNumber('37.5')).toEqual({ value: 37.5, decimals: 1, trailingZeros: 0 });
    expect(readNumber('٣٢٫٥')).toEqual({ value: 32.5, decimals: 1, trailingZeros: 0 });
    expect(readNumber('۲۸/۳')).toEqual({ value: 28.3, decimals: 1, trailingZeros: 0 });
    expect(readNumber('7,450,000')).toEqual({ value: 7_450_000, decimals: 0, trailingZeros: 4 });
    expect(readNumber('١٢٬٥٠٠')).toEqual({ value: 12_500, decimals: 0, trailingZeros: 2 });
  });

  it('leaves dates alone', () => {
    expect(readNumber('۱۴۰۳/۰۲/۱۵')).toBeNull();
    expect(readNumber('1402/05')).toBeNull();
    expect(readNumber('2024.01.05')).toBeNull();
  });
});

describe('amounts', () => {
  it('reads scale words, currencies and the rounding step', () => {
    expect(amounts('exports of $37.5m in total').found).toEqual([
      { kind: 'usd', value: 37_500_000, resolution: 100_000, comparator: 'eq', quote: '$37.5m' },
    ]);
    expect(amounts('USD 12 million').found[0]).toMatchObject({ value: 12_000_000, resolution: 1_000_000 });
    expect(amounts('1.6 مليار دولار').found[0]).toMatchObject({
      value: 1_600_000_000,
      resolution: 100_000_000,
    });
    expect(amounts('۹۰۰ هزار دلار').found[0]).toMatchObject({ value: 900_000, resolution: 1000 });
    expect(amounts('$7,450,000').found[0]).toMatchObject({ value: 7_450_000, resolution: 10_000 });
    expect(amounts('8 million and 400 thousand dollars').found[0]).toMatchObject({
      value: 8_400_000,
      resolution: 1000,
      quote: '8 million and 400 thousand dollars',
    });
  });

  it('reads "more than" in three languages into the quote', () => {
    for (const [text, quote] of [
      ['بلغ أكثر من 67 مليون دولار', 'أكثر من 67 مليون دولار'],
      ['بیش از ۱۰ میلیون دلار', 'بیش از ۱۰ میلیون دلار'],
      ['more than 9 million dollars', 'more than 9 million dollars'],
      ['exports topped $40 million', 'topped $40 million'],
    ] as const) {
      expect(amounts(text).found[0]).toMatchObject({ comparator: 'gt', quote });
    }
  });

  it('joins a value and its share: "37 مليون دولار (25.9%)" is one quote', () => {
    expect(amounts('بإجمالي 37 مليون دولار (25.9%) و30').found).toEqual([
      {
        kind: 'usd',
        value: 37_000_000,
        resolution: 1_000_000,
        comparator: 'eq',
        quote: '37 مليون دولار (25.9%)',
      },
      { kind: 'percent', value: 25.9, resolution: 0.1, comparator: 'eq', quote: '25.9%' },
    ]);
    expect(amounts('$41.2 million, or 27.4 percent of the total').found[0]?.quote).toBe(
      '$41.2 million, or 27.4 percent',
    );
    expect(amounts('۲۶/۵ میلیون دلار (۱۷/۹ درصد)').found.map((a) => a.value)).toEqual([26_500_000, 17.9]);
    expect(amounts('(%25.9)').found[0]).toMatchObject({ kind: 'percent', value: 25.9 });
  });

  it('leaves out what the format cannot hold, saying why', () => {
    expect(amounts('less than $2 million').leftOut).toEqual([
      [
        'less than $2 million',
        '"less than" states an upper bound, which the format cannot hold (only "eq" and "gt")',
      ],
    ]);
    expect(amounts('5 million euros').leftOut[0]?.[1]).toBe('an amount in another currency than US dollars');
    expect(amounts('۵۰۰ میلیارد ریال').leftOut[0]?.[1]).toBe('an amount in another currency than US dollars');
    expect(amounts('in 2024, 37 firms').found).toEqual([]);
  });
});

describe('province names', () => {
  it('finds every spelling the API’s index knows, bare and with "province", "محافظة", "استان"', () => {
    let checked = 0;
    for (const p of provinces) {
      const spellings = [p.names.en, p.names.fa, p.names.ar, p.isoName, ...p.aliases.map((a) => a.alias)];
      for (const s of spellings) {
        const arabicScript = /[\u0600-\u06ff]/.test(s);
        const framed = arabicScript
          ? [`محافظة ${s} حلت أولا`, `استان ${s} رتبه نخست`]
          : [`${s} Province ranked first`];
        // "مرکزی" and "Central" are also common words: they count next to a word for province only.
        const common = ['مرکزی', 'مركزي', 'Central Province'].includes(s);
        const texts = common ? framed : [...framed, arabicScript ? `${s} رتبه نخست` : `${s} ranked first`];
        for (const t of texts) {
          expect(codes(t), t).toEqual([p.code]);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(200);
  });

  it('reads names joined to "و" and groups names said together', () => {
    const rt = new ReportText(
      'أن محافظتي إصفهان وخوزستان حققتا، بينما تسعى آذربايجان الشرقية ويزد وألبرز وقزوين',
    );
    const mentions = findMentions(rt, index);
    expect(mentions.map((m) => m.province.code)).toEqual([
      'IR-10',
      'IR-06',
      'IR-03',
      'IR-21',
      'IR-30',
      'IR-26',
    ]);
    expect(mentions.map((m) => m.group.mentions.length)).toEqual([2, 2, 4, 4, 4, 4]);
    expect(codes('Kohgiluyeh and Boyer-Ahmad and Sistan and Baluchestan')).toEqual(['IR-17', 'IR-11']);
    expect(codes('چهارمحال و بختیاری و سیستان و بلوچستان')).toEqual(['IR-14', 'IR-11']);
  });

  it('does not read common words as names', () => {
    expect(codes('البنك المركزي والبنك مركزي')).toEqual([]);
    expect(codes('بانک مرکزی')).toEqual([]);
    expect(codes('the central bank')).toEqual([]);
    expect(codes('موانئ الخليج فارس')).toEqual([]);
    expect(codes('بنادر خلیج فارس و استان فارس')).toEqual(['IR-07']);
    expect(codes('markazi in lower case, Markazi capitalised')).toEqual(['IR-00']);
  });
});

describe('rank statements', () => {
  const ranks = (text: string) => findRankStatements(new ReportText(text)).map((s) => [s.kind, s.ranks]);
  it('reads ordinals in three languages, alone and in lists', () => {
    expect(ranks('Qom ranked fourth')).toEqual([['ordinal', [4]]]);
    expect(ranks('took the first and second places')).toEqual([['ordinal', [1, 2]]]);
    expect(ranks('حققتا المركزين الأول والثاني')).toEqual([['ordinal', [1, 2]]]);
    expect(ranks('حلت رابعة')).toEqual([['ordinal', [4]]]);
    expect(ranks('رتبه‌های سوم، چهارم و پنجم')).toEqual([['ordinal', [3, 4, 5]]]);
    expect(ranks('در رتبه ۲ قرار دارد')).toEqual([['ordinal', [2]]]);
    expect(ranks('the 3rd place')).toEqual([['ordinal', [3]]]);
  });

  it('reads first place without an ordinal and ranks relative to the one before', () => {
    expect(ranks('Tehran held the top spot')).toEqual([['top', [1]]]);
    expect(ranks('إصفهان تتصدر الصادرات')).toEqual([['top', [1]]]);
    expect(ranks('followed by Tehran')).toEqual([['followed', []]]);
    expect(ranks('وتحتل محافظة مركزي المرتبة التالية، تليها بوشهر')).toEqual([
      ['next', []],
      ['followed', []],
    ]);
  });

  it('does not take periods and firsts for ranks', () => {
    expect(ranks('in the first half of 2025')).toEqual([]);
    expect(ranks('خلال النصف الأول من العام')).toEqual([]);
    expect(ranks('لأول مرة')).toEqual([]);
    expect(ranks('در نیمه نخست سال ۱۴۰۳')).toEqual([]);
    expect(ranks('exports topped $40 million')).toEqual([]);
  });
});

describe('the draft', () => {
  it('does not force a national total into a province: it lists it as not placed', () => {
    const d = draft(
      'Isfahan ranked first with $37 million.\nIran’s total nano exports reached $143 million.',
    );
    expect(d.dataset.figures.map((f) => [f.provinces.join(), f.measure, f.value])).toEqual([
      ['IR-10', 'export_rank', 1],
      ['IR-10', 'export_value_usd', 37_000_000],
    ]);
    expect(d.leftOut).toEqual([
      {
        line: 2,
        quote: '$143 million',
        reason: 'not placed: no province named in its sentence; a figure for the whole country ("Iran")?',
      },
    ]);
  });

  it('takes a percentage of growth for a change, not a share', () => {
    const d = draft('Exports from Qom grew 12% to $5 million.');
    expect(figures('Exports from Qom grew 12% to $5 million.')).toEqual([
      ['IR-25', 'export_value_usd', 5_000_000, 'eq'],
    ]);
    expect(d.leftOut[0]?.reason).toBe('a change, not a share ("grew")');
  });

  it('leaves out a rank it is unsure of and says why', () => {
    const d = draft('Isfahan and Khuzestan ranked first.\nFollowed by Qom.');
    expect(d.dataset.figures).toEqual([]);
    expect(d.leftOut.map((l) => l.reason)).toEqual([
      '"ranked first" states 1 rank(s) for 2 provinces named together (Isfahan and Khuzestan)',
      '"Followed by": a rank relative to the one before, but the rank before it was left out (line 1)',
    ]);
    expect(draft('Qom ranks next with $3 million.').leftOut[0]?.reason).toBe(
      '"ranks next": a rank relative to the one before, but no rank is stated before it',
    );
  });

  it('reads values listed in the order the provinces were named, and a combined value', () => {
    expect(figures('Isfahan and Khuzestan exported $37 million and $30 million respectively.')).toEqual([
      ['IR-10', 'export_value_usd', 37_000_000, 'eq'],
      ['IR-06', 'export_value_usd', 30_000_000, 'eq'],
    ]);
    expect(figures('Isfahan and Khuzestan together exported more than $67 million.')).toEqual([
      ['IR-10+IR-06', 'export_value_usd', 67_000_000, 'gt'],
    ]);
  });

  it('reads a unit shared by two numbers, runner-up, and a name inside the rank words', () => {
    expect(figures('اصفهان و خوزستان به ترتیب با ۳۵ و ۲۸ میلیون دلار در رده‌های دوم و سوم هستند.')).toEqual([
      ['IR-10', 'export_value_usd', 35_000_000, 'eq'],
      ['IR-06', 'export_value_usd', 28_000_000, 'eq'],
      ['IR-10', 'export_rank', 2, 'eq'],
      ['IR-06', 'export_rank', 3, 'eq'],
    ]);
    expect(figures('Tehran led the list, while Khuzestan was runner-up.')).toEqual([
      ['IR-23', 'export_rank', 1, 'eq'],
      ['IR-06', 'export_rank', 2, 'eq'],
    ]);
    const d = draft('واحتفظت طهران بالمركز الأول، في حين حلت خوزستان ثانية.');
    expect(d.dataset.figures.map((f) => [f.provinces.join(), f.value, f.quote.text])).toEqual([
      ['IR-23', 1, 'واحتفظت طهران بالمركز الأول'],
      ['IR-06', 2, 'في حين حلت خوزستان ثانية'],
    ]);
  });

  it('follows "its" to the province of the sentence before', () => {
    expect(figures('Fars ranked fifth. Its exports came to $9 million.')).toEqual([
      ['IR-07', 'export_rank', 5, 'eq'],
      ['IR-07', 'export_value_usd', 9_000_000, 'eq'],
    ]);
  });

  it('marks what only a person can give', () => {
    const d = draft('No figures here.');
    expect(d.dataset.source.title).toEqual({ ar: null, en: 'No figures here.' });
    expect(d.dataset.source.publisher.en).toBe('TODO: who published the report, in English');
    expect(d.dataset.period.words).toEqual({ text: 'No figures here.', line: 1, start: 0, end: 16 });
    expect(d.placeholders).toContainEqual({
      field: 'source.title.en',
      what: 'proposed from line 1: check it is the title',
    });
    expect(d.placeholders.map((p) => p.field)).toContain('period.words');
  });

  it('keeps escape sequences in the text from driving the reviewer’s terminal', () => {
    const d = draft('Qom \u001b[2J\u0007 ranked ninth with $3 million.');
    expect(d.placeholders.map((p) => p.field)).toContain('source.textFile');
    const summary = reviewSummary(d, 'out.json');
    expect(summary.includes('\u001b') || summary.includes('\u0007')).toBe(false);
    expect(summary).toContain('| Qom \\u001b[2J\\u0007 ranked ninth |');
  });

  it('counts offsets in code points, past characters outside the BMP', () => {
    const text = '📈 Qom 🚀 ranked ninth 𝟏 with $3 million (2%).';
    const d = draft(text);
    const source = new CodePointText(text);
    expect(d.dataset.figures.map((f) => [f.measure, f.quote.text, f.quote.start, f.quote.end])).toEqual([
      ['export_rank', 'Qom 🚀 ranked ninth', 2, 20],
      ['export_value_usd', '$3 million (2%)', 28, 43],
      ['export_share_percent', '$3 million (2%)', 28, 43],
    ]);
    for (const f of d.dataset.figures) expect(quoteProblem(source, f.quote)).toBeNull();
  });

  it('never throws on hostile text, and every quote it proposes stands at its offsets', () => {
    const pieces = fc.constantFrom(
      'Isfahan',
      'استان',
      'محافظة',
      'طهران',
      'تهران',
      'وخوزستان',
      'Qom',
      ' ',
      '\n',
      '\r\n',
      ',',
      '،',
      '.',
      '(',
      ')',
      '%',
      '٪',
      '$',
      '37',
      '٣٢٫٥',
      '۲۸/۳',
      '۱۴۰۳/۰۲/۱۵',
      '1,000',
      'million',
      'مليون',
      'میلیون',
      'دولار',
      'دلار',
      'first',
      'الأول',
      'والثاني',
      'سوم',
      'رتبه',
      'المركز',
      'followed by',
      'تليها',
      'المرتبة التالية',
      'more than',
      'أكثر من',
      'بیش از',
      'respectively',
      'على التوالي',
      'its',
      '\u200c',
      '\u0640',
      '🚀',
      'و',
      'and',
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 60 }), fc.string({ maxLength: 20 }), (parts, noise) => {
        const text = parts.join(' ') + noise;
        const d = draft(text);
        const source = new CodePointText(text);
        for (const f of d.dataset.figures) expect(quoteProblem(source, f.quote)).toBeNull();
        for (const n of d.dataset.notes) expect(quoteProblem(source, n.quote)).toBeNull();
        if (text.trim()) expect(quoteProblem(source, d.dataset.period.words)).toBeNull();
      }),
      { numRuns: 300 },
    );
  });
});
