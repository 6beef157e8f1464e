// The words the draft reads reports by, in English, Arabic and Persian, written as people write them (text.ts folds
// them: hamza forms, Arabic/Persian ya and kaf, ta marbuta, diacritics and ZWNJ do not matter).
import { phrases } from './text.ts';

/** Scale words after a number, with their factor. One-letter abbreviations count only when joined ("$37m"). */
export const SCALES: readonly { words: string[][]; factor: number }[] = [
  {
    factor: 1e3,
    words: phrases(['thousand', 'ألف', 'آلاف', 'الف', 'هزار']),
  },
  {
    factor: 1e6,
    words: phrases(['million', 'millions', 'mln', 'mn', 'مليون', 'ملايين', 'ملیون', 'میلیون', 'ميليون']),
  },
  {
    factor: 1e9,
    words: phrases(['billion', 'billions', 'bn', 'مليار', 'مليارات', 'بليون', 'میلیارد', 'ميليارد']),
  },
];
export const JOINED_SCALES: Readonly<Record<string, number>> = { k: 1e3, m: 1e6, mn: 1e6, b: 1e9, bn: 1e9 };

export const CURRENCY_AFTER = phrases([
  'dollar',
  'dollars',
  'usd',
  'us dollars',
  'u . s . dollars',
  'american dollars',
  'دولار',
  'دولارا',
  'دولارات',
  'دلار',
  'دلاری',
]);
export const CURRENCY_BEFORE = phrases(['$', 'us $', 'usd', 'u . s . $']);
/** Money in other currencies: never read as US dollars. */
export const OTHER_CURRENCIES = phrases([
  'euro',
  'euros',
  '€',
  'rial',
  'rials',
  'toman',
  'tomans',
  'yuan',
  'dirham',
  'dirhams',
  'يورو',
  'یورو',
  'ريال',
  'ریال',
  'تومان',
  'درهم',
]);

export const PERCENT_AFTER = phrases([
  '%',
  '٪',
  'percent',
  'per cent',
  'pct',
  'بالمئة',
  'بالمائة',
  'في المئة',
  'في المائة',
  'درصد',
  'درصدی',
]);
export const PERCENT_SIGNS = new Set(['%', '٪']);

export const MORE_THAN = phrases([
  'more than',
  'over',
  'above',
  'exceeding',
  'exceeded',
  'surpassed',
  'topped',
  'تجاوزت',
  'تجاوز',
  'تخطت',
  'تخطى',
  'in excess of',
  'upwards of',
  'أكثر من',
  'اكثر من',
  'ما يزيد على',
  'ما يزيد عن',
  'يزيد على',
  'يزيد عن',
  'أزيد من',
  'بیش از',
  'بیشتر از',
  'افزون بر',
  'بالغ بر',
]);
export const LESS_THAN = phrases(['less than', 'under', 'below', 'أقل من', 'اقل من', 'کمتر از', 'کم‌تر از']);
export const APPROXIMATELY = phrases([
  'about',
  'around',
  'nearly',
  'almost',
  'approximately',
  'roughly',
  'some',
  'حوالي',
  'نحو',
  'قرابة',
  'زهاء',
  'حدود',
  'تقريبا',
  'نزدیک به',
  'قریب به',
  'حدود',
  'تقریبا',
]);

/** Words saying the figure is the whole country's, not a province's. */
export const NATIONAL = new Set(
  phrases([
    'country',
    'nationwide',
    'national',
    'nation',
    'Iran',
    'البلاد',
    'إيران',
    'الوطنية',
    'الوطني',
    'کشور',
    'کشورمان',
    'ایران',
  ]).map((p) => p[0] as string),
);

/** Words before an amount of money that make it something other than exports. */
export const NOT_EXPORTS = new Set(
  phrases([
    'investment',
    'investments',
    'invested',
    'imports',
    'imported',
    'budget',
    'loan',
    'loans',
    'funding',
    'استثمار',
    'استثمارات',
    'الاستثمار',
    'الواردات',
    'واردات',
    'ميزانية',
    'الميزانية',
    'قرض',
    'قروض',
    'سرمایه‌گذاری',
    'سرمایه',
    'بودجه',
    'وام',
    'تسهیلات',
  ]).map((p) => p[0] as string),
);

/** Words near a percentage that make it a change (growth, fall), not a share of the national total. */
export const CHANGE = new Set(
  phrases([
    'growth',
    'grew',
    'grow',
    'increase',
    'increased',
    'rise',
    'rose',
    'up',
    'down',
    'decline',
    'declined',
    'fell',
    'fall',
    'drop',
    'dropped',
    'jump',
    'jumped',
    'higher',
    'lower',
    'compared',
    'growing',
    'نمو',
    'نموا',
    'زيادة',
    'ارتفاع',
    'ارتفعت',
    'ارتفع',
    'انخفاض',
    'انخفضت',
    'تراجع',
    'تراجعت',
    'مقارنة',
    'رشد',
    'رشدی',
    'افزایش',
    'کاهش',
    'نسبت',
    'یافت',
  ]).map((p) => p[0] as string),
);

/** "Respectively": values or ranks listed in the order of the provinces named before them. */
export const RESPECTIVELY = phrases(['respectively', 'على التوالي', 'بالترتيب', 'به ترتیب', 'بترتیب']);

/** Between a value and a share that belong together: "$37m (25.9%)", "$37m, or 25.9%", "۳۷ میلیون دلار یعنی ۲۵ درصد". */
export const SHARE_LINKS = phrases([
  'or',
  'i . e .',
  'representing',
  'accounting for',
  'a share of',
  'أي',
  'ما يعادل',
  'بنسبة',
  'وبنسبة',
  'بحصة',
  'یعنی',
  'معادل',
  'با سهم',
  'به میزان',
]);

export const ORDINALS: Readonly<Record<string, number>> = Object.fromEntries(
  (
    [
      [1, 'first 1st الأول أول الأولى أولى اول نخست یکم نخستین اولین'],
      [2, 'second 2nd الثاني الثانية ثاني ثانية دوم دومین'],
      [3, 'third 3rd الثالث الثالثة ثالث ثالثة سوم سومین'],
      [4, 'fourth 4th الرابع الرابعة رابع رابعة چهارم چهارمین'],
      [5, 'fifth 5th الخامس الخامسة خامس خامسة پنجم پنجمین'],
      [6, 'sixth 6th السادس السادسة سادس سادسة ششم ششمین'],
      [7, 'seventh 7th السابع السابعة سابع سابعة هفتم هفتمین'],
      [8, 'eighth 8th الثامن الثامنة ثامن ثامنة هشتم هشتمین'],
      [9, 'ninth 9th التاسع التاسعة تاسع تاسعة نهم نهمین'],
      [10, 'tenth 10th العاشر العاشرة عاشر عاشرة دهم دهمین'],
    ] as const
  ).flatMap(([n, words]) => phrases(words.split(' ')).map((p) => [p[0] as string, n])),
);

/** Words that make an ordinal a rank: "ranked third", "المركز الثالث", "رتبه سوم", "third place", "second-largest". */
export const RANK_WORDS = new Set(
  phrases([
    'place',
    'places',
    'position',
    'positions',
    'spot',
    'spots',
    'rank',
    'ranked',
    'ranks',
    'ranking',
    'came',
    'comes',
    'stood',
    'finished',
    'placed',
    'placing',
    'largest',
    'biggest',
    'exporter',
    'المركز',
    'المراكز',
    'المركزين',
    'المركزان',
    'المرتبة',
    'المرتبتين',
    'المرتبتان',
    'المراتب',
    'مركز',
    'مرتبة',
    'حلت',
    'حل',
    'جاءت',
    'جاء',
    'احتلت',
    'احتلتا',
    'تحتل',
    'يحتل',
    'أكبر',
    'رتبه',
    'رتبه‌های',
    'رتبه‌ی',
    'مقام',
    'مقام‌های',
    'جایگاه',
    'جایگاه‌های',
    'رده',
    'صادرکننده',
    'list',
    'ranking',
    'table',
    'القائمة',
    'الترتيب',
    'جدول',
    'فهرست',
    'رده‌های',
  ]).map((p) => p[0] as string),
);
/** Words right after an ordinal that make it something else: "first half", "النصف الأول" is caught by RANK_WORDS. */
export const NOT_RANK_AFTER = new Set(
  phrases([
    'half',
    'quarter',
    'time',
    'times',
    'month',
    'months',
    'year',
    'week',
    'phase',
    'round',
    'مرة',
    'نیمه',
    'ماه',
    'سال',
    'بار',
    'فصل',
  ]).map((p) => p[0] as string),
);
/** Second place without an ordinal: "runner-up", "وصيفة". */
export const RUNNER_UP = phrases(['runner - up', 'runner up', 'الوصيف', 'وصيفة', 'وصيفا', 'الوصيفة']);
/** First place without an ordinal: "topped", "تتصدر", "در صدر". */
export const TOP = phrases([
  'the leader',
  'led the list',
  'led the table',
  'led the ranking',
  'at the top',
  'topped',
  'tops',
  'top spot',
  'top place',
  'top position',
  'top of the list',
  'تتصدر',
  'تصدرت',
  'يتصدر',
  'تصدر',
  'صدارة',
  'در صدر',
  'صدرنشین',
  'صدرنشین',
]);
/** A rank one below the last one stated, the province named after the words: "followed by Bushehr", "تليها بوشهر". */
export const FOLLOWED_BY = phrases([
  'followed by',
  'next came',
  'تليها',
  'يليها',
  'تلتها',
  'تلاها',
  'يليه',
  'تليه',
  'پس از آن',
  'بعد از آن',
]);
/** A rank one below the last one stated, the province named around the words: "ranks next", "المرتبة التالية". */
export const RANKS_NEXT = phrases([
  'ranks next',
  'ranked next',
  'came next',
  'comes next',
  'was next',
  'in next place',
  'المرتبة التالية',
  'المركز التالي',
  'رتبه بعدی',
  'جایگاه بعدی',
  'رتبه بعد',
  'مقام بعدی',
]);

/** "that": a statement quoted from within a clause starts after it. */
export const COMPLEMENTIZERS = new Set(phrases(['that', 'أن', 'إن', 'که']).map((p) => p[0] as string));
/** Words opening a clause that a quote leaves out: "that", "أن", "که". */
export const CLAUSE_OPENERS = new Set(
  phrases(['that', 'and', 'أن', 'إن', 'که', 'و']).map((p) => p[0] as string),
);

/** Words that refer back to the province of the sentence before: "Its exports", "صادراتها", "این استان". */
export const BACK_REFERENCES = phrases([
  'its',
  'the province',
  'صادراتها',
  'حصتها',
  'المحافظة',
  'این استان',
  'صادرات آن',
  'سهم آن',
]);

/** Words for a province ("محافظتا" is the Arabic dual); they may precede or follow a name. */
export const PROVINCE_WORDS = new Set(
  phrases([
    'province',
    'provinces',
    'ostan',
    'محافظة',
    'محافظتا',
    'محافظتي',
    'محافظات',
    'استان',
    'استان‌های',
    'استانهای',
  ]).map((p) => p[0] as string),
);

/** Words that may stand before the year in a report's words for its period ("مطلع العام 2024", "first half of"). */
export const PERIOD_WORDS = new Set(
  phrases([
    'early',
    'beginning',
    'start',
    'first',
    'second',
    'half',
    'quarter',
    'months',
    'six',
    'three',
    'nine',
    'of',
    'the',
    'مطلع',
    'بداية',
    'أوائل',
    'النصف',
    'الأول',
    'الثاني',
    'الربع',
    'الأشهر',
    'الستة',
    'الثلاثة',
    'الأولى',
    'من',
    'العام',
    'عام',
    'سنة',
    'السنة',
    'نیمه',
    'نخست',
    'اول',
    'دوم',
    'سال',
    'ماه',
    'ماهه',
    'شش',
    'سه',
    'نه',
    'ابتدای',
    'اوایل',
    'آغاز',
    'سه‌ماهه',
    'شش‌ماهه',
    'ماهه',
  ]).map((p) => p[0] as string),
);
/** Words a period's quote does not start with. */
export const PERIOD_TRIM = new Set(phrases(['of', 'the', 'من', 'از']).map((p) => p[0] as string));
