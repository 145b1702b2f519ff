/** Social platform APIs: Facebook / Meta and Twitter / X. */
import type { Candidate, Hit, Rule } from '../../types.js';
import { isAlnum } from '../../text.js';
import { isTwitterBearer, lettersAndDigits, mixedCaseAlnum } from './helpers.js';

function isSecretChar(c: number): boolean {
  return isAlnum(c) || c === 95 || c === 45;
}

/**
 * `APP_ID|APP_SECRET`: a Facebook app access token, the app's 15–16 digit id, `|` (or `%7C` in
 * a URL), and 27–40 characters of the secret (32 hex as issued). Triggered by the id's digit run
 * when `|` or `%` follows it (the scanner's `next` pre-filter).
 */
function findAppToken(text: string, hit: Hit): Candidate | undefined {
  if (hit.end - hit.start !== hit.digits || isSecretChar(text.charCodeAt(hit.start - 1)))
    return undefined;
  let s = hit.end + 1;
  if (text.charCodeAt(hit.end) === 37) {
    if (text.slice(hit.end, hit.end + 3).toUpperCase() !== '%7C') return undefined;
    s = hit.end + 3;
  }
  let e = s;
  while (e < text.length && e - s <= 40 && isSecretChar(text.charCodeAt(e))) e++;
  if (e - s < 27 || e - s > 40) return undefined;
  return lettersAndDigits(text.slice(s, e)) ? { start: hit.start, end: e } : undefined;
}

/** Facebook and Twitter / X credentials. */
export const socialRules: readonly Rule[] = [
  {
    id: 'facebook_access_token',
    category: 'user.authorization.credentials',
    description: 'Facebook / Meta Graph API access token (EAA + 100–400 base62).',
    keywords: ['eaa'],
    pattern: /EAA[A-Za-z0-9]{100,400}(?![A-Za-z0-9_-])/y,
    minEntropy: 4,
    confidence: 0.9,
    examples: {
      positive: [
        {
          text: 'https://graph.facebook.com/v19.0/me?fields=id,name&access_token=EAACEdEose0cBARjupDVbm95vtPrK4Ni2jTTSaqBWeaIbQSYjGbsx06yaENnGW90RZnazpWTZcIsVRD5bOHd33aKD21Bmfc4adZVbnLBKyzClZfAWZBq9wGolFDnbzUeRWVThfXe81iyikbJoUAFIYtYc6hJqrmJXZN7JaGYr0cJ13',
          match:
            'EAACEdEose0cBARjupDVbm95vtPrK4Ni2jTTSaqBWeaIbQSYjGbsx06yaENnGW90RZnazpWTZcIsVRD5bOHd33aKD21Bmfc4adZVbnLBKyzClZfAWZBq9wGolFDnbzUeRWVThfXe81iyikbJoUAFIYtYc6hJqrmJXZN7JaGYr0cJ13',
        },
        'FB_PAGE_TOKEN=EAACEdEose0cBATqu0oQo5VkfezrlVnQ56u201bXYKckvrWKgpcT0eCu0afuejN6uI59asWIOyMjk7UzQhVIaRHYn8GxvHHzZSCqQ6YGkKvZHdbXsERW1y07RZ5vIqyGOTeWheCE1xv48uN3NwTbHPtv4dP1AO9zlzRbwiM3VpZvlM',
      ],
      negative: [
        'truncated: EAACEdEose0cBA2Khg7QcaRmTOyN29Y963uQsAoKxBDIdysWPdiTDQGf0CD8DCnW0GKq6q5zaCfiaso8U7ctH9C1mxaa3ibsHfzR end',
        'id=xyzEAACEdEose0cBA2Khg7QcaRmTOyN29Y963uQsAoKxBDIdysWPdiTDQGf0CD8DCnW0GKq6q5zaCfiaso8U7ctH9C1mxaa3ibsHfzR6bfPCPtjXUOHsF8GjISU3fgBycYvq6PVitSpQv0iCpoGaY21fXznET6hZMZblNCQ6EwL3Kq46e',
      ],
    },
  },
  {
    id: 'facebook_app_access_token',
    category: 'system.authentication',
    description:
      'Facebook app access token: 15–16 digit app id + | + 27–40 characters of the app secret (32 hex as issued).',
    digits: { min: 15, max: 16, next: '|%' },
    find: findAppToken,
    minEntropy: 3,
    confidence: 0.9,
    examples: {
      positive: [
        {
          text: 'token 1652967708930203|7d2a6f0c2b1e4d9a8f3c5b7e1a9d0c2f sent',
          match: '1652967708930203|7d2a6f0c2b1e4d9a8f3c5b7e1a9d0c2f',
        },
        'GET https://graph.facebook.com/debug_token?access_token=496991646171999%7Ce0a4c8b2d6f1935a7c0e2b4d6f8a1c3e',
      ],
      negative: [
        'row 1652967708930203|total|42',
        'order 1652967708930203|abc',
        'q=1652967708930203%20e0a4c8b2d6f1935a7c0e2b4d6f8a1c3e',
        'id 16529677089302031|7d2a6f0c2b1e4d9a8f3c5b7e1a9d0c2f',
        'ids 1652967708930203|aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
      ],
    },
  },
  {
    id: 'facebook_app_secret',
    category: 'system.authentication',
    description: 'Facebook app secret: 32 hex near facebook / fb_app_secret.',
    keywords: ['facebook', 'fb_app_secret', 'fb_secret'],
    pattern: /(?<![A-Za-z0-9_-])[a-f0-9]{32}(?![A-Za-z0-9_-])/g,
    anchor: 'window',
    near: 'credential',
    window: 128,
    validate: lettersAndDigits,
    minEntropy: 3,
    confidence: 0.75,
    examples: {
      positive: [
        {
          text: 'FB_APP_SECRET=1f031ee2635ab0f635cffcbf07a89dad',
          match: '1f031ee2635ab0f635cffcbf07a89dad',
        },
        'FacebookAdsApi.init(app_id, "3b39c920a9be13ed187680ca88ce49c3", access)  # facebook',
      ],
      negative: [
        'request a90767820a56ea024bac41e639ed162f completed in 32ms',
        'FB_APP_SECRET=a90767820a56ea024bac41e639ed',
      ],
    },
  },
  {
    id: 'twitter_bearer_token',
    category: 'system.authentication',
    description:
      'Twitter / X app-only bearer token (A{20,24} + URL-encoded base64) near twitter or Bearer.',
    keywords: ['twitter', 'bearer'],
    pattern: /(?<![A-Za-z0-9%])A{20,24}[A-Za-z0-9%]{40,140}(?![A-Za-z0-9%])/g,
    anchor: 'window',
    window: 160,
    validate: isTwitterBearer,
    placeholders: false,
    confidence: 0.85,
    examples: {
      positive: [
        {
          text: 'TWITTER_BEARER_TOKEN=AAAAAAAAAAAAAAAAAAAAAB2aiOCPFIzRZm8WdUKk%2BiY3Q7YV3mT2Fhd%3Daem8U8BMymEgV0RaARfGBZmuoMP9ubXdIT1sXr9eAwzHzgu9sk',
          match:
            'AAAAAAAAAAAAAAAAAAAAAB2aiOCPFIzRZm8WdUKk%2BiY3Q7YV3mT2Fhd%3Daem8U8BMymEgV0RaARfGBZmuoMP9ubXdIT1sXr9eAwzHzgu9sk',
        },
        'curl "https://api.twitter.com/2/tweets/search/recent?query=acme" -H "Authorization: Bearer AAAAAAAAAAAAAAAAAAAAAW5tTHpUCGDTp6eHOuE3%2BITayaNv4T9zkTe%3DvJobDsm2HY30R3VWe3J5V5kQG4cyqhZF1GhEVqRDELaoU97JPj"',
      ],
      negative: [
        'Authorization: Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
        'request AAAAAAAAAAAAAAAAAAAAAC8j4O0FIDuz5aamVFaK%2BCDfEI3eeLLmbTw%3DrkzPJAH8eOwIjSOrgnv5oNjhTLmKR33nKrD91M917pdrtbowC7 completed in 32ms',
        'TWITTER_BEARER_TOKEN=AAAAAAAAAAAAAAAAAAAAAC8j4O0FIDuz5aamVFaK%2BCDfEI3e',
      ],
    },
  },
  {
    id: 'twitter_api_secret',
    category: 'system.authentication',
    description:
      'Twitter / X API key secret or access token secret: 45–50 mixed-case base62 near twitter.',
    keywords: ['twitter'],
    pattern: /(?<![A-Za-z0-9_-])[A-Za-z0-9]{45,50}(?![A-Za-z0-9_-])/g,
    anchor: 'window',
    near: 'credential',
    window: 128,
    validate: mixedCaseAlnum,
    minEntropy: 4.5,
    confidence: 0.7,
    examples: {
      positive: [
        {
          text: 'TWITTER_API_SECRET=OkwVJiUbSPXtTjVolMoYbTm5NxLWcOzDdMB8F4lfi38GyP3Efo',
          match: 'OkwVJiUbSPXtTjVolMoYbTm5NxLWcOzDdMB8F4lfi38GyP3Efo',
        },
        'tweepy.OAuthHandler(consumer_key, "VwRwizjO63pWyp7GnnjU1SYx4VZ64rlXkIH7g8JNJSX8Er2LCi")  # twitter',
      ],
      negative: [
        'request trpoKBHAhM7PwTggd3Bo2IttCD3Dc3H3tOsNX2xYYT41rkoaWf completed in 32ms',
        'TWITTER_API_SECRET=trpoKBHAhM7PwTggd3Bo2IttCD3Dc3H3tOsNX2xY',
      ],
    },
  },
  {
    id: 'twitter_access_token',
    category: 'system.authentication',
    description: 'Twitter / X user access token (numeric user id + - + 20–40 base62) near twitter.',
    keywords: ['twitter'],
    pattern: /(?<![A-Za-z0-9_-])[0-9]{15,25}-[A-Za-z0-9]{20,40}(?![A-Za-z0-9_-])/g,
    anchor: 'window',
    window: 128,
    validate: mixedCaseAlnum,
    minEntropy: 3.5,
    confidence: 0.8,
    examples: {
      positive: [
        {
          text: 'TWITTER_ACCESS_TOKEN=8181237729967019736-TtV9hCqKh4XfupywfoclnRSOLj0YLXt',
          match: '8181237729967019736-TtV9hCqKh4XfupywfoclnRSOLj0YLXt',
        },
        'twitter auth: access token 7013770912449675201-virUJTmYAM8CA3QRU883M9adc6TgXXj',
      ],
      negative: [
        'request 5899823708632046412-dOxmmkUDDRLFPN1vYtykyg0NjmFFbFO completed in 32ms',
        'TWITTER_ACCESS_TOKEN=5899823708632046412-dOxmmkUDDRLFPN1v',
      ],
    },
  },
  {
    id: 'twitter_api_key',
    category: 'system.authentication',
    description: 'Twitter / X API key (consumer key): 25 mixed-case base62 near twitter.',
    keywords: ['twitter'],
    pattern: /(?<![A-Za-z0-9_-])[A-Za-z0-9]{25}(?![A-Za-z0-9_-])/g,
    anchor: 'window',
    near: 'credential',
    window: 128,
    validate: mixedCaseAlnum,
    minEntropy: 3.5,
    confidence: 0.7,
    examples: {
      positive: [
        {
          text: 'TWITTER_API_KEY=pEUMrjcj656yMiZIyN3H1QGvR',
          match: 'pEUMrjcj656yMiZIyN3H1QGvR',
        },
        {
          text: 'twitter:\n  consumer_key: xDW0VuHvv85KS55w18OE4c4rD\n  consumer_secret: ${TWITTER_SECRET}',
          match: 'xDW0VuHvv85KS55w18OE4c4rD',
        },
        'tweepy.OAuthHandler("r016agfWEp35iMg2Qwo3UYbSU", consumer_secret)  # twitter',
      ],
      negative: [
        'request pEUMrjcj656yMiZIyN3H1QGvR completed in 32ms',
        'utm_source=twitter&utm_content=xDW0VuHvv85KS55w18OE4c4rD',
        'TWITTER_API_KEY=r016agfWEp35iMg2Qwo3',
      ],
    },
  },
];
