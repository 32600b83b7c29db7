import { AIMessage, HumanMessage, ToolMessage } from '@langchain/core/messages';

/** Canned tool results in the shape the tools return them ({ data, citations, summary }). */

export const DONGPU_ID = '0b6f4c1e-5a7d-4e2b-9c3f-1d2e3f4a5b6c';
export const LEAD_ID = '3f1c2a9e-1b2c-4d5e-8f90-1234567890ab';

function knowledgeCitation(chunkId: string, title: string, locator: string) {
  return {
    kind: 'knowledge',
    documentId: `doc-${chunkId}`,
    chunkId,
    sourceId: `source-${chunkId}`,
    title,
    locator,
    heading: locator,
    page: null,
    rowNumber: null,
    version: 1,
    effectiveFrom: null,
    effectiveTo: null,
    snippet: '',
  };
}

export const searchResult = {
  data: [
    {
      sourceId: 'playbooks/price-objections',
      title: '价格异议应对手册',
      text: '客户说输液泵太贵时，先确认预算周期。再用五年总拥有成本对比，说明耗材和维保的节省。',
      score: 0.82,
      locator: '价格异议 > 总拥有成本',
    },
    {
      sourceId: 'faq/infusion-pump',
      title: 'Infusion pump FAQ',
      text:
        'The HK-IP300 infusion pump keeps its accuracy within 5%. ' +
        'Service contracts cover two years.',
      score: 0.61,
      locator: 'Accuracy',
    },
  ],
  citations: [
    knowledgeCitation('chunk-1', '价格异议应对手册', '价格异议 > 总拥有成本'),
    knowledgeCitation('chunk-2', 'Infusion pump FAQ', 'Accuracy'),
  ],
  summary: 'search_knowledge found 2 passage(s)',
};

export const emptySearchResult = {
  data: [],
  citations: [],
  summary: 'search_knowledge found 0 passage(s)',
};

export const policyResult = {
  data: {
    productCode: 'C1405020010000340013',
    productNameZh: '华康 HK-IP300 容量输液泵',
    productNameEn: 'Huakang HK-IP300 Volumetric Infusion Pump',
    region: 'Shanghai',
    reimbursementRatio: 0.8,
    category: '乙类',
    conditions: '限二级及以上医疗机构住院使用。',
    requiredMaterials: ['住院医嘱', '设备使用记录'],
    effectiveFrom: '2025-07-01',
    effectiveTo: null,
    version: 2,
    asOf: '2026-03-04',
  },
  citations: [knowledgeCitation('chunk-policy-7', '医保报销目录（上海）', 'row 7')],
  summary: 'C1405020010000340013 in Shanghai on 2026-03-04: 80% (v2)',
};

export const accountResult = {
  data: {
    account: {
      id: DONGPU_ID,
      nameZh: '上海东浦医院',
      nameEn: 'Shanghai Dongpu Hospital',
      industry: 'hospital',
      region: 'Shanghai',
      website: null,
    },
    contacts: [{ id: 'c1', name: '张伟', title: '设备科主任' }],
    openDeals: [],
    recentActivities: [],
    recentSignals: [
      {
        id: 'sig-1',
        kind: 'tender',
        title: 'ICU 监护仪采购招标',
        summary: null,
        publishedAt: '2026-02-20T00:00:00Z',
        sourceUrl: 'https://tender.example.cn/1',
      },
    ],
    documents: [],
    withheld: ['deals', 'activities', 'contact details'],
  },
  citations: [
    {
      kind: 'record',
      resourceType: 'account',
      id: DONGPU_ID,
      title: '上海东浦医院',
      sourceUrl: null,
      locator: 'Shanghai, hospital',
    },
    {
      kind: 'record',
      resourceType: 'signal',
      id: 'sig-1',
      title: 'ICU 监护仪采购招标',
      sourceUrl: 'https://tender.example.cn/1',
      locator: 'published 2026-02-20',
    },
  ],
  summary: '上海东浦医院: 1 contact(s), 0 open deal(s), 1 signal(s)',
};

export const scoreResult = {
  data: {
    leadId: LEAD_ID,
    score: 0.82,
    band: 'hot',
    scorer: { kind: 'rule', modelId: null, reason: 'cold start' },
    adjustmentVersion: 0,
    reasons: [
      {
        feature: 'meetings_90d',
        value: 3,
        impact: 0.9,
        text: { en: '3 meetings in the last 90 days', zh: '近90天会议3次' },
        records: [{ type: 'activity', id: 'act-1', title: 'Demo', at: '2026-02-01' }],
      },
      {
        feature: 'days_since_touch',
        value: 20,
        impact: -0.4,
        text: { en: 'no touch for 20 days', zh: '已 20 天未联系' },
        records: [],
      },
    ],
    computedAt: '2026-03-04T00:00:00Z',
  },
  citations: [
    {
      kind: 'record',
      resourceType: 'lead',
      id: LEAD_ID,
      title: `Lead ${LEAD_ID}`,
      sourceUrl: null,
      locator: 'scored 2026-03-04',
    },
    {
      kind: 'record',
      resourceType: 'activity',
      id: 'act-1',
      title: 'Demo',
      sourceUrl: null,
      locator: '2026-02-01',
    },
  ],
  summary: `lead ${LEAD_ID}: 0.82 (hot)`,
};

export const pitchResult = {
  data: {
    account: { id: DONGPU_ID, name: '上海东浦医院', region: 'Shanghai' },
    format: 'email',
    language: 'zh',
    subject: '关于上海东浦医院：约 HK-M8 演示',
    sections: [
      { role: 'greeting', text: '尊敬的张伟 设备科主任：', citationKeys: [] },
      {
        role: 'signal',
        text: '我们关注到贵院近期的动态：ICU 监护仪采购招标（2026-02-20）。',
        citationKeys: ['signal:sig-1'],
      },
      { role: 'goal', text: '此次联系，希望与您沟通：约 HK-M8 演示。', citationKeys: [] },
    ],
    text: '…',
    guidance: [
      {
        title: '新院区建设打法',
        section: '第一步',
        text: '先找设备科。',
        citationKey: 'knowledge:chunk-9',
      },
    ],
    policyCheck: [],
  },
  citations: [
    {
      kind: 'record',
      resourceType: 'signal',
      id: 'sig-1',
      title: 'ICU 监护仪采购招标',
      sourceUrl: null,
      locator: 'published 2026-02-20',
    },
    knowledgeCitation('chunk-9', '新院区建设打法', '第一步'),
  ],
  summary: 'draft_pitch for 上海东浦医院: 3 section(s), 0 contradicted claim(s)',
};

/** A conversation that ends with the results of the tool calls the user's message led to. */
export function conversationWithResults(
  question: string,
  results: readonly { name: string; content: unknown }[],
) {
  const calls = results.map((result, index) => ({
    id: `call_${index}`,
    name: result.name,
    args: {},
    type: 'tool_call' as const,
  }));
  return [
    new HumanMessage(question),
    new AIMessage({ content: '', tool_calls: calls }),
    ...results.map(
      (result, index) =>
        new ToolMessage({
          tool_call_id: `call_${index}`,
          name: result.name,
          content:
            typeof result.content === 'string' ? result.content : JSON.stringify(result.content),
        }),
    ),
  ];
}
