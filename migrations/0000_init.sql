CREATE TABLE `figure_provinces` (
	`figure_id` text NOT NULL,
	`province_code` text NOT NULL,
	PRIMARY KEY(`figure_id`, `province_code`),
	FOREIGN KEY (`figure_id`) REFERENCES `figures`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`province_code`) REFERENCES `provinces`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `figure_provinces_code_idx` ON `figure_provinces` (`province_code`);--> statement-breakpoint
CREATE TABLE `figures` (
	`id` text PRIMARY KEY NOT NULL,
	`source_id` text NOT NULL,
	`period_id` text NOT NULL,
	`measure` text NOT NULL,
	`comparator` text DEFAULT 'eq' NOT NULL,
	`value_usd` integer,
	`share_percent` real,
	`rank` integer,
	`resolution` real,
	`quote_text` text NOT NULL,
	`quote_line` integer NOT NULL,
	`quote_start` integer NOT NULL,
	`quote_end` integer NOT NULL,
	`remark` text,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`period_id`) REFERENCES `periods`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "figures_one_value" CHECK(("figures"."measure" = 'export_value_usd' AND "figures"."value_usd" IS NOT NULL AND "figures"."share_percent" IS NULL AND "figures"."rank" IS NULL)
       OR ("figures"."measure" = 'export_share_percent' AND "figures"."share_percent" IS NOT NULL AND "figures"."value_usd" IS NULL AND "figures"."rank" IS NULL)
       OR ("figures"."measure" = 'export_rank' AND "figures"."rank" IS NOT NULL AND "figures"."value_usd" IS NULL AND "figures"."share_percent" IS NULL)),
	CONSTRAINT "figures_quote_span" CHECK("figures"."quote_end" > "figures"."quote_start" AND "figures"."quote_start" >= 0)
);
--> statement-breakpoint
CREATE INDEX `figures_period_idx` ON `figures` (`period_id`,`measure`);--> statement-breakpoint
CREATE TABLE `notes` (
	`id` text PRIMARY KEY NOT NULL,
	`source_id` text NOT NULL,
	`period_id` text NOT NULL,
	`province_code` text NOT NULL,
	`topic` text NOT NULL,
	`summary_en` text NOT NULL,
	`quote_text` text NOT NULL,
	`quote_line` integer NOT NULL,
	`quote_start` integer NOT NULL,
	`quote_end` integer NOT NULL,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`period_id`) REFERENCES `periods`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`province_code`) REFERENCES `provinces`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `notes_province_idx` ON `notes` (`province_code`);--> statement-breakpoint
CREATE TABLE `periods` (
	`id` text PRIMARY KEY NOT NULL,
	`label_en` text NOT NULL,
	`year` integer NOT NULL,
	`sort_key` text NOT NULL,
	`starts_on` text,
	`ends_on` text
);
--> statement-breakpoint
CREATE TABLE `province_aliases` (
	`province_code` text NOT NULL,
	`alias` text NOT NULL,
	`language` text NOT NULL,
	`kind` text NOT NULL,
	PRIMARY KEY(`province_code`, `alias`),
	FOREIGN KEY (`province_code`) REFERENCES `provinces`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `provinces` (
	`code` text PRIMARY KEY NOT NULL,
	`slug` text NOT NULL,
	`name_en` text NOT NULL,
	`name_fa` text NOT NULL,
	`name_ar` text NOT NULL,
	`iso_name` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `provinces_slug_idx` ON `provinces` (`slug`);--> statement-breakpoint
CREATE TABLE `sources` (
	`id` text PRIMARY KEY NOT NULL,
	`title_ar` text,
	`title_en` text NOT NULL,
	`publisher_ar` text,
	`publisher_en` text,
	`data_owner_ar` text,
	`data_owner_en` text,
	`period_id` text NOT NULL,
	`period_words` text NOT NULL,
	`language` text NOT NULL,
	`published_on` text,
	`url` text,
	`text_sha256` text NOT NULL,
	`text` text NOT NULL,
	FOREIGN KEY (`period_id`) REFERENCES `periods`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sources_period_idx` ON `sources` (`period_id`);