import { type AccountNames, accountMentions } from './account-mentions.ts';
import { type AnswerLanguage, messageLanguage } from './message-language.ts';
import { type ProductMention, productMentions } from './product-mentions.ts';
import { externalIdMentions, type RecordIdMention, recordIdMentions } from './record-ids.ts';
import { regionMentions } from './region-mentions.ts';

/** What a user's message names: the facts the offline model fills tool arguments from. */
export interface MessageEntities {
  /** Account references a tool can resolve: full names when known, else the phrase used. */
  accounts: string[];
  /** Dealwise record ids (UUIDs) with the kind of record each seems to be. */
  recordIds: RecordIdMention[];
  /** Ids from the tenant's own CRM, e.g. CRM-10001; the tools take UUIDs, not these. */
  externalIds: string[];
  products: ProductMention[];
  /** English province names as the policy table spells them. */
  regions: string[];
  /** A day written as YYYY-MM-DD, if any. */
  date: string | undefined;
  language: AnswerLanguage;
}

const ISO_DATE = /\b(\d{4}-\d{2}-\d{2})\b/;

/** Reads the entities of a message, Chinese or English. */
export function extractEntities(
  text: string,
  accountNames: readonly AccountNames[] = [],
): MessageEntities {
  return {
    accounts: accountMentions(text, accountNames),
    recordIds: recordIdMentions(text),
    externalIds: externalIdMentions(text),
    products: productMentions(text),
    regions: regionMentions(text),
    date: ISO_DATE.exec(text)?.[1],
    language: messageLanguage(text),
  };
}
