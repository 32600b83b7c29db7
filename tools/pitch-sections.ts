import type { ContactSummary, SignalSummary } from './account-records.ts';
import type { PolicyRule } from './lookup-policy.ts';

/** A part of a pitch draft and the citations (by key) of the facts it states. */
export interface PitchSection {
  role: 'greeting' | 'signal' | 'filing' | 'policy' | 'goal' | 'next_step';
  text: string;
  /** Keys of the result's citations; empty only for greetings and asks, which state no fact. */
  citationKeys: string[];
}

/** The language of a draft. */
export type PitchLanguage = 'zh' | 'en';

/** The greeting to the account's first contact, or to the account. */
export function greetingSection(options: {
  language: PitchLanguage;
  accountName: string;
  contact: ContactSummary | undefined;
}): PitchSection {
  const { language, contact } = options;
  if (language === 'en') {
    const text = `Dear ${contact ? contact.name : `colleagues at ${options.accountName}`},`;
    return { role: 'greeting', text, citationKeys: [] };
  }

  const addressee = contact
    ? `${contact.name}${contact.title ? ` ${contact.title}` : ''}`
    : `${options.accountName}各位老师`;
  return { role: 'greeting', text: `尊敬的${addressee}：`, citationKeys: [] };
}

/** A recent signal of the account, as the reason to write now. */
export function signalSection(
  signal: SignalSummary,
  options: { language: PitchLanguage; citationKey: string },
): PitchSection {
  const day = signal.publishedAt.slice(0, 10);
  const text =
    options.language === 'zh'
      ? `我们关注到贵院近期的动态：${signal.title}（${day}）。${signal.summary ?? ''}`
      : `We noticed your recent news: ${signal.title} (${day}). ${signal.summary ?? ''}`;
  return { role: 'signal', text: text.trim(), citationKeys: [options.citationKey] };
}

/** A passage of the account's own filing, quoted. */
export function filingSection(
  passage: { title: string; snippet: string },
  options: { language: PitchLanguage; citationKey: string },
): PitchSection {
  const text =
    options.language === 'zh'
      ? `据《${passage.title}》：“${passage.snippet}”`
      : `According to "${passage.title}": "${passage.snippet}"`;
  return { role: 'filing', text, citationKeys: [options.citationKey] };
}

/** The reimbursement rule for the product in the account's region. */
export function policySection(
  rule: PolicyRule,
  options: { language: PitchLanguage; citationKey: string },
): PitchSection {
  const percent = `${Math.round(rule.reimbursementRatio * 1000) / 10}%`;
  const category = rule.category
    ? options.language === 'zh'
      ? `，${rule.category}`
      : `, ${rule.category}`
    : '';
  const text =
    options.language === 'zh'
      ? `${rule.productNameZh}（${rule.productCode}）在${rule.region}的医保报销比例为${percent}${category}，` +
        `自 ${rule.effectiveFrom} 起执行（第 ${rule.version} 版）。`
      : `${rule.productNameEn} (${rule.productCode}) is reimbursed at ${percent} ` +
        `in ${rule.region}${category}, ` +
        `effective from ${rule.effectiveFrom} (version ${rule.version}).`;
  return { role: 'policy', text, citationKeys: [options.citationKey] };
}

/** What the rep wants from the conversation, in their words. */
export function goalSection(goal: string, options: { language: PitchLanguage }): PitchSection {
  const text =
    options.language === 'zh'
      ? `此次联系，希望与您沟通：${goal}。`
      : `I am reaching out about: ${goal}.`;
  return { role: 'goal', text, citationKeys: [] };
}

/** The ask: a short meeting or call. */
export function nextStepSection(options: {
  language: PitchLanguage;
  format: 'email' | 'call_outline';
}): PitchSection {
  const zh =
    options.format === 'email'
      ? '不知您下周是否方便安排 30 分钟沟通？期待您的回复。'
      : '约定下一步：确认 30 分钟的方案沟通时间和参会人。';
  const en =
    options.format === 'email'
      ? 'Would you have 30 minutes next week for a short conversation? ' +
        'I look forward to hearing from you.'
      : 'Agree the next step: a 30-minute follow-up and who should attend.';
  return { role: 'next_step', text: options.language === 'zh' ? zh : en, citationKeys: [] };
}

/** The sections as one text: paragraphs for an email, numbered steps for a call outline. */
export function renderPitch(
  sections: PitchSection[],
  options: { format: 'email' | 'call_outline'; language: PitchLanguage },
): string {
  if (options.format === 'email') return sections.map((section) => section.text).join('\n\n');

  const label = options.language === 'zh' ? STEP_LABELS_ZH : STEP_LABELS_EN;
  return sections
    .filter((section) => section.role !== 'greeting')
    .map((section, index) => `${index + 1}. ${label[section.role]}: ${section.text}`)
    .join('\n');
}

const STEP_LABELS_ZH: Record<PitchSection['role'], string> = {
  greeting: '开场',
  signal: '切入点',
  filing: '客户信息',
  policy: '医保政策',
  goal: '沟通目标',
  next_step: '下一步',
};

const STEP_LABELS_EN: Record<PitchSection['role'], string> = {
  greeting: 'Opening',
  signal: 'Why now',
  filing: 'What they published',
  policy: 'Reimbursement',
  goal: 'Goal',
  next_step: 'Next step',
};
