// The words and number formats of the human-facing pages and charts, in English, Persian and Arabic.
import { MEASURE_INFO, type Measure } from '../domain/measures.ts';
import type { Lang } from '../domain/types.ts';

export const RTL: Record<Lang, boolean> = { en: false, fa: true, ar: true };
export const dirOf = (lang: Lang): 'rtl' | 'ltr' => (RTL[lang] ? 'rtl' : 'ltr');

/** The locale whose digits a reader of each language expects: Persian and Arabic-Indic digits for fa and ar. */
const LOCALE: Record<Lang, string> = { en: 'en-US', fa: 'fa-IR', ar: 'ar-EG' };

/** Each language's name in itself, for the language switch. */
export const LANG_NAMES: Record<Lang, string> = { en: 'English', fa: 'فارسی', ar: 'العربية' };

const formatters = new Map<string, Intl.NumberFormat>();
function formatter(lang: Lang, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${lang}:${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(LOCALE[lang], options);
    formatters.set(key, f);
  }
  return f;
}

/** 37500000 → "37,500,000" / "۳۷٬۵۰۰٬۰۰۰" / "٣٧٬٥٠٠٬٠٠٠". */
export const formatInt = (lang: Lang, n: number): string =>
  formatter(lang, { maximumFractionDigits: 0 }).format(n);

/** A plain number with up to `digits` decimals, in the reader's digits. */
export const formatNumber = (lang: Lang, n: number, digits = 1): string =>
  formatter(lang, { maximumFractionDigits: digits }).format(n);

/** 25.9 → "25.9%" / "۲۵٫۹٪" / "٢٥٫٩٪". */
export const formatPercent = (lang: Lang, percent: number): string =>
  formatter(lang, { style: 'percent', maximumFractionDigits: 2 }).format(percent / 100);

/** 37500000 → "37.5 million" / "۳۷٫۵ میلیون" / "٣٧٫٥ مليون". */
export const formatMillions = (lang: Lang, usd: number): string =>
  `${formatNumber(lang, usd / 1e6, 2)} ${T[lang].million}`;

/** "2 give a warning": the phrase for `n` in the reader's plural category, with the reader's digits. */
export function countPhrase(
  lang: Lang,
  n: number,
  forms: Partial<Record<Intl.LDMLPluralRule, string>> & { other: string },
): string {
  const category = new Intl.PluralRules(LOCALE[lang]).select(n);
  return fill(forms[category] ?? forms.other, { n: formatInt(lang, n) });
}

/** Fills {name} placeholders. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_m, name: string) => String(values[name] ?? `{${name}}`));
}

export interface Strings {
  siteTitle: string;
  intro: string;
  skip: string;
  language: string;
  reportHeading: string;
  title: string;
  publisher: string;
  dataOwner: string;
  period: string;
  sourceText: string;
  rankingHeading: string;
  tableCaption: string;
  rank: string;
  province: string;
  value: string;
  share: string;
  reported: string;
  derived: string;
  unknown: string;
  between: string;
  unknownFromRanking: string;
  chartsHeading: string;
  rankingChartTitle: string;
  rankingChartDesc: string;
  sharesChartTitle: string;
  sharesChartDesc: string;
  allOthers: string;
  including: string;
  million: string;
  chartAlone: string;
  totalHeading: string;
  totalText: string;
  totalMethod: string;
  boundsMethod: string;
  checksHeading: string;
  checksSummary: string;
  checksAllPass: string;
  /** "2 give a warning", by plural category (Intl.PluralRules); `other` is the fallback. */
  warnCount: Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
  failCount: Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
  and: string;
  warn: string;
  fail: string;
  readingsCheck: string;
  readingsWithin: Record<'certain' | 'possible' | 'impossible', string>;
  combinedCheck: string;
  combinationShown: string;
  combinationOther: string;
  verdictLine: string;
  atWords: Record<'holds' | 'fails', string>;
  withinWords: Record<'certain' | 'possible' | 'impossible', string>;
  moreThan: string;
  line: string;
  dataHeading: string;
  docsLink: string;
  openapiLink: string;
  csvHeading: string;
  csv: Record<
    | 'exports'
    | 'rankings'
    | 'shares'
    | 'summary'
    | 'checks'
    | 'figures'
    | 'provinces'
    | 'sources'
    | 'periods',
    string
  >;
  dataPackage: string;
  sourcePageHeading: string;
  highlighted: string;
  noHighlight: string;
  backHome: string;
  reportLanguage: string;
  footer: string;
  /** HTTP status titles on error pages; a status not listed keeps the problem's own (English) title. */
  statusTitles: Record<number, string>;
  /** Said on an error page before the problem's detail, which the API words in English only. */
  detailInEnglish: string;
}

export const T: Record<Lang, Strings> = {
  en: {
    siteTitle: "Iran's nano-technology exports by province",
    intro:
      'The figures of the report below, each linked to the words it comes from. Reported figures are quoted from the report; derived figures are computed from them; unknown figures are shown as the bounds the other figures allow.',
    skip: 'Skip to the content',
    language: 'Language',
    reportHeading: 'The report',
    title: 'Title',
    publisher: 'Publisher',
    dataOwner: 'Statistics from',
    period: 'Period',
    sourceText: 'Original text of the report',
    rankingHeading: 'Ranking of the provinces by export value',
    tableCaption: 'Each figure links to the sentence of the report it comes from.',
    rank: 'Rank',
    province: 'Province',
    value: 'Export value (USD)',
    share: 'Share of national exports',
    reported: 'reported',
    derived: 'derived',
    unknown: 'unknown',
    between: 'between {low} and {high}',
    unknownFromRanking: 'not reported; its rank puts it between its neighbours',
    chartsHeading: 'Charts',
    rankingChartTitle: 'Export value by province (million US dollars)',
    rankingChartDesc:
      'Bar chart of the ranked provinces. A province whose value is not reported is drawn as a dashed range between the bounds its rank allows, not as zero.',
    sharesChartTitle: 'Share of national nano-technology exports',
    sharesChartDesc:
      'Bar chart of the reported shares and of the remainder held by all other provinces together (derived: 100 minus the reported shares).',
    allOthers: 'All other provinces',
    including: 'including {names}',
    million: 'million',
    chartAlone: 'This chart on its own (SVG)',
    totalHeading: 'Implied national total',
    totalText:
      'The value and share pairs imply a national total of about {mid} USD, between {low} and {high}.',
    totalMethod:
      'Each province with both a value and a share implies a total of value ÷ share. Rounding makes each figure an interval, so each pair gives a range; the total lies where all the ranges meet.',
    boundsMethod:
      'Bounds of a figure the report does not give are derived: the rank puts the province between its neighbours, each taken as anything its rounding allows (30 million, stated to the million, may be 29.5 to 30.5 million); as a value is its share × the national total, the implied total narrows the bounds further. Every value the figures of the report allow lies within them.',
    checksHeading: 'Where the report disagrees with itself',
    checksSummary: '{pass} of {total} consistency checks pass; {others}:',
    checksAllPass: 'All {total} consistency checks pass.',
    warnCount: { one: '{n} gives a warning', other: '{n} give a warning' },
    failCount: { one: '{n} fails', other: '{n} fail' },
    and: ' and ',
    warn: 'warning',
    fail: 'failed',
    readingsCheck: '{province}: the report gives more than one {measure}: {list}. Shown: {shown}.',
    readingsWithin: {
      certain: 'Within their rounding they are the same figure.',
      possible: 'Within their rounding they may be the same figure.',
      impossible: 'Even within their rounding they cannot be the same figure.',
    },
    combinedCheck: '{names} together: the report says {statement}.',
    combinationShown:
      'The figures shown add up to {sum}: at these values it {at}; within their rounding ({low} to {high}) it {within}.',
    combinationOther:
      'Other readings add up to {sum}: at these values it {at}; within their rounding ({low} to {high}) it {within}.',
    verdictLine: 'At the stated values it {at}; within their rounding it {within}.',
    atWords: { holds: 'holds', fails: 'does not hold' },
    withinWords: { certain: 'holds for certain', possible: 'may hold', impossible: 'cannot hold' },
    moreThan: 'more than {value}',
    line: 'line {n}',
    dataHeading: 'Data and documentation',
    docsLink: 'Explore the API (interactive documentation)',
    openapiLink: 'OpenAPI description (JSON)',
    csvHeading: 'CSV downloads',
    csv: {
      exports: 'Exports by province',
      rankings: 'Ranking',
      shares: 'Shares',
      summary: 'Summary and national total',
      checks: 'Consistency checks',
      figures: 'Every figure of the reports, with its quote',
      provinces: 'Provinces',
      sources: 'Sources',
      periods: 'Periods',
    },
    dataPackage: 'All CSV tables as a data package (Frictionless, JSON)',
    sourcePageHeading: 'The text of the report',
    highlighted: 'The highlighted words are on line {n}.',
    noHighlight: 'No passage is highlighted.',
    backHome: 'Back to the overview',
    reportLanguage: 'The report is written in {language}.',
    footer: 'A read-only public API; every figure in its JSON carries the same provenance.',
    // The problem's own title is English already (http/problem.ts).
    statusTitles: {},
    detailInEnglish: '',
  },
  fa: {
    siteTitle: 'صادرات فناوری نانوی ایران به تفکیک استان',
    intro:
      'ارقام گزارش زیر، هر یک با پیوند به عبارتی که از آن آمده است. ارقام گزارش‌شده از متن گزارش نقل شده‌اند، ارقام محاسبه‌شده از آن‌ها به دست آمده‌اند و ارقام نامعلوم با کران‌هایی که ارقام دیگر اجازه می‌دهند نشان داده شده‌اند.',
    skip: 'رفتن به محتوا',
    language: 'زبان',
    reportHeading: 'گزارش',
    title: 'عنوان',
    publisher: 'ناشر',
    dataOwner: 'منبع آمار',
    period: 'دوره',
    sourceText: 'متن اصلی گزارش',
    rankingHeading: 'رتبه‌بندی استان‌ها بر پایه ارزش صادرات',
    tableCaption: 'هر رقم به جمله‌ای از گزارش که از آن آمده پیوند دارد.',
    rank: 'رتبه',
    province: 'استان',
    value: 'ارزش صادرات (دلار آمریکا)',
    share: 'سهم از صادرات کشور',
    reported: 'گزارش‌شده',
    derived: 'محاسبه‌شده',
    unknown: 'نامعلوم',
    between: 'بین {low} و {high}',
    unknownFromRanking: 'گزارش نشده؛ رتبه‌اش آن را میان استان‌های همسایه در رتبه‌بندی قرار می‌دهد',
    chartsHeading: 'نمودارها',
    rankingChartTitle: 'ارزش صادرات به تفکیک استان (میلیون دلار آمریکا)',
    rankingChartDesc:
      'نمودار میله‌ای استان‌های رتبه‌بندی‌شده. استانی که ارزش صادراتش گزارش نشده، به صورت بازه‌ای خط‌چین میان کران‌هایی که رتبه‌اش اجازه می‌دهد رسم شده است، نه صفر.',
    sharesChartTitle: 'سهم از صادرات ملی فناوری نانو',
    sharesChartDesc:
      'نمودار میله‌ای سهم‌های گزارش‌شده و باقی‌مانده‌ای که همه استان‌های دیگر با هم دارند (محاسبه‌شده: ۱۰۰ منهای سهم‌های گزارش‌شده).',
    allOthers: 'همه استان‌های دیگر',
    including: 'از جمله {names}',
    million: 'میلیون',
    chartAlone: 'همین نمودار به‌تنهایی (SVG)',
    totalHeading: 'کل صادرات کشور (برآوردشده)',
    totalText: 'جفت‌های ارزش و سهم، کل صادرات کشور را حدود {mid} دلار نشان می‌دهند؛ بین {low} و {high}.',
    totalMethod:
      'هر استانی که هم ارزش و هم سهمش گزارش شده، کلی برابر ارزش ÷ سهم را نتیجه می‌دهد. گرد شدن ارقام هر رقم را به یک بازه تبدیل می‌کند، پس هر جفت یک بازه می‌دهد و کل در جایی است که همه بازه‌ها به هم می‌رسند.',
    boundsMethod:
      'کران‌های رقمی که گزارش نمی‌دهد محاسبه‌شده‌اند: رتبه، استان را میان همسایه‌هایش در رتبه‌بندی قرار می‌دهد و هر همسایه با هر مقداری که گرد شدنش اجازه می‌دهد در نظر گرفته می‌شود (۳۰ میلیونِ گردشده به میلیون می‌تواند بین ۲۹٫۵ و ۳۰٫۵ میلیون باشد)؛ چون ارزش برابر سهم × کل صادرات کشور است، کل برآوردشده کران‌ها را تنگ‌تر می‌کند. هر مقداری که ارقام گزارش اجازه می‌دهند درون این کران‌هاست.',
    checksHeading: 'جاهایی که گزارش با خودش ناسازگار است',
    checksSummary: '{pass} بررسی از {total} بررسی سازگاری بی‌اشکال است؛ {others}:',
    checksAllPass: 'هر {total} بررسی سازگاری بی‌اشکال است.',
    warnCount: { other: '{n} بررسی هشدار می‌دهد' },
    failCount: { other: '{n} بررسی ناموفق است' },
    and: ' و ',
    warn: 'هشدار',
    fail: 'ناموفق',
    readingsCheck: '{province}: گزارش بیش از یک {measure} می‌دهد: {list}. رقم نمایش‌داده‌شده: {shown}.',
    readingsWithin: {
      certain: 'با در نظر گرفتن گرد شدن، این‌ها یک رقم‌اند.',
      possible: 'با در نظر گرفتن گرد شدن، ممکن است این‌ها یک رقم باشند.',
      impossible: 'حتی با در نظر گرفتن گرد شدن، این‌ها نمی‌توانند یک رقم باشند.',
    },
    combinedCheck: '{names} با هم: گزارش می‌گوید {statement}.',
    combinationShown:
      'مجموع ارقام نمایش‌داده‌شده {sum} است: با همین مقادیر، گفته گزارش {at}؛ با در نظر گرفتن گرد شدن ({low} تا {high})، {within}.',
    combinationOther:
      'مجموع خوانش‌های دیگر {sum} است: با همین مقادیر، گفته گزارش {at}؛ با در نظر گرفتن گرد شدن ({low} تا {high})، {within}.',
    verdictLine: 'با مقادیر گفته‌شده {at}؛ با در نظر گرفتن گرد شدن، {within}.',
    atWords: { holds: 'درست است', fails: 'درست نیست' },
    withinWords: {
      certain: 'قطعاً درست است',
      possible: 'ممکن است درست باشد',
      impossible: 'نمی‌تواند درست باشد',
    },
    moreThan: 'بیش از {value}',
    line: 'سطر {n}',
    dataHeading: 'داده‌ها و مستندات',
    docsLink: 'کاوش در API (مستندات تعاملی)',
    openapiLink: 'توصیف OpenAPI (JSON)',
    csvHeading: 'دریافت فایل‌های CSV',
    csv: {
      exports: 'صادرات به تفکیک استان',
      rankings: 'رتبه‌بندی',
      shares: 'سهم‌ها',
      summary: 'خلاصه و کل صادرات کشور',
      checks: 'بررسی‌های سازگاری',
      figures: 'همه ارقام گزارش‌ها، با نقل‌قول هر یک',
      provinces: 'استان‌ها',
      sources: 'منابع',
      periods: 'دوره‌ها',
    },
    dataPackage: 'همه جدول‌های CSV در قالب بسته داده (Frictionless، JSON)',
    sourcePageHeading: 'متن گزارش',
    highlighted: 'عبارت برجسته‌شده در سطر {n} است.',
    noHighlight: 'هیچ عبارتی برجسته نشده است.',
    backHome: 'بازگشت به صفحه اصلی',
    reportLanguage: 'گزارش به زبان {language} نوشته شده است.',
    footer: 'یک API عمومی فقط‌خواندنی؛ هر رقم در JSON آن همین منشأ را همراه دارد.',
    statusTitles: {
      400: 'درخواست نادرست',
      404: 'یافت نشد',
      405: 'روش مجاز نیست',
      406: 'قالب درخواستی در دسترس نیست',
      414: 'نشانی بیش از حد طولانی است',
      429: 'درخواست‌های بیش از حد',
      500: 'خطای داخلی سرور',
      503: 'سرویس در دسترس نیست',
    },
    detailInEnglish: 'جزئیات (به انگلیسی):',
  },
  ar: {
    siteTitle: 'صادرات تقنية النانو الإيرانية حسب المحافظة',
    intro:
      'أرقام التقرير أدناه، كلٌّ منها مرتبط بالكلمات التي ورد فيها. الأرقام المذكورة منقولة من التقرير، والأرقام المشتقة محسوبة منها، والأرقام غير المعروفة معروضة بالحدود التي تسمح بها الأرقام الأخرى.',
    skip: 'الانتقال إلى المحتوى',
    language: 'اللغة',
    reportHeading: 'التقرير',
    title: 'العنوان',
    publisher: 'الناشر',
    dataOwner: 'مصدر الإحصاءات',
    period: 'الفترة',
    sourceText: 'النص الأصلي للتقرير',
    rankingHeading: 'ترتيب المحافظات حسب قيمة الصادرات',
    tableCaption: 'كل رقم مرتبط بالجملة التي ورد فيها في التقرير.',
    rank: 'المرتبة',
    province: 'المحافظة',
    value: 'قيمة الصادرات (دولار أمريكي)',
    share: 'الحصة من الصادرات الوطنية',
    reported: 'مذكور',
    derived: 'مشتق',
    unknown: 'غير معروف',
    between: 'بين {low} و{high}',
    unknownFromRanking: 'غير مذكور؛ مرتبتها تضعها بين جارتيها في الترتيب',
    chartsHeading: 'الرسوم البيانية',
    rankingChartTitle: 'قيمة الصادرات حسب المحافظة (مليون دولار أمريكي)',
    rankingChartDesc:
      'رسم بياني بالأعمدة للمحافظات المرتبة. المحافظة التي لم تُذكر قيمتها مرسومة كمجال متقطع بين الحدين اللذين تسمح بهما مرتبتها، لا كصفر.',
    sharesChartTitle: 'الحصة من صادرات تقنية النانو الوطنية',
    sharesChartDesc:
      'رسم بياني بالأعمدة للحصص المذكورة وللباقي الذي تملكه جميع المحافظات الأخرى معاً (مشتق: ١٠٠ ناقص الحصص المذكورة).',
    allOthers: 'جميع المحافظات الأخرى',
    including: 'بما فيها {names}',
    million: 'مليون',
    chartAlone: 'هذا الرسم وحده (SVG)',
    totalHeading: 'الإجمالي الوطني المستنتج',
    totalText: 'تدل أزواج القيمة والحصة على إجمالي وطني يقارب {mid} دولار، بين {low} و{high}.',
    totalMethod:
      'كل محافظة ذُكرت قيمتها وحصتها معاً تدل على إجمالي يساوي القيمة ÷ الحصة. التقريب يجعل كل رقم مجالاً، فيعطي كل زوج مجالاً، والإجمالي يقع حيث تلتقي المجالات كلها.',
    boundsMethod:
      'حدود الرقم الذي لا يذكره التقرير مشتقة: المرتبة تضع المحافظة بين جارتيها في الترتيب، وتؤخذ كل جارة بأي قيمة يسمح بها تقريبها (٣٠ مليوناً مقرّبة إلى المليون قد تكون بين ٢٩٫٥ و٣٠٫٥ مليون)؛ ولأن القيمة تساوي الحصة × الإجمالي الوطني، فإن الإجمالي المستنتج يضيّق الحدود أكثر. كل قيمة تسمح بها أرقام التقرير تقع ضمنها.',
    checksHeading: 'حيث يناقض التقرير نفسه',
    checksSummary: 'اجتاز {pass} من أصل {total} من فحوص الاتساق؛ {others}:',
    checksAllPass: 'اجتازت فحوص الاتساق كلها ({total}).',
    warnCount: {
      one: 'فحص واحد يعطي تحذيراً',
      two: 'فحصان يعطيان تحذيراً',
      few: '{n} فحوص تعطي تحذيراً',
      many: '{n} فحصاً تعطي تحذيراً',
      other: '{n} فحص يعطي تحذيراً',
    },
    failCount: {
      one: 'فحص واحد فشل',
      two: 'فحصان فشلا',
      few: '{n} فحوص فشلت',
      many: '{n} فحصاً فشلت',
      other: '{n} فحص فشل',
    },
    and: ' و',
    warn: 'تحذير',
    fail: 'فشل',
    readingsCheck: '{province}: يذكر التقرير أكثر من {measure}: {list}. المعروض: {shown}.',
    readingsWithin: {
      certain: 'ضمن تقريبها هي الرقم نفسه.',
      possible: 'ضمن تقريبها قد تكون الرقم نفسه.',
      impossible: 'حتى ضمن تقريبها لا يمكن أن تكون الرقم نفسه.',
    },
    combinedCheck: '{names} معاً: يقول التقرير {statement}.',
    combinationShown:
      'مجموع الأرقام المعروضة {sum}: بهذه القيم {at}؛ وضمن تقريبها (من {low} إلى {high}) {within}.',
    combinationOther:
      'مجموع القراءات الأخرى {sum}: بهذه القيم {at}؛ وضمن تقريبها (من {low} إلى {high}) {within}.',
    verdictLine: 'بالقيم المذكورة {at}؛ وضمن تقريبها {within}.',
    atWords: { holds: 'يصحّ القول', fails: 'لا يصحّ القول' },
    withinWords: { certain: 'يصحّ حتماً', possible: 'قد يصحّ', impossible: 'لا يمكن أن يصحّ' },
    moreThan: 'أكثر من {value}',
    line: 'السطر {n}',
    dataHeading: 'البيانات والتوثيق',
    docsLink: 'استكشاف واجهة البرمجة (توثيق تفاعلي)',
    openapiLink: 'وصف OpenAPI (JSON)',
    csvHeading: 'تنزيلات CSV',
    csv: {
      exports: 'الصادرات حسب المحافظة',
      rankings: 'الترتيب',
      shares: 'الحصص',
      summary: 'الملخص والإجمالي الوطني',
      checks: 'فحوص الاتساق',
      figures: 'كل أرقام التقارير، مع اقتباس كل منها',
      provinces: 'المحافظات',
      sources: 'المصادر',
      periods: 'الفترات',
    },
    dataPackage: 'جداول CSV كلها كحزمة بيانات (Frictionless، JSON)',
    sourcePageHeading: 'نص التقرير',
    highlighted: 'الكلمات المميَّزة في السطر {n}.',
    noHighlight: 'لا يوجد مقطع مميَّز.',
    backHome: 'العودة إلى الصفحة الرئيسية',
    reportLanguage: 'التقرير مكتوب باللغة {language}.',
    footer: 'واجهة برمجة عامة للقراءة فقط؛ كل رقم في JSON الخاص بها يحمل المصدر نفسه.',
    statusTitles: {
      400: 'طلب غير صالح',
      404: 'غير موجود',
      405: 'الطريقة غير مسموح بها',
      406: 'الصيغة المطلوبة غير متاحة',
      414: 'العنوان طويل جدًا',
      429: 'طلبات كثيرة جدًا',
      500: 'خطأ داخلي في الخادم',
      503: 'الخدمة غير متاحة',
    },
    detailInEnglish: 'التفاصيل (بالإنجليزية):',
  },
};

/** A language's name in the page's language (for "the report is written in …"). */
export const LANGUAGE_NAME: Record<Lang, Record<string, string>> = {
  en: { ar: 'Arabic', fa: 'Persian', en: 'English' },
  fa: { ar: 'عربی', fa: 'فارسی', en: 'انگلیسی' },
  ar: { ar: 'العربية', fa: 'الفارسية', en: 'الإنجليزية' },
};

/** A measure's name in a language: from the measure's own entry (domain/measures.ts), not kept apart here. */
export const measureLabel = (lang: Lang, measure: Measure): string => MEASURE_INFO[measure].label[lang];
