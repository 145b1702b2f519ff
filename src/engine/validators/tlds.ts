/**
 * A compact set of real top-level domains (checked against the Public Suffix List's ICANN
 * section): every delegated two-letter country-code TLD, the legacy generic TLDs, and the
 * new generic TLDs common in addresses people type. Unknown TLDs reject a candidate email;
 * that is what keeps `icon@2x.png` and `lodash@4.17.21` from being reported.
 */

/** The 238 delegated country-code TLDs (ISO 3166 codes plus ac, eu, su, uk). */
const CC_TLDS =
  'ac ad ae af ag ai al am ao aq ar as at au aw ax az ba bb be bf bg bh bi bj bm bn bo br ' +
  'bs bt bv bw by bz ca cc cd cf cg ch ci cl cm cn co cr cu cv cw cx cy cz de dj dk dm do ' +
  'dz ec ee eg es et eu fi fj fm fo fr ga gb gd ge gf gg gh gi gl gm gn gp gq gr gs gt gu ' +
  'gw gy hk hm hn hr ht hu id ie il im in io iq ir is it je jo jp ke kg ki km kn kp kr kw ' +
  'ky kz la lb lc li lk lr ls lt lu lv ly ma mc md me mg mh mk ml mn mo mp mq mr ms mt mu ' +
  'mv mw mx my mz na nc ne nf ng ni nl no nr nu nz om pa pe pf ph pk pl pm pn pr ps pt pw ' +
  'py qa re ro rs ru rw sa sb sc sd se sg sh si sj sk sl sm sn so sr ss st su sv sx sy sz ' +
  'tc td tf tg th tj tk tl tm tn to tr tt tv tw tz ua ug uk us uy uz va vc ve vg vi vn vu ' +
  'wf ws ye yt zm zw';

/** Generic TLDs (233): legacy ones and common new gTLDs (.app, .dev, .shop, .tokyo, …). */
const GENERIC_TLDS =
  'academy accountant aero agency amazon amsterdam app apple art asia aws bank bar berlin ' +
  'best bid bio biz black blog blue bot build business cafe capital care careers cat center ' +
  'ceo chat city click cloud club codes coffee com community company computer consulting ' +
  'coop cricket date dating deals design dev digital direct download eco edu education ' +
  'email energy engineering enterprises estate events exchange expert express faith family ' +
  'farm finance financial fit fitness foundation fun fund gallery games garden gifts global ' +
  'gmail gold golf google gov graphics green group guide guru health help holdings host ' +
  'house how icu inc industries info ink institute insure int international investments ' +
  'jobs kiwi land law legal life limited link live llc llp loan lol london love ltd ' +
  'management market marketing mba med media men microsoft mil mobi mobile moe money museum ' +
  'nagoya name net network new news ninja nyc okinawa one online org osaka ovh page paris ' +
  'partners party photo photography photos pics pink plus post press pro productions ' +
  'properties pub racing red rest review reviews rocks run sale sbs school science security ' +
  'services shoes shop show site social software solar solutions soy space store stream ' +
  'studio support surf systems tax taxi team tech technology tel tips today tokyo tools top ' +
  'tours town toys trade training travel trust tube university uno vacations ventures video ' +
  'vip vision watch webcam website wiki win work works world xyz yokohama youtube zone';

/** Every known TLD, lower case. */
export const TLDS: ReadonlySet<string> = new Set(`${CC_TLDS} ${GENERIC_TLDS}`.split(' '));

/**
 * Internationalized TLDs people have addresses under, each as written and as its `xn--` (A-label)
 * form: country codes (`.рф`, `.укр`, `.中国`, `.香港`, `.台灣`, `.한국`, `.ไทย`, `.भारत`, …) and
 * the common generic ones (`.みんな`, `.コム`, `.公司`, `.网络`, `.онлайн`, `.сайт`, …).
 */
const IDN_TLD_PAIRS =
  'рф:xn--p1ai укр:xn--j1amh срб:xn--90a3ac бел:xn--90ais қаз:xn--80ao21a мкд:xn--d1alf ' +
  'мон:xn--l1acc бг:xn--90ae ею:xn--e1a4c ελ:xn--qxam 中国:xn--fiqs8s 中國:xn--fiqz9s ' +
  '香港:xn--j6w193g 台灣:xn--kprw13d 台湾:xn--kpry57d 澳門:xn--mix891f 新加坡:xn--yfro4i67o ' +
  '한국:xn--3e0b707e ไทย:xn--o3cw4h भारत:xn--h2brj9c みんな:xn--q9jyb4c コム:xn--tckwe ' +
  '公司:xn--55qx5d 网络:xn--io0a7i 在线:xn--3ds443g 世界:xn--rhqv96g 中文网:xn--fiq228c5hs ' +
  '网址:xn--ses554g 商城:xn--czru2d 移动:xn--6frz82g онлайн:xn--80asehdb сайт:xn--80aswg ' +
  'дети:xn--d1acj3b рус:xn--p1acf орг:xn--c1avg ком:xn--j1aef';

/** Internationalized TLDs, as written (lower case) and as `xn--` labels. */
export const IDN_TLDS: ReadonlySet<string> = new Set(IDN_TLD_PAIRS.split(/[ :]/));

/** True when `tld` (any case) is a known top-level domain. */
export function isKnownTld(tld: string): boolean {
  return tld.length >= 2 && tld.length <= 24 && TLDS.has(tld.toLowerCase());
}

/** True when `tld` is a known internationalized TLD, as written or as its `xn--` label. */
export function isIdnTld(tld: string): boolean {
  return tld.length >= 2 && tld.length <= 24 && IDN_TLDS.has(tld.toLowerCase());
}
