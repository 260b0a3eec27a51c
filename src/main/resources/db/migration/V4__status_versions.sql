-- Every change of a drop raises its version; status.json records which version it shows. A status.json the
-- process could not write before it stopped (a crash between a commit and the file) is written at the next sweep.
ALTER TABLE drop_record ADD COLUMN version BIGINT DEFAULT 1 NOT NULL;
ALTER TABLE drop_record ADD COLUMN published_version BIGINT DEFAULT 0 NOT NULL;
CREATE INDEX drop_record_unpublished_idx ON drop_record (published_version, version);
