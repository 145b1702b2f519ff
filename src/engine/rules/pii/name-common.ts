/**
 * Full names with nothing around them, in Latin letters: `Send invoice to Taro Yamada`,
 * `Order for Maria Garcia`, `YAMADA TARO`. A common given name (the rule's keywords) and a common
 * surname, both capitalised (or both in capitals), one space apart, in either order for Japanese
 * names (`Yamada Taro`), with an optional middle initial (`John F. Kennedy`). Both words must be
 * on the lists, so a title-case label (`Grace Period`, `Max Retries`, `Bill Payment`) is not a
 * name: given names that are everyday words are left off the lists (will, mark, bill, max, jack,
 * rose, grace, may, june …), brands named after people (`Calvin Klein`, `Paul Smith`,
 * `Thomas Cook`) are listed as not names, and a field named for a brand or a maker (`brand`,
 * `manufacturer`, `designer`) holds a brand, not a person.
 *
 * A name that is not on the lists (`Hanako Kuroda`, a rare name) is not read: that needs a
 * named-entity model, which Veil does not have. A name in a field named for it (`full_name`) is
 * found by the field classifier instead.
 */
import type { Candidate, Hit, Rule, ScanContext } from '../../types.js';
import { wordEnd } from './name.js';
import { codeAt, isUpper, isWordChar } from './shared.js';

const words = (s: string): string[] => s.trim().split(/\s+/);

/** Common given names in English-speaking and European countries (lower case). */
const WESTERN_GIVEN = words(`
  james john robert michael william david richard joseph thomas charles christopher daniel
  matthew anthony donald steven stephen paul andrew joshua kenneth kevin brian george edward
  ronald timothy jason jeffrey ryan jacob gary nicholas eric jonathan larry justin scott brandon
  benjamin samuel gregory alexander patrick dennis jerry tyler aaron jose adam nathan henry
  douglas zachary peter kyle walter ethan jeremy harold keith christian roger noah gerald carl
  terry sean austin arthur lawrence jesse dylan bryan jordan billy bruce albert willie gabriel
  logan alan juan wayne ralph randy eugene vincent russell elijah louis bobby philip johnny liam
  oliver lucas mason luke carlos luis miguel antonio pedro manuel javier diego pablo alejandro
  francisco jorge sergio mario marco giovanni giuseppe luca matteo hans klaus stefan thomas
  andreas michael markus lukas felix jonas pierre jean-pierre jacques nicolas julien antoine
  mohammed muhammad ahmed omar hassan ibrahim yusuf mustafa ivan dmitri sergei mikhail andrei
  mary patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa nancy betty
  margaret sandra ashley kimberly emily donna michelle amanda dorothy melissa deborah stephanie
  rebecca sharon laura cynthia kathleen angela shirley anna brenda pamela emma nicole helen
  samantha katherine christine debra rachel carolyn janet catherine maria diane julie olivia
  joyce victoria kelly lauren christina joan evelyn judith megan andrea cheryl hannah jacqueline
  martha gloria teresa sara madison frances kathryn janice abigail alice julia judy sophia
  isabella denise danielle marilyn beverly charlotte natalie theresa diana brittany doris kayla
  alexis lori sophie chloe harper ella lucy claire anne jane elena sofia carmen lucia isabel
  fatima aisha priya anita sunita svetlana olga natasha ingrid astrid monika sabine claudia
  petra francesca giulia chiara valentina camille chantal isabelle nathalie sandrine
`);

/** Common Japanese given names, romanised (Hepburn, without long-vowel marks). */
const JAPANESE_GIVEN = words(`
  taro hanako ichiro jiro saburo kenji kenta hiroshi takeshi takashi satoshi yuki yuko yoko
  keiko akiko tomoko naoko kazuko michiko sachiko haruto sota yuto hinata sakura aoi riku daiki
  shota shun kaito haruka misaki nanami ayumi yumi megumi kaori miki rina airi hiroki kazuki
  yusuke daisuke kosuke shinji makoto koji masato naoki tsubasa tomoya takumi ryota yuta akira
  hideki masahiro kenichi shinichi junichi yoshiko ayaka asuka mayu nozomi chika mika erika saki
  haruki kazuya takuya tatsuya yuichi yoichi shigeru osamu minoru isamu hiroko noriko junko
  emiko reiko mariko yukiko kumiko mayumi yumiko atsushi tetsuya toshiya hayato sosuke ryosuke
  keisuke kohei shohei ryo yui mei
`);

/** Common surnames in English-speaking and European countries (lower case). */
const WESTERN_SURNAMES = words(`
  smith johnson williams brown jones garcia miller davis rodriguez martinez hernandez lopez
  gonzalez wilson anderson thomas taylor moore jackson martin lee perez thompson white harris
  sanchez clark clarke ramirez lewis robinson walker young allen king wright scott torres nguyen
  hill flores green adams nelson baker hall rivera campbell mitchell carter roberts gomez
  phillips evans turner diaz parker cruz edwards collins reyes stewart morris morales murphy
  cook rogers gutierrez ortiz morgan cooper peterson bailey reed kelly howard ramos kim cox ward
  richardson watson brooks chavez wood james bennett gray mendoza ruiz hughes price alvarez
  castillo sanders patel myers long ross foster jimenez powell jenkins perry russell sullivan
  bell coleman butler henderson barnes gonzales fisher vasquez simmons romero jordan patterson
  alexander hamilton graham reynolds griffin wallace moreno west cole hayes bryant herrera
  gibson ellis tran medina aguilar stevens murray ford castro marshall owens harrison fernandez
  mcdonald woods washington kennedy vargas henry chen freeman webb tucker guzman burns crawford
  olson simpson porter hunter gordon mendez silva shaw snyder mason dixon munoz hunt hicks
  holmes palmer wagner black robertson boyd stone salazar warren mills meyer rice schmidt garza
  daniels ferguson nichols stephens soto weaver ryan gardner payne grant dunn kelley spencer
  hawkins arnold pierce vazquez hansen peters santos hart bradley knight elliott cunningham
  duncan armstrong hudson carroll riley andrews alvarado delgado berry perkins hoffman johnston
  matthews pena richards contreras willis carpenter lawrence sandoval davies obrien oconnor
  mueller muller schneider fischer weber becker schulz hoffmann koch richter klein wolf
  schroeder neumann schwarz zimmermann braun krueger hartmann lange werner krause lehmann
  bernard dubois durand leroy moreau simon laurent lefebvre michel bertrand roux fournier morel
  girard mercier dupont lambert bonnet rossi russo ferrari esposito bianchi romano colombo
  ricci marino greco bruno gallo conti costa giordano rinaldi ivanov petrov smirnov kowalski
  nowak wang zhang liu yang huang zhao zhou chen lin park choi jung kang yoon jang pham hoang
  phan nguyen
`);

/** Common Japanese surnames, romanised (Hepburn, without long-vowel marks). */
const JAPANESE_SURNAMES = words(`
  sato suzuki takahashi tanaka watanabe ito yamamoto nakamura kobayashi kato yoshida yamada
  sasaki yamaguchi matsumoto inoue kimura hayashi shimizu yamazaki mori abe ikeda hashimoto
  yamashita ishikawa nakajima maeda fujita ogawa goto okada hasegawa murakami kondo ishii saito
  sakamoto endo aoki fujii nishimura fukuda ota miura fujiwara okamoto matsuda nakagawa nakano
  harada ono tamura takeuchi kaneko wada nakayama ishida ueda morita hara shibata sakai kudo
  yokoyama miyazaki miyamoto uchida takagi ando taniguchi ohno maruyama imai takada fujimoto
  takeda murata ueno sugiyama masuda sugawara hirano otsuka chiba kubo matsui iwasaki sakurai
  kinoshita noguchi matsuo nomura kikuchi sano onishi sugimoto arai
`);

/** Brands and places named after a person: not a person here. */
const NOT_PERSONS = new Set([
  'calvin klein',
  'anne klein',
  'paul smith',
  'john lewis',
  'ted baker',
  'thomas cook',
  'william hill',
  'kenneth cole',
  'vera wang',
  'alexander wang',
  'ann taylor',
  'sara lee',
  'vera bradley',
  'laura ashley',
  'laura mercier',
  'kevin murphy',
  'paul mitchell',
  'martha stewart',
  'john frieda',
]);

/** Fields that name a brand or a maker: a person's name there is the brand's (`brand: "Kate Spade"`). */
const BRAND_FIELD =
  /(?:^|_)(?:brand|brands|brand_name|manufacturer|make|maker|vendor|label|designer)$/;

const GIVEN = new Set([...WESTERN_GIVEN, ...JAPANESE_GIVEN]);
const JP_GIVEN = new Set(JAPANESE_GIVEN);
const SURNAMES = new Set([...WESTERN_SURNAMES, ...JAPANESE_SURNAMES]);
const JP_SURNAMES = new Set(JAPANESE_SURNAMES);

/** End of the all-capitals word at `i` (`YAMADA`), or `i` when none starts there. */
function capsEnd(text: string, i: number): number {
  let e = i;
  while (e - i < 30 && isUpper(codeAt(text, e))) e++;
  return e - i >= 2 && !isWordChar(codeAt(text, e)) ? e : i;
}

/** How the first word of a name is written; the second must be written the same way. */
type Written = 'capitalised' | 'caps' | 'lower';

/** End of the name word at `i`, written as `how`, or `i` when none starts there. */
function nameWordEnd(text: string, i: number, how: Written): number {
  return how === 'caps' ? capsEnd(text, i) : how === 'lower' ? lowerEnd(text, i) : wordEnd(text, i);
}

/** `O'Brien` → `obrien`, `Smith-Jones` → `smith`: the part the lists hold. */
function listed(word: string): string {
  const hyphen = word.indexOf('-', 1);
  return (hyphen > 0 ? word.slice(0, hyphen) : word).replace(/'/g, '').toLowerCase();
}

/** A middle initial after `at` (`F. ` or `F `): where the next word starts, or `at`. */
function afterInitial(text: string, at: number, how: Written): number {
  if (how !== 'capitalised' || !isUpper(codeAt(text, at))) return at;
  const dot = codeAt(text, at + 1) === 46 ? 1 : 0;
  return codeAt(text, at + 1 + dot) === 32 && isUpper(codeAt(text, at + 2 + dot))
    ? at + 2 + dot
    : at;
}

function isAsciiLetter(c: number): boolean {
  return isUpper(c) || (c >= 97 && c <= 122);
}

function candidate(
  text: string,
  start: number,
  end: number,
  ctx: ScanContext,
): Candidate | undefined {
  if (isWordChar(codeAt(text, end))) return undefined;
  if (ctx.key.length > 0 && ctx.key.length <= 64 && BRAND_FIELD.test(ctx.key)) return undefined;
  const both = text
    .slice(start, end)
    .toLowerCase()
    .replace(/\s+[a-z]\.?(?=\s)/, '');
  return NOT_PERSONS.has(both) ? undefined : { start, end };
}

/** End of the lower-case word at `i` (`yamada`, `o'brien`), or `i` when none starts there. */
function lowerEnd(text: string, i: number): number {
  let e = i;
  while (e - i < 30) {
    const c = codeAt(text, e);
    if ((c >= 97 && c <= 122) || ((c === 39 || c === 45) && e > i && isLower(codeAt(text, e + 1))))
      e++;
    else break;
  }
  return e - i >= 2 && !isWordChar(codeAt(text, e)) ? e : i;
}

function isLower(c: number): boolean {
  return c >= 97 && c <= 122;
}

/** Categories of fields where people type names in lower case: search boxes. */
const LOWER_CASE_FIELDS = 'user.behavior.search_history';

/**
 * A given name (the keyword hit) and a surname written the same way, one space apart:
 * capitalised or in capitals anywhere (`Taro Yamada`, `MARIA GARCIA`), in lower case only in a
 * search box, where people type names as they come (`taro yamada lawyer`).
 */
function findCommonName(text: string, hit: Hit, ctx: ScanContext): Candidate | undefined {
  const s = hit.start;
  if (isWordChar(codeAt(text, s - 1))) return undefined;
  const c = codeAt(text, s);
  let how: Written;
  if (isUpper(c)) how = capsEnd(text, s) === hit.end ? 'caps' : 'capitalised';
  else if (isLower(c) && ctx.keyCategory?.startsWith(LOWER_CASE_FIELDS) === true) how = 'lower';
  else return undefined;
  if (nameWordEnd(text, s, how) !== hit.end) return undefined;
  // Given name first: `Taro Yamada`, `John F. Kennedy`, `MARIA GARCIA`, `taro yamada`.
  if (codeAt(text, hit.end) === 32) {
    const from = afterInitial(text, hit.end + 1, how);
    const end = nameWordEnd(text, from, how);
    if (end > from && SURNAMES.has(listed(text.slice(from, end))))
      return candidate(text, s, end, ctx);
  }
  // Surname first, for Japanese names: `Yamada Taro`, `YAMADA TARO`, `yamada taro`.
  if (JP_GIVEN.has(text.slice(s, hit.end).toLowerCase()) && codeAt(text, s - 1) === 32) {
    let b = s - 2;
    while (b >= 0 && s - 1 - b <= 30 && isAsciiLetter(text.charCodeAt(b))) b--;
    const from = b + 1;
    if (from < s - 1 && !isWordChar(codeAt(text, from - 1))) {
      const word = text.slice(from, s - 1);
      if (nameWordEnd(text, from, how) === s - 1 && JP_SURNAMES.has(word.toLowerCase()))
        return candidate(text, from, hit.end, ctx);
    }
  }
  return undefined;
}

/** The rule. */
export const commonNameRules: readonly Rule[] = [
  {
    id: 'person_full_name',
    category: 'user.name',
    description:
      'A common given name and a common surname together: Taro Yamada, Yamada Taro, Maria Garcia.',
    keywords: [...GIVEN],
    find: findCommonName,
    confidence: 0.6,
    examples: {
      positive: [
        { text: 'Send invoice to Taro Yamada', match: 'Taro Yamada' },
        { text: 'Order for Maria Garcia (2 items)', match: 'Maria Garcia' },
        { text: 'Profile – Hanako Suzuki', match: 'Hanako Suzuki' },
        { text: '担当: Yamada Taro', match: 'Yamada Taro' },
        { text: 'NAME: YAMADA TARO', match: 'YAMADA TARO' },
        { text: 'signed by John F. Kennedy', match: 'John F. Kennedy' },
        { text: "reply to Sean O'Brien today", match: "Sean O'Brien" },
        { text: 'shared with Emily Smith-Jones', match: 'Emily Smith-Jones' },
        { text: 'Delete account of Kenji Watanabe?', match: 'Kenji Watanabe' },
        { text: 'gift for Maria Garcia', key: 'brand_notes', match: 'Maria Garcia' },
        {
          text: 'taro yamada lawyer tokyo',
          key: 'search_query',
          match: 'taro yamada',
        },
        {
          text: 'contract yamada taro',
          key: 'q',
          match: 'yamada taro',
        },
      ],
      negative: [
        { text: 'Maria Garcia', key: 'brand' },
        { text: 'Kevin Smith Studio', key: 'product_brand' },
        { text: 'Taro Yamada', key: 'manufacturer' },
        'Laura Mercier Powder',
        'Grace Period ended',
        'Max Retries reached',
        'Bill Payment',
        'Will Smith',
        'Mark Complete',
        'Calvin Klein Jeans',
        'Paul Smith wallet',
        'Thomas Cook holidays',
        'Victoria Station',
        'Jordan Retro 4',
        'jordan smith lowercase',
        { text: 'jordan smith shoes', key: 'comment' },
        { text: 'paul smith wallet', key: 'search_query' },
        { text: 'grace period', key: 'q' },
        'Johnsonville Smith',
        'DavidSmith',
        'Taro Yamadas',
        'Taro Yamada2',
        'Taro  Yamada',
        'Yamada Corp Taro',
        'Maria Garciaz',
        'Kevin Longworth',
        'Brown Taro',
      ],
    },
  },
];
