package dev.arbiter.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.ApplicationFixture;
import dev.arbiter.ArbiterIT;
import dev.arbiter.Http;
import dev.arbiter.Keys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Arbiter connects as a role that may add to the decision record but not rewrite or remove it;
 * the embedded server lets no one in without a password.
 */
@ArbiterIT
class DatabaseRolesIT {

    @Autowired
    ApplicationContext context;

    @Autowired
    PostgresServer server;

    @Autowired
    DataSource pool;

    @BeforeEach
    void aDecisionIsStored() {
        var answer = Http.to(context, "originator")
                .post("/v1/decisions", ApplicationFixture.steadyEmployedRenter("roles-" + java.util.UUID.randomUUID()));
        assertThat(answer.status()).isEqualTo(201);
    }

    @Test
    void arbitersPoolConnectsAsTheApplicationRoleNotTheOwner() {
        assertThat(JdbcClient.create(pool)
                        .sql("select current_user")
                        .query(String.class)
                        .single())
                .isEqualTo("arbiter_app");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "update decision set outcome = 'APPROVE'",
                "update decision set reasons = '[]'::jsonb, terms = null",
                "update decision set scores = '[]'::jsonb",
                "update decision set decided_at = decided_at - interval '1 day'",
                // the recorder writes the owner and the retention date with the row: no update needs them
                "update decision set client_id = 'someone-else'",
                "update decision set retain_until = now()",
                "delete from decision",
                "truncate decision cascade",
                "delete from chain_link",
                "update chain_link set record_hash = repeat('0', 64)",
                "truncate chain_link",
                "delete from chain_checkpoint",
                "update chain_checkpoint set signature = 'x'",
                "delete from decision_event",
                "update decision_event set body = '{}'::jsonb",
                "delete from decision_pii",
                "delete from decision_performance",
                "delete from decision_shadow",
                "delete from ruleset_version",
                "update ruleset_version set files = '{}'::jsonb",
                "delete from ruleset_approval",
                "delete from ruleset_activation",
                "delete from audit_public_key",
                "update api_key set role = 'ADMIN'",
                "delete from api_key",
                "delete from flyway_schema_history",
                "create table smuggled (note text)",
                "alter table decision drop constraint decision_application_unique",
                "drop table chain_checkpoint",
            })
    void theApplicationRoleCannotRewriteOrRemoveTheRecord(String sql) {
        assertThatThrownBy(() -> inRolledBackTransaction(pool, sql))
                .isInstanceOfSatisfying(
                        SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "update decision set outcome = 'APPROVE'",
                "delete from chain_link",
                "truncate decision cascade",
            })
    void theOwnerCanWhatTheApplicationRoleIsRefusedSoTheRefusalIsTheRoles(String sql) throws SQLException {
        inRolledBackTransaction(server.dataSource(server.owner()), sql);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "update event_publication set completion_date = completion_date",
                "delete from event_publication where false",
                "update decision set application = application, purged_at = purged_at, purged_digests = purged_digests",
                "delete from decision_monitoring where false",
                "update chain_link set position = position, previous_hash = previous_hash, link_hash = link_hash, linked_at = linked_at",
                "update decision_pii set wrapped_key = wrapped_key, sealed = sealed, national_id_hash = national_id_hash, forgotten_at = forgotten_at",
                "update ruleset_version set status = status",
                "update api_key set revoked_at = revoked_at",
                "delete from request_nonce where false",
                "insert into client_rate_window values ('c', now(), 1) on conflict (client_id) "
                        + "do update set window_start = excluded.window_start, requests = client_rate_window.requests + 1",
                "select id from decision for update skip locked",
            })
    void theApplicationRoleKeepsTheUpdatesItsOwnWorkNeeds(String sql) throws SQLException {
        inRolledBackTransaction(pool, sql);
    }

    @Test
    void noOneConnectsToTheEmbeddedServerWithoutThePassword() {
        for (String user : new String[] {"postgres", "arbiter_owner", "arbiter_app"}) {
            assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(), user, "wrong")
                            .close())
                    .as(user)
                    .isInstanceOfSatisfying(
                            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("28P01"));
            assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(), user, "")
                            .close())
                    .as(user + " without a password")
                    .isInstanceOf(SQLException.class);
        }
    }

    @Test
    void theDatabasePasswordsAreInAFileOnlyItsOwnerCanRead() throws Exception {
        Path file = Keys.of(context).dir().resolve("postgres.credentials");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(Files.readString(file))
                .contains("app_password=" + server.app().password());
    }

    private static void inRolledBackTransaction(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute(sql);
            } finally {
                c.rollback();
            }
        }
    }
}
