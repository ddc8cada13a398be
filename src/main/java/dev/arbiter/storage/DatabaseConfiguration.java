package dev.arbiter.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.arbiter.ArbiterProperties;
import dev.arbiter.security.ProductionRefusedException;
import dev.arbiter.security.SecurityProperties;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * PostgreSQL: the external server named by {@code ARBITER_DB_URL}, or an embedded one. The pool
 * connects as the application role; migrations connect as the schema owner.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DatabaseConfiguration.class);

    /** The embedded server lives in one machine's folder, without replicas, backups or a DBA: not for production. */
    static void refuseEmbeddedInProduction(ArbiterProperties.Db db, Environment env) {
        if (env.acceptsProfiles(Profiles.of("production"))
                && (db.url() == null || db.url().isBlank())) {
            throw new ProductionRefusedException(
                    "no ARBITER_DB_URL, so it would run the embedded PostgreSQL in "
                            + db.dataDir().toAbsolutePath(),
                    "Set ARBITER_DB_URL (jdbc:postgresql://host:5432/arbiter) with ARBITER_DB_USERNAME and "
                            + "ARBITER_DB_PASSWORD for Arbiter's role, and ARBITER_DB_OWNER_USERNAME and "
                            + "ARBITER_DB_OWNER_PASSWORD for the schema owner; see docs/operations.md.");
        }
    }

    @Bean(destroyMethod = "close")
    PostgresServer postgresServer(
            ArbiterProperties properties,
            SecurityProperties security,
            Environment env,
            ObjectProvider<EarlyPostgres> early) {
        ArbiterProperties.Db db = properties.db();
        refuseEmbeddedInProduction(db, env);
        if (db.url() != null && !db.url().isBlank()) {
            PostgresServer.Login owner =
                    db.ownerUsername() == null || db.ownerUsername().isBlank()
                            ? null
                            : new PostgresServer.Login(db.ownerUsername(), db.ownerPassword());
            return PostgresServer.external(db.url(), new PostgresServer.Login(db.username(), db.password()), owner);
        }
        // the database's generated credentials live beside the other local keys; the server has
        // usually been starting since the context was created (EarlyPostgres)
        EarlyPostgres started = early.getIfAvailable();
        return Optional.ofNullable(started)
                .flatMap(s -> s.take(db.dataDir(), db.port(), security.keysDir()))
                .orElseGet(() -> PostgresServer.embedded(db.dataDir(), db.port(), security.keysDir()));
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(PostgresServer server, ArbiterProperties properties) {
        ArbiterProperties.Db db = properties.db();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(server.jdbcUrl());
        config.setUsername(server.app().username());
        config.setPassword(server.app().password());
        config.setPoolName("arbiter");
        // more connections than cores: a commit waits on the disk, not the CPU, and those waiting
        // together are flushed together (docs/benchmarks.md: ARBITER_DB_POOL_SIZE)
        config.setMaximumPoolSize(db.poolSize());
        // a decision waits at most this long for storage before the client is told 503
        config.setConnectionTimeout(3_000);
        // connections that died with the server are found and replaced before they are lent out
        config.setKeepaliveTime(db.keepalive().toMillis());
        return new HikariDataSource(config);
    }

    /**
     * The replica reports and searches read from, when {@code ARBITER_DB_READ_URL} is set: logged in
     * as {@code ARBITER_DB_READ_USERNAME} (default: the application's login), every connection
     * read-only even outside a transaction, so that nothing can write through it.
     */
    @Bean(destroyMethod = "close")
    ReportingDatabase reportingDatabase(ArbiterProperties properties, PostgresServer server, JdbcClient primary) {
        ArbiterProperties.Db db = properties.db();
        if (db.readUrl() == null || db.readUrl().isBlank()) {
            return ReportingDatabase.primary(primary);
        }
        boolean ownLogin = db.readUsername() != null && !db.readUsername().isBlank();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.readUrl());
        config.setUsername(ownLogin ? db.readUsername() : server.app().username());
        config.setPassword(ownLogin ? db.readPassword() : server.app().password());
        config.setPoolName("arbiter-reads");
        config.setMaximumPoolSize(5);
        config.setConnectionTimeout(3_000);
        config.setKeepaliveTime(30_000);
        config.setReadOnly(true);
        // PgJDBC makes a read-only connection read-only in autocommit too, not only in transactions
        config.addDataSourceProperty("readOnlyMode", "always");
        log.info("Reports and searches read from {}", db.readUrl());
        return ReportingDatabase.replica(new HikariDataSource(config));
    }

    @Bean
    FlywayConfigurationCustomizer migrateAsOwner(PostgresServer server) {
        return flyway -> flyway.dataSource(
                server.jdbcUrl(), server.owner().username(), server.owner().password());
    }
}
