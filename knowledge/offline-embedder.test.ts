import { describe, expect, it } from 'vitest';
import { createOfflineEmbedder } from './offline-embedder.ts';

const PASSAGES = [
  '2024年医保政策调整：监护仪相关检查项目的报销比例由60%提高到70%，起付线不变。',
  '某三甲医院设备科发布输液泵招标公告，预算金额120万元，投标截止日期为6月30日。',
  '经销商需在投标时提供厂家授权书和医疗器械经营许可证。',
  '公司注册资本为5000万元，法定代表人为张伟，经营范围包括医疗器械销售。',
  '客户提出价格太高的异议时，先确认预算，再说明总拥有成本和售后服务价值。',
  '带量采购后吻合器中标价平均下降了60%，医院耗材成本明显降低。',
  '超声设备的维保合同通常一年一签，续约前三个月要跟进设备科。',
  '公司去年完成B轮融资，营业收入同比增长35%。',
  '本季度销售目标完成率为85%，华东区域表现最好。',
];

const ENGLISH_PASSAGES = [
  'The reimbursement ratio under basic medical insurance rose to 70% this year.',
  'The equipment department of the hospital issued a tender for infusion pumps.',
  'Renewal terms of the maintenance contract for ultrasound systems.',
  'The registered capital is 50 million yuan; the legal representative is Zhang Wei.',
];

const embedder = createOfflineEmbedder();

function dot(left: number[], right: number[]): number {
  return left.reduce((sum, value, index) => sum + value * (right[index] ?? 0), 0);
}

async function rank(query: string, passages: string[]): Promise<number[]> {
  const [queryVector = [], ...passageVectors] = await embedder.embed([query, ...passages]);
  return passageVectors
    .map((vector, index) => ({ index, score: dot(queryVector, vector) }))
    .sort((left, right) => right.score - left.score)
    .map(({ index }) => index);
}

describe('createOfflineEmbedder', () => {
  it('names its version and width', () => {
    expect(embedder.id).toBe('offline-hash-v1');
    expect(embedder.dimensions).toBe(512);
    expect(createOfflineEmbedder({ dimensions: 64 }).id).toBe('offline-hash-v1@64');
  });

  it('returns the same vector for the same text, across instances', async () => {
    const [first] = await embedder.embed(['输液泵招标公告 infusion pump tender']);
    const [second] = await createOfflineEmbedder().embed(['输液泵招标公告 infusion pump tender']);
    expect(second).toEqual(first);
  });

  it('returns one unit-length vector of the configured width per text, in order', async () => {
    const vectors = await createOfflineEmbedder({ dimensions: 128 }).embed(PASSAGES);
    expect(vectors).toHaveLength(PASSAGES.length);
    for (const vector of vectors) {
      expect(vector).toHaveLength(128);
      expect(Math.sqrt(dot(vector, vector))).toBeCloseTo(1, 10);
    }
  });

  it('gives empty and punctuation-only texts a finite unit vector', async () => {
    const vectors = await embedder.embed(['', '   ', '！？。,,']);
    for (const vector of vectors) {
      expect(vector.every(Number.isFinite)).toBe(true);
      expect(Math.sqrt(dot(vector, vector))).toBeCloseTo(1, 10);
    }
  });

  it('ranks the right Chinese passage first for a Chinese query', async () => {
    expect((await rank('输液泵招标的预算是多少', PASSAGES))[0]).toBe(1);
    expect((await rank('吻合器集采后降价多少', PASSAGES))[0]).toBe(5);
  });

  it('ranks the right Chinese passage first for an English query via the glossary', async () => {
    const ranking = await rank(
      'What is the reimbursement ratio for patient monitors under medical insurance?',
      PASSAGES,
    );
    expect(ranking[0]).toBe(0);
    expect((await rank('legal representative and registered capital', PASSAGES))[0]).toBe(3);
    expect((await rank('distributor letter of authorization for the bid', PASSAGES))[0]).toBe(2);
  });

  it('ranks the right English passage first for a Chinese query through the glossary', async () => {
    expect((await rank('医保报销比例是多少', ENGLISH_PASSAGES))[0]).toBe(0);
    expect((await rank('输液泵招标', ENGLISH_PASSAGES))[0]).toBe(1);
    expect((await rank('超声维保合同续约', ENGLISH_PASSAGES))[0]).toBe(2);
  });

  it('keeps unrelated texts near orthogonal', async () => {
    const [query = [], passage = []] = await embedder.embed([
      'patient monitor reimbursement',
      '本季度销售目标完成率为85%',
    ]);
    expect(Math.abs(dot(query, passage))).toBeLessThan(0.1);
  });

  it('pins the vector of a reference text, so a feature change forces a version bump', async () => {
    // If this fails after a deliberate change to features, weights, stop words or the
    // glossary, bump VERSION in offline-embedder.ts and update the numbers; after a
    // Node.js upgrade it means ICU segments Chinese differently and stored vectors drift.
    const [vector = []] = await embedder.embed([
      '设备科发布监护仪招标公告 tender for patient monitors',
    ]);
    const fingerprint = vector.reduce((sum, value, index) => sum + value * Math.sin(index + 1), 0);
    expect(fingerprint).toBeCloseTo(PINNED_FINGERPRINT, 5);
  });

  it('rejects a width that is not a positive integer', () => {
    expect(() => createOfflineEmbedder({ dimensions: 0 })).toThrow(
      expect.objectContaining({ code: 'embedding_dimensions_invalid' }),
    );
  });

  it('rejects a call whose signal is already aborted', async () => {
    await expect(embedder.embed(['招标'], { signal: AbortSignal.abort() })).rejects.toThrow();
  });
});

const PINNED_FINGERPRINT = -0.730687;
