CREATE TABLE "search_term_stats" (
	"tenant_id" uuid NOT NULL,
	"term" text NOT NULL,
	"chunk_count" integer NOT NULL,
	CONSTRAINT "search_term_stats_tenant_id_term_pk" PRIMARY KEY("tenant_id","term")
);
--> statement-breakpoint
ALTER TABLE "search_term_stats" ADD CONSTRAINT "search_term_stats_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;