/**
 * Where the data lives: an external PostgreSQL by URL or an embedded one started, supervised
 * and stopped here, its connection pool, and notifications between nodes.
 */
package dev.arbiter.storage;
