package dev.arbiter.storage;

import dev.arbiter.ArbiterProperties;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** PostgreSQL: the external server named by {@code ARBITER_DB_URL}, or an embedded one. */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    @Bean(destroyMethod = "close")
    PostgresServer postgresServer(ArbiterProperties properties) {
        ArbiterProperties.Db db = properties.db();
        if (db.url() != null && !db.url().isBlank()) {
            return PostgresServer.external(db.url(), db.username(), db.password());
        }
        return PostgresServer.embedded(db.dataDir(), db.port());
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(PostgresServer server) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(server.jdbcUrl());
        config.setUsername(server.username());
        config.setPassword(server.password());
        config.setPoolName("arbiter");
        config.setMaximumPoolSize(10);
        // a decision waits at most this long for storage before the client is told 503
        config.setConnectionTimeout(3_000);
        return new HikariDataSource(config);
    }
}
