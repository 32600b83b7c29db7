import { z } from 'zod';
import { withoutInstructions } from './quote-sentences.ts';
import { percent, type ResultRenderer } from './render-context.ts';

const rule = z.looseObject({
  productCode: z.string(),
  productNameZh: z.string(),
  productNameEn: z.string(),
  region: z.string(),
  reimbursementRatio: z.number(),
  category: z.string().nullable().optional(),
  conditions: z.string().optional(),
  requiredMaterials: z.array(z.string()).optional(),
  effectiveFrom: z.string(),
  effectiveTo: z.string().nullable().optional(),
  version: z.number().optional(),
  asOf: z.string().optional(),
});

type Rule = z.infer<typeof rule>;

/** The reimbursement rule: ratio and category, conditions, materials, effective dates. */
export const answerPolicy: ResultRenderer = (result, context) => {
  const parsed = rule.safeParse(result.data);
  if (!parsed.success) return undefined;

  const marker = context.citations.marker(result.citations[0]);
  const data = { ...parsed.data, conditions: withoutInstructions(parsed.data.conditions ?? '') };
  const lines = context.language === 'zh' ? chineseLines(data) : englishLines(data);
  return lines.map((line) => `${line} ${marker}`.trimEnd()).join('\n');
};

// Limitation: Chinese answers name the region as the policy table spells it (Shanghai).
function chineseLines(data: Rule): string[] {
  const category = data.category ? `（${data.category}）` : '';
  const until = data.effectiveTo ? `至 ${data.effectiveTo}` : '起执行';
  const version = data.version === undefined ? '' : `第 ${data.version} 版，`;
  return [
    `${data.productNameZh}（${data.productCode}）在 ${data.region} 的医保报销比例为 ` +
      `${percent(data.reimbursementRatio)}${category}。`,
    ...(data.conditions ? [`- 支付条件：${data.conditions}`] : []),
    ...(data.requiredMaterials?.length ? [`- 所需材料：${data.requiredMaterials.join('、')}`] : []),
    `- 生效时间：${data.effectiveFrom} ${until}（${version}按 ${data.asOf ?? '今日'} 查询）`,
  ];
}

function englishLines(data: Rule): string[] {
  const category = data.category ? `, category ${data.category}` : '';
  const until = data.effectiveTo ? ` to ${data.effectiveTo}` : '';
  const version = data.version === undefined ? '' : `version ${data.version}, `;
  return [
    `${data.productNameEn} (${data.productCode}) is reimbursed at ` +
      `${percent(data.reimbursementRatio)} in ${data.region}${category}.`,
    ...(data.conditions ? [`- Conditions (as the policy states them): ${data.conditions}`] : []),
    ...(data.requiredMaterials?.length
      ? [`- Required materials: ${data.requiredMaterials.join('; ')}`]
      : []),
    `- In effect from ${data.effectiveFrom}${until} (${version}as of ${data.asOf ?? 'today'})`,
  ];
}
