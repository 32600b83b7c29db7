ALTER TABLE "jobs" ADD COLUMN "serial_key" text;--> statement-breakpoint
CREATE INDEX "jobs_serial_idx" ON "jobs" USING btree ("serial_key","status") WHERE "jobs"."serial_key" is not null;