-- The reviewer UI's index of each stored document (src/store/document-blocks.ts): its block count
-- and page sizes, read once per processing run instead of on every page view. A large document's
-- blocks are also kept one row each, so that a page of a million-paragraph document reads the
-- rows it shows instead of parsing the whole document again. Derived data: rebuilt when the
-- report's run changes, dropped with the report.
CREATE TABLE document_index (
  sha256        text PRIMARY KEY REFERENCES reports (sha256) ON DELETE CASCADE,
  run           integer NOT NULL,
  block_count   integer NOT NULL,
  page_info     json,
  materialized  boolean NOT NULL
);

CREATE TABLE document_blocks (
  sha256   text NOT NULL REFERENCES reports (sha256) ON DELETE CASCADE,
  block    integer NOT NULL,   -- 0-based reading order
  kind     text NOT NULL,      -- table | paragraph
  ordinal  integer NOT NULL,   -- table or paragraph ordinal
  data     json NOT NULL,
  PRIMARY KEY (sha256, block)
);
CREATE INDEX document_blocks_ordinal ON document_blocks (sha256, kind, ordinal);
