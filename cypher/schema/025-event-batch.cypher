// Reads bring a project's kept history up to date from the batches written since: found by batch.
CREATE INDEX event_batch IF NOT EXISTS FOR (e:Event) ON (e.projectId, e.batch)
