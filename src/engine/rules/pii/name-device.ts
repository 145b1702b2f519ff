/**
 * A person's name as the owner of a device: iOS, macOS and Android name devices after their owner
 * (`Taro's iPhone`, `Hanako’s MacBook Pro`), and those names reach free text (`Synced from Taro's
 * iPhone`, a sync log, a support note). The owner is one or two capitalised words right before
 * `'s` (or `’s`) and a device word; companies and words that own devices without being people
 * (`Apple's iPhone`, `Today's Pixel deals`, `Mom's phone`) are not names.
 */
import type { Candidate, Hit, Rule } from '../../types.js';
import { codeAt, isLetter, isWordChar } from './shared.js';

const DEVICES = (
  'iphone ipad ipod macbook imac mac pixel galaxy laptop phone android watch airpods kindle ' +
  'surface thinkpad pc computer tablet'
).split(' ');

/** Owners that are not a person's name: companies, roles, relatives, time words, pronouns. */
const NOT_OWNERS = new Set(
  (
    'apple google samsung amazon verizon microsoft sony motorola nokia huawei xiaomi oneplus ' +
    'lenovo dell hp asus acer vodafone docomo softbank rakuten kddi sprint comcast walmart ' +
    'target costco today yesterday tomorrow tonight week month year world everyone everybody ' +
    'someone somebody anyone nobody one other user users customer customers owner child kid ' +
    'parent family company team mom mum dad mother father wife husband son daughter brother ' +
    'sister friend boss guest visitor member employee admin it that this there here what who ' +
    'the a an my your his her their our'
  ).split(' '),
);

/** Longest owner name read, in characters. */
const MAX_OWNER = 40;

/** `[start, end)` is one capitalised word of letters (`Taro`, `McDonald`; not `TARO`, `taro`). */
function capitalised(text: string, start: number, end: number): boolean {
  const first = text.charCodeAt(start);
  if (first < 65 || first > 90) return false;
  for (let i = start + 1; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 97 && c <= 122) return true;
  }
  return false;
}

const APOSTROPHES = new Set([39, 0x2019]); // ' ’

function findDeviceOwner(text: string, hit: Hit): Candidate | undefined {
  // The device word ends the keyword: `'s iPhone 15` and `'s MacBook Pro`, not `'s phonebook`.
  if (isLetter(codeAt(text, hit.end))) return undefined;
  // The keyword is `s <device>` (ASCII, so the automaton stays small): the apostrophe before it.
  const end = hit.start - 1;
  if (!APOSTROPHES.has(codeAt(text, end))) return undefined;
  let start = end;
  while (start > 0 && end - start < MAX_OWNER && isLetter(text.charCodeAt(start - 1))) start--;
  if (start === end || isWordChar(codeAt(text, start - 1))) return undefined;
  // Capitalised as a name is (`Taro`, `McDonald`); `TARO` and `taro` are left alone.
  if (!capitalised(text, start, end)) return undefined;
  if (NOT_OWNERS.has(text.slice(start, end).toLowerCase())) return undefined;
  // A family name before it: `Taro Yamada's iPhone`.
  if (codeAt(text, start - 1) === 32) {
    let s = start - 1;
    while (s > 0 && start - 1 - s < MAX_OWNER && isLetter(text.charCodeAt(s - 1))) s--;
    const word = text.slice(s, start - 1);
    if (
      s < start - 1 &&
      !isWordChar(codeAt(text, s - 1)) &&
      capitalised(text, s, start - 1) &&
      !NOT_OWNERS.has(word.toLowerCase())
    )
      start = s;
  }
  return { start, end };
}

/** The rule. */
export const deviceOwnerRules: readonly Rule[] = [
  {
    id: 'device_owner_name',
    category: 'user.name',
    description: 'A name as a device’s owner: Taro’s iPhone, Hanako Kuroda’s MacBook Pro.',
    keywords: DEVICES.map((d) => `s ${d}`),
    find: findDeviceOwner,
    confidence: 0.6,
    examples: {
      positive: [
        { text: "Synced from Taro's iPhone", match: 'Taro' },
        { text: 'Backup of Hanako Kuroda’s MacBook Pro finished', match: 'Hanako Kuroda' },
        { text: "device: Kenji's Pixel 8", match: 'Kenji' },
        { text: "Sean's iPad", match: 'Sean' },
      ],
      negative: [
        "Apple's iPhone 16 launch",
        "Today's Pixel deals",
        "Mom's phone",
        "the user's phone number",
        "TARO'S IPHONE",
        "taro's iphone",
        "Taro's phonebook",
        "Samsung's Galaxy S24",
        "A1's iPhone",
      ],
    },
  },
];
