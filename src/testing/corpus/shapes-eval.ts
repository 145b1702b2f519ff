/** Event shapes of the `eval` split: AI product usage and billing flows. */
import { amplitude, mixpanel, posthog, segment } from './envelopes.js';
import type { Built, Kit } from './kit.js';

function modelInvoked(k: Kit): Built {
  const { rng, vocab } = k;
  return segment(k, 'track', {
    event: 'Model Invoked',
    properties: {
      model: rng.pick(vocab.models),
      prompt_tokens: rng.int(10, 8000),
      completion_tokens: rng.int(10, 4000),
      latency_ms: rng.int(80, 20000),
      feature: rng.pick(vocab.features),
      workspace_id: k.neg('random_id'),
      request_id: k.neg('uuid'),
      build: k.neg('git_sha'),
      steps: Array.from({ length: rng.int(1, 3) }, () => ({
        name: rng.pick(['retrieve', 'rerank', 'generate']),
        ms: rng.int(1, 900),
      })),
    },
  });
}

function billingPage(k: Kit): Built {
  const { rng, vocab } = k;
  return segment(k, 'page', {
    name: 'Billing',
    properties: {
      title: rng.pick(vocab.labels),
      path: rng.pick(vocab.paths),
      url: k.url(),
      referrer: k.url(),
      search: '',
      plan: rng.pick(vocab.plans),
    },
  });
}

function apiKeyCreated(k: Kit): Built {
  const { rng, vocab } = k;
  return mixpanel(k, 'API Key Created', {
    key_id: k.neg('random_id'),
    scopes: rng.shuffle(['read', 'write', 'admin', 'billing']).slice(0, rng.int(1, 3)),
    plan: rng.pick(vocab.plans),
    expires_at: k.neg('iso_timestamp'),
    monthly_price: k.neg('price'),
    $app_release: k.neg('version'),
  });
}

function reportExported(k: Kit): Built {
  const { rng, vocab } = k;
  return posthog(k, 'report_exported', {
    format: rng.pick(['csv', 'xlsx', 'pdf']),
    rows: rng.int(1, 100000),
    took: k.neg('duration'),
    accent: k.neg('hex_color'),
    checksum: k.neg('hash'),
    $groups: { company: k.neg('random_id') },
    summary: k.sentence(vocab.benignSentences),
  });
}

function purchaseCompleted(k: Kit): Built {
  const { rng, vocab } = k;
  return amplitude(k, 'Purchase Completed', {
    revenue: rng.int(100, 500000) / 100,
    price: k.neg('price'),
    productId: k.neg('sku'),
    quantity: rng.int(1, 5),
    card_ref: k.neg('non_luhn_16'),
    thumbnail: k.neg('base64_image'),
    cart: Array.from({ length: rng.int(1, 2) }, () => ({
      sku: k.neg('sku'),
      label: rng.pick(vocab.labels),
    })),
  });
}

/** Eval shapes, one per vendor flavour. */
export const evalShapes: readonly ((k: Kit) => Built)[] = [
  modelInvoked,
  billingPage,
  apiKeyCreated,
  reportExported,
  purchaseCompleted,
];
