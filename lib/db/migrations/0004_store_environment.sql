CREATE TABLE "store_environment" (
	"only" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"name" text NOT NULL,
	"claimed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "store_environment_one_row" CHECK ("store_environment"."only")
);
