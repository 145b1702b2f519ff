/**
 * The detection engine's data types. Rules are data: everything a rule needs to be
 * triggered, matched, validated and tested lives in its `Rule` object.
 */

/** A data category name from the Fides taxonomy (see categories.ts), e.g. `user.contact.email`. */
export type Category = string;

/** A decoding layer the engine looked through to find something. */
export type Encoding = 'json' | 'url' | 'base64' | 'escape' | 'html' | 'nfkc';

/** One thing found in a JSON value. */
export interface Finding {
  /** Path of the value inside the scanned document: `properties.items[0].email`. */
  readonly path: string;
  /** What was found: the id of the rule (`openai_api_key`, `email`, …). */
  readonly kind: string;
  /** Category of what was found. */
  readonly category: Category;
  /**
   * UTF-16 offsets of the finding in the original string value, end exclusive, so the caller
   * can redact exactly `value.slice(start, end)`. For non-string values (numbers) the span covers
   * `String(value)`.
   */
  readonly start: number;
  readonly end: number;
  /** 0..1: how sure the engine is (validators raise it, weak context lowers it). */
  readonly confidence: number;
  /** `value`: the content matched a rule; `key`: the field name classified the value. */
  readonly source: 'value' | 'key';
  /** Decoding layers looked through, outermost first; absent when matched in the raw string. */
  readonly encoding?: readonly Encoding[];
  /** For findings inside a JSON document stored in the string: the path within that document. */
  readonly innerPath?: string;
}

/** Where a string was found: gives rules field-name context. */
export interface ScanContext {
  /** Normalized name of the field holding the value (`user_email` → `user_email`), '' if none. */
  readonly key: string;
  /** Category the field-name classifier gave the field, if any. */
  readonly keyCategory: Category | undefined;
}

/**
 * A keyword or trigger hit in the text being scanned. The scanner reuses one hit object for
 * every call: a rule may read it during the call but must not keep it.
 */
export interface Hit {
  /** Offset of the first character of the hit (for digit runs: first char of the run). */
  readonly start: number;
  /** Offset just after the hit. */
  readonly end: number;
  /**
   * The keyword as written in the rule, or `#digits` for a digit run, or `#field` when the rule
   * runs because of the field name (start 0, end text length).
   */
  readonly keyword: string;
  /**
   * For digit runs: how many ASCII digits the run holds. For a text hit (`#text`): how many
   * matches the work budget pays for (a rule may stop one past it; the scanner cuts the string
   * at the first unpaid match). 0 otherwise.
   */
  readonly digits: number;
}

/** A span a rule's `find` function reports. */
export interface Candidate {
  readonly start: number;
  readonly end: number;
  /** Overrides the rule's confidence for this match. */
  readonly confidence?: number;
  /** Overrides the rule's id as the finding kind (e.g. `ipv4_private`). Must be listed in `kinds`. */
  readonly kind?: string;
}

/** An example the rule test runs: positive ones must be found, negative ones must not. */
export type Example =
  | string
  | {
      /** The text to scan. */
      readonly text: string;
      /** Field name the text sits in (affects context-dependent rules). */
      readonly key?: string;
      /** For positive examples: the exact substring that must be reported. */
      readonly match?: string;
      /** For positive examples whose finding kind differs from the rule id (see `kinds`). */
      readonly kind?: string;
    };

/**
 * A detection rule. How it runs:
 *
 * 1. Triggers. Stage 1 runs one Aho-Corasick pass over the (ASCII-folded) text for the
 *    `keywords` of all rules and collects digit runs. A rule runs only when one of its triggers
 *    hit: a keyword; a digit run whose digit count lies in `digits`; or, with `fields`, the
 *    field name's category (then the whole value is one hit with keyword `#field`).
 * 2. Match. Exactly one of:
 *    - `pattern` with `anchor: 'keyword'` (default): the regex must carry the `y` (sticky) flag;
 *      it is executed at `hit.start - (offset ?? 0)` and must match there. Use it for tokens that
 *      start with their keyword (`ghp_…`). Unless `boundary: false`, the character before the
 *      match must not be a letter or digit.
 *    - `pattern` with `anchor: 'window'`: the regex must carry the `g` flag; it runs over the text
 *      from `hit.start - window` to `hit.end + window` (default window 128) and every match counts.
 *      Use it when the keyword is context (`mixpanel … <32 hex>`), not the token's prefix.
 *    - `find(text, hit, ctx)`: custom code for validators that walk outwards from a trigger
 *      (emails expand around `@`). Must be linear in the window it looks at and never scan
 *      unbounded text.
 *    With a pattern, capture group `group` (default 0) is the reported span.
 * 3. Validate. `validate(value, ctx)` (on the reported span's text) and, when set, `minEntropy`
 *    (Shannon bits per character) must pass; `placeholders` (default true for
 *    `system.authentication` and credential categories) rejects `EXAMPLE`, `xxxx`, `${…}`, ….
 *
 * Every quantifier in a pattern must be bounded (`{n,m}`), so each rule is linear in its window.
 */
export interface Rule {
  /** Stable id, snake_case; also the finding kind. */
  readonly id: string;
  readonly category: Category;
  /** One sentence: what this rule finds. */
  readonly description: string;
  /** Trigger literals. ASCII is matched case-insensitively; non-ASCII characters exactly. */
  readonly keywords?: readonly string[];
  /**
   * Digit-run trigger: the rule runs for runs holding between `min` and `max` digits. Optional
   * pre-filters, checked by the scanner before the rule is called (most runs are dates, prices
   * and counts, so they keep digit rules off the hot path):
   * `dots`: at least this many `.` separators inside the run (IPv4 needs 3);
   * `next`: the character right after the run must be one of these;
   * `letterPrefix`: the two characters right before the run are ASCII letters that start a word
   * (no ASCII letter, digit or `_` before them): an IBAN's country code, not `fa85` inside a
   * UUID.
   * `around`: a constant-time test of the characters around the run (`text[start..end)` is the
   * run), for a rule whose runs are common but whose shape next to them is rare (a UK postcode's
   * inward code: a space before its digit, two letters after).
   */
  readonly digits?: {
    readonly min: number;
    readonly max: number;
    readonly dots?: number;
    readonly next?: string;
    readonly letterPrefix?: boolean;
    readonly around?: (text: string, start: number, end: number) => boolean;
  };
  /**
   * Base64-run trigger: the rule's pattern (window-anchored) runs over each run of at least `min`
   * base64-alphabet characters (letters, digits, `+/_-`) that holds an upper-case letter, as the
   * stage-1 pass collects them anyway for the base64 decoding layer. For tokens whose only prefix
   * is short and case-sensitive (`SK` of a Twilio API key SID): as a keyword, folded to lower
   * case, it would fire on every `sk` in text (`ask`, `desk`, `risk`).
   */
  readonly runs?: { readonly min: number };
  /**
   * Text trigger: the rule's `find` runs once on each string that holds a character at or above
   * U+0080 (hit: the whole string, keyword `#text`), charged the string's length. For rules that
   * read non-Latin text in one pass without a keyword of their own (a dictionary of Japanese
   * surnames has more distinct kanji than the automaton's alphabet should carry). Not run again
   * on the string's NFKC view. Each match is charged as an attempt; `hit.digits` says how many
   * the budget pays for.
   */
  readonly nonAscii?: boolean;
  /** Field-name trigger: run on the whole value when the field's category is (under) one of these. */
  readonly fields?: readonly Category[];
  readonly pattern?: RegExp;
  readonly anchor?: 'keyword' | 'window';
  /** For `anchor: 'keyword'`: how many characters before the keyword the match starts. */
  readonly offset?: number;
  /** For `anchor: 'window'`: characters looked at on each side of the hit. */
  readonly window?: number;
  /**
   * For `anchor: 'window'`: `'credential'` runs the pattern only when the window (or the merged
   * range of nearby hits) also holds a credential word (`key`, `secret`, `token`, `auth`,
   * `passw`, `pwd`, `credential`, `bearer`, `private`, `signing`; `CREDENTIAL_WORD`). For rules
   * whose keyword is a provider's name and whose token has no shape of its own (32 hex, 24
   * base62): in analytics the name is mostly a value (`utm_source=linkedin`, a referrer), and an
   * id near it is not a key.
   */
  readonly near?: 'credential';
  /** Capture group that is the reported span. */
  readonly group?: number;
  /** For `anchor: 'keyword'`: require a non-alphanumeric character before the match (default true). */
  readonly boundary?: boolean;
  /**
   * For `anchor: 'keyword'`: a character every match contains after its keyword (`@` in
   * `https://user:pass@host`). The pattern is not tried at a hit with no such character after it
   * within the pattern's reach, so the rule costs one character search per text for the usual
   * case where none occurs (every URL hits `https://`; few carry credentials).
   */
  readonly requires?: string;
  readonly find?: (
    text: string,
    hit: Hit,
    ctx: ScanContext,
  ) => Candidate | readonly Candidate[] | undefined;
  readonly validate?: (value: string, ctx: ScanContext) => boolean;
  /** Minimum Shannon entropy, bits per character, of the reported span. */
  readonly minEntropy?: number;
  /** Reject spans that look like placeholders. */
  readonly placeholders?: boolean;
  /** Confidence of a validated match, 0..1. */
  readonly confidence: number;
  /** Extra finding kinds `find` may report besides `id`. */
  readonly kinds?: readonly string[];
  readonly examples: {
    readonly positive: readonly Example[];
    readonly negative: readonly Example[];
  };
}
