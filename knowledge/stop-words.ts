/**
 * Words too common to say anything about a passage, in Chinese and English. They are
 * left out of full-text queries and of the offline embedder's features.
 */
// biome-ignore format: a word list reads better packed
const STOP_WORDS = new Set([
  // English
  'a', 'an', 'and', 'are', 'as', 'at', 'be', 'but', 'by', 'can', 'do', 'does', 'for', 'from',
  'has', 'have', 'how', 'i', 'if', 'in', 'into', 'is', 'it', 'its', 'me', 'my', 'of', 'on', 'or',
  'our', 'should', 'so', 'that', 'the', 'their', 'them', 'then', 'there', 'these', 'they',
  'this', 'to', 'us', 'was', 'we', 'were', 'what', 'when', 'where', 'which', 'who', 'why',
  'will', 'with', 'would', 'you', 'your',
  // Chinese
  '的', '了', '和', '与', '及', '或', '是', '在', '有', '就', '都', '而', '也', '被', '把', '对', '为', '以', '于',
  '之', '其', '这', '那', '这个', '那个', '我', '我们', '你', '你们', '他', '他们', '她', '它', '吗', '呢', '吧', '啊',
  '么', '什么', '怎么', '如何', '哪些', '一个', '可以', '需要', '应该', '是否', '请问', '请',
]);

/** True for a word that carries no meaning of its own in a search. */
export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}
