/**
 * PostgreSQL storage for decisions and ruleset versions: JDBC repositories behind the core's
 * ports, schema managed by Flyway from {@code db/migration}. A decision is written in one
 * transaction or not at all.
 */
package dev.arbiter.persistence;
