// The group layer at a moment: the project's MEMBER_OF spells that started by then.
CREATE INDEX member_of_since IF NOT EXISTS FOR ()-[r:MEMBER_OF]-() ON (r.projectId, r.since)
