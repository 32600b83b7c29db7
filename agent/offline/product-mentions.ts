import { GLOSSARY, type GlossaryEntry } from '../../knowledge/glossary.ts';
import { PRODUCT_CODE } from '../../tools/resolve-product.ts';

/** A product named in a message, in the words the message used. */
export interface ProductMention {
  /** What to pass to a tool: the code, the model number or the product name found. */
  text: string;
  kind: 'code' | 'model' | 'name';
}

const CODES = new RegExp(PRODUCT_CODE.source, 'g');
/** A model number such as HK-M8 or HK-IP300; CRM-10001-style ids have too many digits. */
const MODEL_NUMBER = /\b[A-Z]{1,4}-[A-Z]{0,4}\d{1,3}[A-Z]?\b/g;

/** Glossary concepts that name a product a tenant may sell. */
const PRODUCT_CONCEPTS = new Set([
  'patient monitor',
  'infusion pump',
  'syringe pump',
  'ventilator',
  'anesthesia machine',
  'defibrillator',
  'ecg',
  'ultrasound',
  'endoscope',
  'stapler',
  'suture',
  'catheter',
  'stent',
  'pacemaker',
  'artificial joint',
  'glucose meter',
  'blood pressure monitor',
  'surgical robot',
]);

/** Consumables the glossary does not list but the demo's policy table does. */
const EXTRA_PRODUCTS: readonly Pick<GlossaryEntry, 'chinese' | 'english'>[] = [
  { chinese: ['输液器'], english: ['infusion set'] },
  { chinese: ['钉仓'], english: ['reload cartridge'] },
];

const PRODUCT_ENTRIES = [
  ...GLOSSARY.filter((entry) => PRODUCT_CONCEPTS.has(entry.concept)),
  ...EXTRA_PRODUCTS,
];

// Limitation: product names come from the glossary and a short list, not the tenant's catalogue.
/**
 * The products a message names, most specific first: insurance codes, then model
 * numbers, then product names (输液泵, infusion pump) in the message's own words.
 */
export function productMentions(text: string): ProductMention[] {
  const codes = (text.match(CODES) ?? []).map((code) => ({ text: code, kind: 'code' as const }));
  const models = (text.match(MODEL_NUMBER) ?? []).map((model) => ({
    text: model,
    kind: 'model' as const,
  }));
  const names = productNames(text).map((name) => ({ text: name, kind: 'name' as const }));

  const seen = new Set<string>();
  return [...codes, ...models, ...names].filter((mention) => {
    if (seen.has(mention.text)) return false;
    seen.add(mention.text);
    return true;
  });
}

/** For each product entry the text mentions, the longest form it used. */
function productNames(text: string): string[] {
  const lower = text.toLowerCase();
  const found: { name: string; index: number }[] = [];

  for (const entry of PRODUCT_ENTRIES) {
    const hits = [...entry.chinese, ...entry.english]
      .map((form) => ({ name: form, index: formIndex(lower, form.toLowerCase()) }))
      .filter((hit) => hit.index >= 0)
      .sort((left, right) => right.name.length - left.name.length);
    if (hits[0]) found.push(hits[0]);
  }
  return found.sort((left, right) => left.index - right.index).map((hit) => hit.name);
}

/** Where a form occurs: anywhere for Chinese, as whole words (plural allowed) for English. */
function formIndex(lower: string, form: string): number {
  if (/\p{Script=Han}/u.test(form)) return lower.indexOf(form);

  const escaped = form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/[-\s]+/g, '[-\\s]+');
  return lower.search(new RegExp(`\\b${escaped}(?:e?s)?\\b`));
}
