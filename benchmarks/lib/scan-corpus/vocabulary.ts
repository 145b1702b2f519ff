/** Words and values the scan corpus's generated code is made of. */

/** Nouns that name entities, functions and paths. */
export const NOUNS = [
  ...['order', 'invoice', 'product', 'cart', 'item', 'project', 'team', 'member', 'report'],
  ...['payment', 'subscription', 'plan', 'coupon', 'address', 'message', 'thread', 'comment'],
  ...['ticket', 'workspace', 'document', 'folder', 'task', 'board', 'column', 'card', 'setting'],
  ...['notification', 'webhook', 'role', 'permission', 'schedule', 'shipment', 'review'],
];
/** Verbs of function names and labels. */
export const VERBS = [
  'load',
  'fetch',
  'save',
  'update',
  'remove',
  'create',
  'format',
  'parse',
  'sync',
];
/** More verbs of function and method names. */
export const MORE_VERBS = [
  'validate',
  'normalize',
  'compute',
  'build',
  'resolve',
  'merge',
  'group',
];
/** Field names of generated records. */
export const FIELDS = ['id', 'status', 'title', 'createdAt', 'updatedAt', 'count', 'total', 'kind'];
/** Analytics event names. */
export const EVENTS = [
  ...['Checkout Started', 'Order Completed', 'Invoice Paid', 'Project Created', 'Member Invited'],
  ...['Plan Upgraded', 'Report Exported', 'Ticket Opened', 'Comment Posted', 'Search Performed'],
  ...['Coupon Applied', 'File Uploaded', 'Settings Saved', 'Onboarding Step Completed'],
];
/** Values apps send: personal (by key or by value name) and ordinary. */
export const JS_PROPS = [
  ...['email: user.email', 'phone: user.phone', 'name: user.name', 'userId: user.id'],
  ...['fullName: `${user.firstName} ${user.lastName}`', 'address: order.shippingAddress.line1'],
  ...['birthday: user.birthDate', 'url: window.location.href', 'emailHash: sha256(user.email)'],
  ...['plan: account.plan', 'total: order.total', 'currency: order.currency', "source: 'app'"],
  ...['items: order.items.length', 'seats: account.seats', 'variant: flags.variant'],
  ...['path: `/orders/${order.id}`', 'step: 2', 'isTrial: account.trial'],
];
/** Python dict entries apps send: personal and ordinary. */
export const PY_PROPS = [
  ...['"email": user.email', '"phone": user.phone_number', '"name": user.get_full_name()'],
  ...[
    '"full_name": f"{user.first_name} {user.last_name}"',
    '"ip": request.META.get("REMOTE_ADDR")',
  ],
  ...['"plan": account.plan', '"total": str(order.total)', '"currency": order.currency'],
  ...['"items": order.items.count()', '"source": "api"', '"path": request.path'],
];

/** `order` → `Order`. */
export const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
/** `createdAt` → `created_at` (a leading capital gives a leading underscore). */
export const snake = (s: string): string => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
