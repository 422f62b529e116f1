// Resident ids are unique within a project.
CREATE CONSTRAINT resident_key IF NOT EXISTS FOR (r:Resident) REQUIRE (r.projectId, r.id) IS UNIQUE
