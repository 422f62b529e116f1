// The audit log is read in time order for one project.
CREATE INDEX audit_project_time IF NOT EXISTS FOR (a:AuditEntry) ON (a.project, a.atMs)
