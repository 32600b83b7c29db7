import { z } from 'zod';
import type { ToolCitation } from '../../tools/tool-citation.ts';
import { withoutInstructions } from './quote-sentences.ts';
import { inLanguage, labelled, type RenderContext, type ResultRenderer } from './render-context.ts';

const overview = z.looseObject({
  account: z.looseObject({
    id: z.string(),
    nameZh: z.string().nullable(),
    nameEn: z.string().nullable(),
    industry: z.string(),
    region: z.string(),
    sizeBand: z.string().optional(),
    employeeCount: z.number().nullable().optional(),
  }),
  contacts: z.array(z.looseObject({ name: z.string(), title: z.string().nullable() })).default([]),
  openDeals: z
    .array(
      z.looseObject({
        name: z.string(),
        stage: z.string(),
        amount: z.number(),
        currency: z.string(),
        expectedClose: z.string().nullable(),
      }),
    )
    .default([]),
  recentActivities: z
    .array(
      z.looseObject({ kind: z.string(), occurredAt: z.string(), subject: z.string().nullable() }),
    )
    .default([]),
  recentSignals: z
    .array(z.looseObject({ id: z.string(), title: z.string(), publishedAt: z.string() }))
    .default([]),
  documents: z
    .array(z.looseObject({ documentId: z.string(), sourceId: z.string(), title: z.string() }))
    .default([]),
  withheld: z.array(z.string()).default([]),
});

type Overview = z.infer<typeof overview>;

const LISTED = 3;

/** An account's facts, contacts, open deals, signals, activities and documents, cited. */
export const answerAccount: ResultRenderer = (result, context) => {
  const parsed = overview.safeParse(result.data);
  if (!parsed.success) return undefined;

  const data = parsed.data;
  const lines = [
    headline(data, context),
    contactsLine(data, context),
    dealsLine(data, context),
    signalsLine(data, context),
    activitiesLine(data, context),
    documentsLine(data, context, result.citations),
    withheldLine(data, context),
  ];
  return lines.filter((line): line is string => line !== undefined).join('\n');
};

function headline(data: Overview, context: RenderContext): string {
  const { account } = data;
  const marker = context.citations.markerOfKey(`account:${account.id}`);
  const names = [account.nameZh, account.nameEn].filter(Boolean).join(' / ');
  const size = account.sizeBand ? sizeText(account, context) : '';
  return `${names}: ${account.industry}, ${account.region}${size} ${marker}`.trimEnd();
}

function sizeText(account: Overview['account'], context: RenderContext): string {
  const staff = account.employeeCount;
  return inLanguage(context, {
    zh: `，规模 ${account.sizeBand}${staff ? `，约 ${staff} 人` : ''}`,
    en: `, ${account.sizeBand}${staff ? `, about ${staff} staff` : ''}`,
  });
}

function contactsLine(data: Overview, context: RenderContext): string | undefined {
  if (data.contacts.length === 0) return undefined;
  const names = data.contacts
    .slice(0, LISTED)
    .map((contact) => (contact.title ? `${contact.name} (${contact.title})` : contact.name));
  return `- ${labelled(context, { zh: '联系人', en: 'Contacts' }, names.join(', '))}`;
}

function dealsLine(data: Overview, context: RenderContext): string | undefined {
  if (data.openDeals.length === 0) return undefined;
  const deals = data.openDeals.slice(0, LISTED).map((deal) => {
    const close = deal.expectedClose
      ? inLanguage(context, {
          zh: `，预计 ${deal.expectedClose}`,
          en: `, closing ${deal.expectedClose}`,
        })
      : '';
    return `${deal.name} — ${deal.stage}, ${deal.amount} ${deal.currency}${close}`;
  });
  return `- ${labelled(context, { zh: '进行中的商机', en: 'Open deals' }, deals.join('; '))}`;
}

function signalsLine(data: Overview, context: RenderContext): string | undefined {
  if (data.recentSignals.length === 0) return undefined;
  const signals = data.recentSignals.slice(0, LISTED).map((signal) => {
    const marker = context.citations.markerOfKey(`signal:${signal.id}`);
    const title = withoutInstructions(signal.title);
    return `${title} (${signal.publishedAt.slice(0, 10)}) ${marker}`.trimEnd();
  });
  return `- ${labelled(context, { zh: '最近动态', en: 'Recent signals' }, signals.join('; '))}`;
}

function activitiesLine(data: Overview, context: RenderContext): string | undefined {
  if (data.recentActivities.length === 0) return undefined;
  const activities = data.recentActivities
    .slice(0, LISTED)
    .map((activity) =>
      [activity.occurredAt.slice(0, 10), activity.kind, withoutInstructions(activity.subject ?? '')]
        .filter(Boolean)
        .join(' '),
    );
  const label = { zh: '最近活动', en: 'Recent activities' };
  return `- ${labelled(context, label, activities.join('; '))}`;
}

function documentsLine(
  data: Overview,
  context: RenderContext,
  citations: ToolCitation[],
): string | undefined {
  if (data.documents.length === 0) return undefined;
  const documents = data.documents.slice(0, LISTED).map((document) => {
    const citation = citations.find(
      (entry) =>
        entry.kind === 'knowledge' &&
        (entry.documentId === document.documentId || entry.sourceId === document.sourceId),
    );
    return `${document.title} ${context.citations.marker(citation)}`.trimEnd();
  });
  return `- ${labelled(context, { zh: '相关文档', en: 'Documents' }, documents.join('; '))}`;
}

function withheldLine(data: Overview, context: RenderContext): string | undefined {
  if (data.withheld.length === 0) return undefined;
  return inLanguage(context, {
    zh: '（按您的角色，部分信息不予显示。）',
    en: `(Not shown for your role: ${data.withheld.join(', ')}.)`,
  });
}
