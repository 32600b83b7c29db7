import type { DemoPolicyRule, DemoProduct } from '../data-format.ts';

const header = [
  'product_code',
  '产品名称/product',
  '地区/region',
  '报销比例/ratio',
  '类别/category',
  '限定条件/conditions',
  '所需材料/required_materials',
  '生效日期/effective_from',
  '失效日期/effective_to',
  '版本/version',
];

function cell(value: string | number): string {
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The reimbursement table as the CSV knowledge document, one row per policy rule. */
export function reimbursementCsv(policies: DemoPolicyRule[], products: DemoProduct[]): string {
  const rows = policies.map((rule) => {
    const product = products.find((candidate) => candidate.code === rule.productCode);
    const name = product ? `${product.nameZh} / ${product.nameEn}` : rule.productCode;
    return [
      rule.productCode,
      name,
      rule.region,
      rule.reimbursementRatio,
      rule.category,
      rule.conditions,
      rule.requiredMaterials.join('；'),
      rule.effectiveFrom,
      rule.effectiveTo ?? '',
      rule.version,
    ]
      .map(cell)
      .join(',');
  });
  return `${[header.join(','), ...rows].join('\n')}\n`;
}
