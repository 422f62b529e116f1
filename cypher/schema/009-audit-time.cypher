// The audit log is read in time order, across projects.
CREATE INDEX audit_time IF NOT EXISTS FOR (a:AuditEntry) ON (a.atMs)
