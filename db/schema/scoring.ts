import {
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns.ts';
import { tenants, users } from './organization.ts';
import { leads } from './pipeline.ts';

export const scorerKind = pgEnum('scorer_kind', ['rule', 'trained']);

/** A lead-scoring model of one tenant: the rule prior or one trained on its history. */
export const scoringModels = pgTable(
  'scoring_models',
  {
    id: id(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    kind: scorerKind('kind').notNull(),
    /** The serialised model (encoders, weights, calibration). */
    params: jsonb('params').$type<Record<string, unknown>>().notNull(),
    /** Held-out metrics: AUC, precision in the top decile, Brier score, base rate. */
    metrics: jsonb('metrics').$type<Record<string, unknown>>().notNull().default({}),
    trainedAt: timestamp('trained_at', { withTimezone: true }).notNull(),
    /** At most one active model per tenant; it scores the tenant's leads. */
    active: boolean('active').notNull().default(false),
    createdAt: createdAt(),
  },
  (table) => [index('scoring_models_tenant_active_idx').on(table.tenantId, table.active)],
);

/** One version of a tenant's score adjustments (weight multipliers); the newest applies. */
export const scoringAdjustments = pgTable(
  'scoring_adjustments',
  {
    id: id(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    /** Multipliers per region, segment, product line and signal. */
    multipliers: jsonb('multipliers').$type<Record<string, unknown>>().notNull(),
    /** The backtest that was shown when the version was applied. */
    backtest: jsonb('backtest').$type<Record<string, unknown>>().notNull().default({}),
    note: text('note'),
    createdByUserId: uuid('created_by_user_id').references(() => users.id, {
      onDelete: 'set null',
    }),
    createdAt: createdAt(),
  },
  (table) => [
    unique('scoring_adjustments_tenant_version_unique').on(table.tenantId, table.version),
  ],
);

/** A lead's latest score, with the reasons behind it and what produced it. */
export const leadScores = pgTable(
  'lead_scores',
  {
    leadId: uuid('lead_id')
      .primaryKey()
      .references(() => leads.id, { onDelete: 'cascade' }),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    /** Calibrated probability of conversion, after adjustments, 0 to 1. */
    score: doublePrecision('score').notNull(),
    band: text('band', { enum: ['hot', 'warm', 'cool', 'cold'] }).notNull(),
    scorer: scorerKind('scorer').notNull(),
    modelId: uuid('model_id').references(() => scoringModels.id, { onDelete: 'set null' }),
    adjustmentVersion: integer('adjustment_version').notNull().default(0),
    /** Top contributing factors, each with the records behind it. */
    reasons: jsonb('reasons').$type<Record<string, unknown>[]>().notNull().default([]),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('lead_scores_tenant_band_idx').on(table.tenantId, table.band)],
);
