-- The repeat-report grading rule and the duplicate search look up recent whistles of one category.
create index whistle_category_reported on whistle (category_code, reported_at);
