// The version of Neo4j Graph Data Science in this database; fails where GDS is not installed.
// (no parameters) -> version
RETURN gds.version() AS version
