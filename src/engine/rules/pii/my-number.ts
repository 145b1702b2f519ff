/**
 * Japanese My Number (個人番号): 12 digits with the official check digit. With context (a My
 * Number field, or マイナンバー / 個人番号 / my number within 24 characters before) confidence is
 * high. Without it, the 4-4-4 form (spaces or dashes) is reported at lower confidence, and so is
 * a bare 12-digit number standing alone — except where a field name (`order_id`, `invoice_no`,
 * `total`), a JSON/query key written just before (`"order_id":"…"`) or a label right before it
 * (注文番号：, 伝票番号, 会員番号, Order #, Tracking ID, invoice no., …) says the number is the app's own. About one in
 * eleven random 12-digit numbers passes the check digit, so a free-text order number is
 * occasionally redacted: the firewall errs toward not sending a national id. Corporate numbers (法人番号, 13 digits, check
 * digit first) are public, not personal: never reported, and `法人番号` nearby vetoes a match.
 */
import { isValidMyNumber } from '../../validators/my-number.js';
import type { Candidate, Hit, Rule, ScanContext } from '../../types.js';
import {
  allSeps,
  contextBefore,
  fieldIs,
  isIdLikeKey,
  isIdLikeName,
  keyBefore,
  readGroups,
  standsAlone,
} from './shared.js';

const MY_NUMBER_WORDS = /マイナンバー|個人番号|my[ _-]?number|individual[ _-]?number|kojin_?bango/i;
const MY_NUMBER_KEY = /my_?number|kojin_?bango|個人番号|マイナンバー/;
const CORPORATE_WORDS = /法人番号|corporate ?number|houjin/i;
/**
 * A label naming the app's own number, written right before it: `注文番号：`, `ご注文番号`,
 * `伝票番号 `, `Order #`, `order `, `Tracking ID `, `invoice no. `. Only a label that ends where
 * the number starts counts (`Support ticket: user pasted …` or `お問い合わせ先は…` does not).
 */
const ID_LABEL =
  /(?:注文(?:番号)?|(?:伝票|追跡|問い?合わ?せ|受付|予約|会員|顧客|お客様|請求)番号|\b(?:order|tracking|invoice|booking|reservation|transaction|ticket|shipment|parcel|serial|member(?:ship)?)(?:[ _-]?(?:no\.?|number|num|id|ref))?)[\s+]?[:：#＃は]?[\s+]?#?$/i;
const WINDOW = 24;
/** Words of id-like names too generic to say whose number it is (`ref`, `ref_code`, `code`). */
const GENERIC_ID_WORDS = /(?:^|_)(?:ref|reference|code)(?=_|$)/g;

/**
 * True when `key` is id-like only through generic words: `ref_code`, `?ref=`, `code` (a referral
 * or promo code is as likely as the app's own number). A valid My Number there is reported: it is
 * a regulated national id, and redacting a code that happens to pass its check digit costs less
 * than sending one. `order_ref`, `tracking_code` still name the app's own number.
 */
function onlyGeneric(key: string): boolean {
  return !isIdLikeName(key.replace(GENERIC_ID_WORDS, ''));
}

function isOwnIdName(key: string): boolean {
  return isIdLikeName(key) && !onlyGeneric(key);
}

function hasContext(text: string, start: number, ctx: ScanContext): boolean {
  return (
    fieldIs(ctx, 'user.government_id.national_identification_number', MY_NUMBER_KEY) ||
    contextBefore(text, start, WINDOW, MY_NUMBER_WORDS)
  );
}

function findMyNumber(text: string, hit: Hit, ctx: ScanContext): Candidate | undefined {
  const { start, end } = hit;
  if (!standsAlone(text, start, end)) return undefined;
  const g = readGroups(text, start, end, 12);
  if (g === undefined || g.digits.length !== 12) return undefined;
  const separated = g.groups.length > 1;
  if (separated && (g.groups.join(',') !== '4,4,4' || !(allSeps(g, ' ') || allSeps(g, '-'))))
    return undefined;
  if (!isValidMyNumber(g.digits) || contextBefore(text, start, WINDOW, CORPORATE_WORDS))
    return undefined;
  if (hasContext(text, start, ctx)) return { start, end, confidence: 0.95 };
  // Without My Number context, a field, key or word naming an order, tracking or member number
  // says the number is the app's own (`{"order_id":"…"}`, `注文番号：1234-5678-9018`).
  if (
    (isIdLikeKey(ctx) && !onlyGeneric(ctx.key)) ||
    isOwnIdName(keyBefore(text, start)) ||
    contextBefore(text, start, WINDOW, ID_LABEL)
  )
    return undefined;
  return { start, end, confidence: separated ? 0.6 : 0.55 };
}

/** My Number rules. */
export const myNumberRules: readonly Rule[] = [
  {
    id: 'jp_my_number',
    category: 'user.government_id.national_identification_number',
    description: 'Japanese My Number (個人番号): 12 digits, check digit; bare digits need context.',
    digits: { min: 12, max: 12 },
    find: findMyNumber,
    confidence: 0.95,
    examples: {
      positive: [
        { text: 'マイナンバー: 1234 5678 9018', match: '1234 5678 9018' },
        { text: '{"mynumber":"123456789018"}', key: 'mynumber', match: '123456789018' },
        { text: '個人番号は123456789018です', match: '123456789018' },
        { text: 'id 1234-5678-9018 を登録', match: '1234-5678-9018' },
        { text: '個人番号：１２３４－５６７８－９０１８', match: '１２３４－５６７８－９０１８' },
        { text: 'note: 123456789018 please', match: '123456789018' },
        { text: '5729-5698-9527', key: 'ref_code', match: '5729-5698-9527' },
        { text: '/cart?ref=1255 0691 6370', match: '1255 0691 6370' },
      ],
      negative: [
        { text: '123456789018', key: 'order_id' },
        { text: '123456789018', key: 'invoice_no' },
        'マイナンバー 123456789012',
        '法人番号 1234-5678-9018',
        '法人番号 7000012050002',
        'order 2024-0001-2345',
        'ORD-123456789018',
        '注文番号：1234-5678-9018',
        'Tracking ID 1234 5678 9018',
        { text: '1234 5678 9018', key: 'tracking_number' },
        { text: '1234 5678 9018', key: 'order_ref' },
        '?tracking_code=123456789018',
        '{"order_id":"123456789018"}',
        'https://shop.example.com/track?orderId=123456789018',
        '1234 5678 9018 7',
        '1732291200000',
      ],
    },
  },
];
