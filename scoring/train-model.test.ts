import { describe, expect, it } from 'vitest';
import { formatCsv } from './csv-table.ts';
import { trainFromCsv } from './csv-training.ts';
import { probabilityOf, topContributions } from './explained-score.ts';
import { encodeRecord, levelOf } from './feature-encoder.ts';
import { syntheticLeads } from './synthetic-leads.ts';
import { explainWithModel } from './trained-model.ts';

const now = new Date('2025-07-01T00:00:00Z');
const training = syntheticLeads({ rows: 4000, seed: 11 });
const model = trainFromCsv({
  text: formatCsv(training),
  labelColumn: 'converted',
  idColumn: 'lead_id',
  now,
});
const fresh = syntheticLeads({ rows: 4000, seed: 99 });

describe('trainModel on synthetic leads with a planted signal', () => {
  it('ranks held-out leads far better than chance', () => {
    expect(model.validation.split).toBe('time');
    expect(model.validation.model.auc).toBeGreaterThan(0.75);
  });

  it('gives the planted tender signal the largest weight', () => {
    const weights = model.encoding.slotNames.map((name, slot) => ({
      name,
      weight: Math.abs(model.logistic.weights[slot] ?? 0),
    }));
    const strongest = weights.sort((a, b) => b.weight - a.weight)[0];

    expect(strongest?.name).toBe('tender_open');
  });

  it('leaves the noise columns near zero', () => {
    const slot = model.encoding.slotNames.indexOf('noise_score');

    expect(Math.abs(model.logistic.weights[slot] ?? 1)).toBeLessThan(0.1);
  });

  it('produces calibrated probabilities on unseen leads', () => {
    const scores = fresh.map((record) => probabilityOf(explainWithModel(model, record)));
    const labels = fresh.map((record) => Number(record.converted));
    const bins = [0, 0.1, 0.2, 0.35, 0.6, 1.01];
    const errors = bins.slice(0, -1).flatMap((low, index) => {
      const members = scores
        .map((score, row) => ({ score, label: labels[row] ?? 0 }))
        .filter(({ score }) => score >= low && score < (bins[index + 1] ?? 1));
      if (members.length < 100) return [];
      const predicted = members.reduce((sum, member) => sum + member.score, 0) / members.length;
      const observed = members.reduce((sum, member) => sum + member.label, 0) / members.length;
      return [Math.abs(predicted - observed)];
    });

    expect(errors.length).toBeGreaterThanOrEqual(3);
    expect(Math.max(...errors)).toBeLessThan(0.06);
  });

  it('names the planted factor first when a lead has an open tender', () => {
    const record = { ...fresh[0], tender_open: 'yes', web_visits: '0', positive_replies: '0' };
    const [first] = topContributions(explainWithModel(model, record));

    expect(first?.feature).toBe('tender_open');
    expect(first?.value).toBe('yes');
    expect(first?.logOdds).toBeGreaterThan(1);
  });

  it('groups rare categories and maps unseen ones to the other level', () => {
    const industry = model.encoding.encoders.find((encoder) => encoder.column === 'industry');
    if (industry?.kind !== 'categorical') throw new Error('industry is not categorical');

    expect(industry.levels).not.toContain('rare-a');
    expect(levelOf(industry, 'never-seen')).toBe('(other)');
    expect(levelOf(industry, 'N/A')).toBe('(missing)');
  });

  it('encodes a record with placeholders and unseen values without NaN', () => {
    const record = {
      ...fresh[0],
      employee_count: 'unknown',
      industry: 'space',
      first_contact_at: '-',
    };

    expect(encodeRecord(model.encoding, record).every(Number.isFinite)).toBe(true);
  });
});
