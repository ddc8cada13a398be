package dev.arbiter.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A data directory from a version that trusted every local connection and migrated as the
 * superuser is brought under passwords and roles at its first start with this version.
 */
class EarlierDataDirectoryIT {

    @Test
    void aClusterThatTrustedEveryoneGetsPasswordsAndItsTablesGetTheOwnerRole() throws Exception {
        Path dir = Path.of("target/it-postgres/earlier-" + UUID.randomUUID()).toAbsolutePath();
        Files.createDirectories(dir);
        try (EmbeddedPostgres earlier = EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(false)
                .start()) {
            Flyway.configure()
                    .dataSource(earlier.getPostgresDatabase())
                    .locations("classpath:db/migration")
                    .target("6")
                    .skipDefaultCallbacks(true)
                    .load()
                    .migrate();
            JdbcClient.create(earlier.getPostgresDatabase())
                    .sql("insert into request_nonce values ('k', 'n', now())")
                    .update();
        }

        try (PostgresServer server = PostgresServer.embedded(dir, 0, dir.resolveSibling(dir.getFileName() + "-keys"))) {
            Flyway.configure()
                    .dataSource(server.dataSource(server.owner()))
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            JdbcClient owner = JdbcClient.create(server.dataSource(server.owner()));
            JdbcClient app = JdbcClient.create(server.dataSource(server.app()));

            assertThat(owner.sql("select distinct tableowner from pg_tables where schemaname = 'public'")
                            .query(String.class)
                            .list())
                    .containsExactly("arbiter_owner");
            assertThat(app.sql("select count(*) from request_nonce")
                            .query(Integer.class)
                            .single())
                    .isEqualTo(1);
            assertThatThrownBy(() -> app.sql("delete from decision").update())
                    .rootCause()
                    .hasMessageContaining("permission denied");
            assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(), "postgres", "")
                            .close())
                    .isInstanceOf(SQLException.class);
        }
    }
}
