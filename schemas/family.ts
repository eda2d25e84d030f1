import { z } from 'zod';

/**
 * Template family (shared/design/templates.md); selects rule parameters (src/config/template-params.ts).
 * `unknown`: a budget-performance form whose headers map but that matches no family's signature —
 * its records are kept, rules that need a family's parameters skip it.
 */
export const TemplateFamilySchema = z.enum([
  'hunan-dept',
  'mof-2020',
  'sichuan',
  'sichuan-linkage',
  'yunnan',
  'exec-20',
  'unknown',
  // added with issue 12
  'ningxia',
  'eval-53',
  'sichuan-transfer',
]);
export type TemplateFamily = z.infer<typeof TemplateFamilySchema>;
