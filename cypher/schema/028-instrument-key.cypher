// An instrument is one per project and key (its id lower-cased without spaces, hyphens or underscores).
CREATE CONSTRAINT instrument_key IF NOT EXISTS FOR (i:Instrument) REQUIRE (i.projectId, i.key) IS UNIQUE
