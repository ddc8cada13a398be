package dev.arbiter.storage;

import static dev.arbiter.storage.DatabaseCredentials.APP;
import static dev.arbiter.storage.DatabaseCredentials.OWNER;
import static dev.arbiter.storage.DatabaseCredentials.SUPERUSER;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * The embedded server's roles and who may connect, set up as the superuser at every start
 * (idempotent, so a data directory from an earlier version that trusted everyone and kept its
 * tables under the superuser is brought to the same state as a new one): a schema owner that
 * migrates, an application role whose rights {@code afterMigrate.sql} grants, SCRAM passwords
 * for all three, and a pg_hba.conf without {@code trust}.
 */
final class ClusterRoles {

    static final String HBA = """
            # Written by Arbiter at every start: every connection authenticates with a password
            # (SCRAM-SHA-256); the passwords are in the keys directory, postgres.credentials.
            local   all   all                  scram-sha-256
            host    all   all   127.0.0.1/32   scram-sha-256
            host    all   all   ::1/128        scram-sha-256
            """;

    private ClusterRoles() {}

    static void provision(DataSource superuser, Path dataDirectory, DatabaseCredentials credentials)
            throws SQLException, IOException {
        try (Connection c = superuser.getConnection();
                Statement s = c.createStatement()) {
            s.execute("""
                    do $$ begin
                      if not exists (select from pg_roles where rolname = '%1$s') then create role %1$s login; end if;
                      if not exists (select from pg_roles where rolname = '%2$s') then create role %2$s login; end if;
                    end $$""".formatted(OWNER, APP));
            s.execute("alter role " + OWNER + " login nosuperuser nocreatedb nocreaterole noreplication nobypassrls");
            s.execute("alter role " + APP + " login nosuperuser nocreatedb nocreaterole noreplication nobypassrls");
            // hashed on this side (SCRAM): no password ever travels or lands in a server log in clear
            PGConnection pg = c.unwrap(PGConnection.class);
            pg.alterUserPassword(SUPERUSER, credentials.superuserPassword().toCharArray(), "scram-sha-256");
            pg.alterUserPassword(OWNER, credentials.ownerPassword().toCharArray(), "scram-sha-256");
            pg.alterUserPassword(APP, credentials.appPassword().toCharArray(), "scram-sha-256");
            s.execute("alter schema public owner to " + OWNER);
            s.execute("revoke create on schema public from public");
            s.execute("revoke all on database postgres from public");
            s.execute("grant connect, temporary on database postgres to " + OWNER + ", " + APP);
            s.execute("grant usage on schema public to " + APP);
            s.execute(ADOPT_EARLIER_TABLES.formatted(OWNER));
        }
        Path hba = dataDirectory.toAbsolutePath().resolve("pg_hba.conf");
        if (!HBA.equals(Files.readString(hba, StandardCharsets.UTF_8))) {
            Files.writeString(hba, HBA, StandardCharsets.UTF_8);
            try (Connection c = superuser.getConnection();
                    Statement s = c.createStatement()) {
                s.execute("select pg_reload_conf()");
            }
        }
    }

    // tables and views created by earlier versions, which migrated as the superuser; sequences
    // owned by a column follow their table
    private static final String ADOPT_EARLIER_TABLES = """
            do $$ declare r record; begin
              for r in select c.oid::regclass as name, c.relkind from pg_class c
                         join pg_namespace n on n.oid = c.relnamespace
                        where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm', 'S')
                          and c.relowner <> '%1$s'::regrole
                          and not exists (select from pg_depend d where d.objid = c.oid
                                           and d.classid = 'pg_class'::regclass and d.deptype in ('a', 'i')
                                           and c.relkind = 'S')
              loop
                execute format('alter %%s %%s owner to %1$s',
                               case r.relkind when 'S' then 'sequence' when 'v' then 'view'
                                              when 'm' then 'materialized view' else 'table' end, r.name);
              end loop;
            end $$""";
}
