// Province lookup: every spelling people type (Latin, Persian, Arabic, report spellings) finds the right ISO code.
import { describe, expect, it } from 'vitest';
import { loadSnapshot } from '../../src/db/load-snapshot.ts';
import { normalizeName, ProvinceIndex } from '../../src/domain/names.ts';
import { seededDb } from '../helpers/app.ts';

const provinces = loadSnapshot(seededDb()).provinces;
const index = new ProvinceIndex(provinces);

const ZWNJ = '\u200c';
const TATWEEL = '\u0640';

describe('normalizeName', () => {
  it('ignores letter case, Latin diacritics, spaces, hyphens and punctuation', () => {
    expect(normalizeName('Isfahan')).toBe('isfahan');
    expect(normalizeName('ISFAHAN')).toBe('isfahan');
    expect(normalizeName('Eşfahān')).toBe('esfahan');
    expect(normalizeName('Būshehr')).toBe('bushehr');
    expect(normalizeName('East Azerbaijan')).toBe('eastazerbaijan');
    expect(normalizeName('east-azerbaijan')).toBe('eastazerbaijan');
    expect(normalizeName('  Kohgiluyeh and Boyer-Ahmad. ')).toBe('kohgiluyehandboyerahmad');
  });

  it('drops filler words around a name', () => {
    expect(normalizeName('Isfahan Province')).toBe('isfahan');
    expect(normalizeName('the Isfahan province')).toBe('isfahan');
    expect(normalizeName('Ostan-e Isfahan')).toBe('eisfahan');
    expect(normalizeName('محافظة أصفهان')).toBe('اصفهان');
    expect(normalizeName('استان اصفهان')).toBe('اصفهان');
  });

  it('maps hamza forms, ya, kaf, gaf, che and ta marbuta to one letter each', () => {
    expect(normalizeName('اصفهان')).toBe('اصفهان');
    expect(normalizeName('أصفهان')).toBe('اصفهان');
    expect(normalizeName('إصفهان')).toBe('اصفهان');
    expect(normalizeName('آذربایجان شرقی')).toBe('اذربايجانشرقي');
    expect(normalizeName('يزد')).toBe('يزد');
    expect(normalizeName('یزد')).toBe('يزد');
    expect(normalizeName('كرمانشاه')).toBe('کرمانشاه');
    expect(normalizeName('کرمانشاه')).toBe('کرمانشاه');
    expect(normalizeName('گلستان')).toBe('کلستان');
    expect(normalizeName('كلستان')).toBe('کلستان');
    expect(normalizeName('غلستان')).toBe('کلستان');
    expect(normalizeName('چهارمحال و بختیاری')).toBe('جهارمحالوبختياري');
    expect(normalizeName('جهارمحال وبختياري')).toBe('جهارمحالوبختياري');
  });

  it('drops ZWNJ, tatweel and Arabic diacritics', () => {
    expect(normalizeName(`اص${ZWNJ}فهان`)).toBe('اصفهان');
    expect(normalizeName(`اصـفهان`)).toBe('اصفهان');
    expect(normalizeName(`اص${TATWEEL}${TATWEEL}فهان`)).toBe('اصفهان');
    expect(normalizeName('أَصْفَهَان')).toBe('اصفهان');
  });

  it('returns an empty string for input with no letters', () => {
    expect(normalizeName('')).toBe('');
    expect(normalizeName(' - . ')).toBe('');
    expect(normalizeName('Province')).toBe('');
  });
});

describe('ProvinceIndex.find', () => {
  const cases: [string, string][] = [
    // Isfahan
    ['Isfahan', 'IR-10'],
    ['ISFAHAN', 'IR-10'],
    ['Esfahan', 'IR-10'],
    ['Eşfahān', 'IR-10'],
    ['isfahan', 'IR-10'],
    ['ir-10', 'IR-10'],
    ['IR-10', 'IR-10'],
    [' IR-10 ', 'IR-10'],
    ['اصفهان', 'IR-10'],
    ['أصفهان', 'IR-10'],
    ['إصفهان', 'IR-10'],
    [`اص${ZWNJ}فهان`, 'IR-10'],
    [`اصف${TATWEEL}هان`, 'IR-10'],
    ['محافظة أصفهان', 'IR-10'],
    ['استان اصفهان', 'IR-10'],
    ['Isfahan Province', 'IR-10'],
    // Tehran
    ['طهران', 'IR-23'],
    ['تهران', 'IR-23'],
    ['Tehran', 'IR-23'],
    ['Teheran', 'IR-23'],
    // East Azerbaijan
    ['آذربایجان شرقی', 'IR-03'],
    ['آذربايجان الشرقية', 'IR-03'],
    ['أذربيجان الشرقية', 'IR-03'],
    ['East Azerbaijan', 'IR-03'],
    ['east-azerbaijan', 'IR-03'],
    // Yazd: Arabic and Persian ya
    ['يزد', 'IR-21'],
    ['یزد', 'IR-21'],
    // Kermanshah: Arabic and Persian kaf
    ['كرمانشاه', 'IR-05'],
    ['کرمانشاه', 'IR-05'],
    // Golestan
    ['گلستان', 'IR-27'],
    ['كلستان', 'IR-27'],
    ['غلستان', 'IR-27'],
    // Chaharmahal and Bakhtiari
    ['چهارمحال و بختیاری', 'IR-14'],
    ['جهارمحال وبختياري', 'IR-14'],
    // Markazi
    ['مرکزی', 'IR-00'],
    ['مركزي', 'IR-00'],
    // Alborz
    ['البرز', 'IR-30'],
    ['ألبرز', 'IR-30'],
    // Qazvin
    ['قزوين', 'IR-26'],
    ['قزوین', 'IR-26'],
    // Bushehr
    ['بوشهر', 'IR-18'],
    ['Būshehr', 'IR-18'],
    // Kerman is not Kermanshah
    ['Kerman', 'IR-08'],
    ['كرمان', 'IR-08'],
  ];

  it.each(cases)('finds %s as %s', (input, code) => {
    expect(index.find(input)?.code).toBe(code);
  });

  it.each(['Atlantis', 'IR-99', 'ir-', '', '   ', 'Isfahn', 'Tehrn', 'zzzzzzzzzzzz', 'مدينة'])(
    'returns undefined for the unknown name %j',
    (input) => {
      expect(index.find(input)).toBeUndefined();
    },
  );
});

describe('ProvinceIndex.suggest', () => {
  it('puts Isfahan first for "Isfahn"', () => {
    const s = index.suggest('Isfahn');
    expect(s[0]?.province.code).toBe('IR-10');
    expect(s[0]?.distance).toBe(1);
  });

  it('puts Tehran first for "Tehrn"', () => {
    const s = index.suggest('Tehrn');
    expect(s[0]?.province.code).toBe('IR-23');
    expect(s[0]?.distance).toBe(1);
  });

  it('returns nothing for garbage or empty input', () => {
    expect(index.suggest('zzzzzzzzzzzz')).toEqual([]);
    expect(index.suggest('')).toEqual([]);
    expect(index.suggest('!!!')).toEqual([]);
  });

  it('suggests every province whose name contains what was typed', () => {
    expect(index.suggest('Khorasan').map((x) => [x.province.code, x.distance])).toEqual([
      ['IR-09', 0.5],
      ['IR-28', 0.5],
      ['IR-29', 0.5],
    ]);
  });

  it('returns at most `max` suggestions, best first, ties in code order', () => {
    const s = index.suggest('Kerman', 2).map((x) => [x.province.code, x.distance]);
    expect(s).toEqual([
      ['IR-08', 0],
      ['IR-05', 0.5],
    ]);
    expect(index.suggest('Kermanshaa').map((x) => [x.province.code, x.distance])).toEqual([
      ['IR-05', 1],
      ['IR-08', 4],
    ]);
  });
});

describe('every province of the seeded snapshot', () => {
  it('has 31 provinces with distinct codes and slugs', () => {
    expect(provinces).toHaveLength(31);
    expect(new Set(provinces.map((p) => p.code)).size).toBe(31);
    expect(new Set(provinces.map((p) => p.slug)).size).toBe(31);
  });

  it.each(provinces.map((p) => [p.code, p] as const))(
    '%s is found by its English, Persian and Arabic names, ISO name, slug and code',
    (code, p) => {
      const spellings = [
        p.names.en,
        p.names.en.toUpperCase(),
        p.names.fa,
        p.names.ar,
        p.isoName,
        p.slug,
        p.code,
        p.code.toLowerCase(),
        ...p.aliases.map((a) => a.alias),
      ];
      for (const s of spellings) {
        expect({ spelling: s, code: index.find(s)?.code }).toEqual({ spelling: s, code });
      }
    },
  );
});
