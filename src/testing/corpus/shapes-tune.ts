/** Event shapes of the `tune` split: commerce and sign-up flows. */
import { amplitude, mixpanel, posthog, segment } from './envelopes.js';
import type { Built, Kit } from './kit.js';

function orderCompleted(k: Kit): Built {
  const { rng, vocab } = k;
  const products = Array.from({ length: rng.int(1, 3) }, () => ({
    product_id: k.neg('random_id'),
    sku: k.neg('sku'),
    name: rng.pick(vocab.labels),
    price: rng.int(100, 30000) / 100,
    quantity: rng.int(1, 4),
  }));
  return segment(k, 'track', {
    event: 'Order Completed',
    properties: {
      order_id: k.neg('order_id'),
      total: rng.int(1000, 99999) / 100,
      currency: rng.pick(['JPY', 'USD', 'EUR']),
      shipping: k.neg('price'),
      coupon: rng.chance(0.3) ? 'SPRING10' : null,
      products,
    },
  });
}

function identify(k: Kit): Built {
  const { rng, vocab } = k;
  return segment(k, 'identify', {
    traits: {
      plan: rng.pick(vocab.plans),
      created_at: k.neg('iso_timestamp'),
      logins: rng.int(1, 400),
      company: { id: k.neg('random_id'), plan: rng.pick(vocab.plans), employees: rng.int(1, 5000) },
      favorite_feature: rng.pick(vocab.features),
    },
  });
}

function signedUp(k: Kit): Built {
  const { rng, vocab } = k;
  return mixpanel(k, 'Signed Up', {
    plan: rng.pick(vocab.plans),
    signup_method: rng.pick(['google', 'email', 'github']),
    trial_days: rng.pick([7, 14, 30]),
    $app_version_string: k.neg('version'),
    landing_label: rng.pick(vocab.labels),
    feature_flags: [rng.pick(vocab.features), rng.pick(vocab.features)],
  });
}

function pageview(k: Kit): Built {
  const { rng, vocab } = k;
  return posthog(k, '$pageview', {
    $title: rng.pick(vocab.labels),
    $viewport_height: rng.pick([844, 900]),
    $prev_pageview_duration: rng.int(1, 900),
    theme_color: k.neg('hex_color'),
    $feature_flag_response: { [rng.pick(vocab.features)]: rng.chance(0.5) },
  });
}

function sessionStart(k: Kit): Built {
  const { rng, vocab } = k;
  return amplitude(k, 'session_start', {
    entry_page: rng.pick(vocab.paths),
    duration: k.neg('duration'),
    feature: rng.pick(vocab.features),
    note: k.sentence(vocab.benignSentences),
    model: rng.pick(vocab.models),
  });
}

/** Tune shapes, one per vendor flavour. */
export const tuneShapes: readonly ((k: Kit) => Built)[] = [
  orderCompleted,
  identify,
  signedUp,
  pageview,
  sessionStart,
];
