/** The language the offline model answers in: the user's. */
export type AnswerLanguage = 'zh' | 'en';

const HAN = /\p{Script=Han}/gu;
const LATIN_WORD = /[A-Za-z]{2,}/g;

/**
 * The language of a user's message. A Chinese character carries about as much as half an
 * English word, so a mixed message is Chinese when its characters outweigh its words
 * twice over: "给 Dongpu Hospital 写一封邮件" is Chinese, "Tell me about 东浦医院" English.
 */
export function messageLanguage(text: string): AnswerLanguage {
  const han = text.match(HAN)?.length ?? 0;
  const words = text.match(LATIN_WORD)?.length ?? 0;
  return han > 0 && han >= words * 2 ? 'zh' : 'en';
}
