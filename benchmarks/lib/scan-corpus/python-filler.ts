/** Python filler: Django models and helper functions that name no SDK. */
import type { Out } from './out.js';
import { FIELDS, MORE_VERBS, NOUNS, VERBS, cap, snake } from './vocabulary.js';

/** `lines` indented by `n` levels of four spaces (empty lines stay empty). */
export const pyInd = (lines: readonly string[], n = 1): string[] =>
  lines.map((l) => (l === '' ? l : '    '.repeat(n) + l));

/** One statement of a view over `order`; its lines. */
export function pyStatement(o: Out): string[] {
  const { p } = o;
  const f = snake(p.one(FIELDS));
  switch (p.int(0, 5)) {
    case 0:
      return [`items = [it for it in order.items.all() if it.${f} != "${p.one(VERBS)}"]`];
    case 1:
      return [
        `total = sum(it.total for it in order.items.all())`,
        `logger.debug("total %s for %s", total, order.pk)`,
      ];
    case 2:
      return [
        `for it in order.items.select_related("product"):`,
        `    it.${f} = it.${f} or ${p.int(0, 9)}`,
        `    it.save(update_fields=["${f}"])`,
      ];
    case 3:
      return [
        `if not order.${f}:`,
        `    return JsonResponse({"error": "missing ${f}"}, status=400)`,
      ];
    case 4:
      return [
        `try:`,
        `    order.full_clean()`,
        `except ValidationError as exc:`,
        `    return JsonResponse({"error": str(exc)}, status=400)`,
      ];
    default:
      return [`data = {"id": order.pk, "${f}": order.${f}, "updated": timezone.now().isoformat()}`];
  }
}

/** A Django model named after `n`; its lines. */
function pyModel(o: Out, n: string): string[] {
  const { p } = o;
  const fields = p
    .some(FIELDS, 3, 7)
    .filter((f) => f !== 'id')
    .map(
      (f) =>
        `    ${snake(f)} = models.${p.one(['CharField(max_length=120)', 'IntegerField(default=0)', 'DateTimeField(auto_now=True)'])}`,
    );
  return [
    '',
    '',
    `class ${cap(n)}${p.one(['', 'Entry', 'Record'])}(models.Model):`,
    `    """One ${n}, as stored."""`,
    '',
    ...fields,
    '',
    '    class Meta:',
    '        ordering = ["-pk"]',
    '',
    '    def __str__(self):',
    `        return f"${n} {self.pk}"`,
  ];
}

/** Filler: a model class or a helper function that names no SDK; its lines. */
export function pyFiller(o: Out): string[] {
  const { p } = o;
  const n = p.one(NOUNS);
  if (p.chance(0.4)) return pyModel(o, n);
  const stmts: string[] = [];
  for (let i = p.int(2, 6); i > 0; i--) stmts.push(...pyStatement(o));
  return [
    '',
    '',
    `def ${p.one(MORE_VERBS)}_${n}s(order, *, limit=${p.int(10, 500)}):`,
    `    """${cap(p.one(VERBS))} the ${n}s of an order."""`,
    ...pyInd(stmts),
    '    return order',
  ];
}
