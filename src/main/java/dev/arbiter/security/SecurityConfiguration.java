package dev.arbiter.security;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Signed requests, clients and keys, personal-data encryption: the master key, the stores on
 * PostgreSQL, the verifier, and the local keys a first start in the default profile creates.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
@Import({SecurityWeb.class, ConsoleSecurity.class})
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    static boolean production(Environment env) {
        return env.acceptsProfiles(Profiles.of("production"));
    }

    @Bean
    MasterKey masterKey(Environment env, SecurityProperties properties) {
        String base64 = env.getProperty("ARBITER_MASTER_KEY");
        if (base64 != null && !base64.isBlank()) {
            log.info("Master key from ARBITER_MASTER_KEY");
            return MasterKey.fromBase64(base64);
        }
        String file = env.getProperty("ARBITER_MASTER_KEY_FILE");
        if (file != null && !file.isBlank()) {
            if (production(env)) {
                refuseLocalMasterKey(Path.of(file), properties.keysDir().resolve("master.key"));
                ProductionChecks.notWorldReadable(Path.of(file), "the master key file", "ARBITER_MASTER_KEY_FILE");
            }
            log.info("Master key from file {}", Path.of(file).toAbsolutePath());
            return MasterKey.read(Path.of(file));
        }
        if (production(env)) {
            throw new MissingMasterKeyException();
        }
        Path generated = properties.keysDir().resolve("master.key");
        if (Files.exists(generated)) {
            log.info(
                    "Master key from {} (generated at an earlier start; set ARBITER_MASTER_KEY for production)",
                    generated.toAbsolutePath());
            return MasterKey.read(generated);
        }
        log.warn(
                "No master key configured: generated one into {}. Fine for local use; in production set "
                        + "ARBITER_MASTER_KEY or ARBITER_MASTER_KEY_FILE (the production profile refuses to start without).",
                generated.toAbsolutePath());
        return MasterKey.generate(generated);
    }

    /** The key a local start generated is on a developer's disk and in their backups: never a production key. */
    static void refuseLocalMasterKey(Path file, Path generated) {
        if (file.toAbsolutePath().normalize().equals(generated.toAbsolutePath().normalize())) {
            throw new ProductionRefusedException(
                    "the master key file " + file.toAbsolutePath()
                            + " is the one a local start generates in the keys folder",
                    "Create a production master key with 'openssl rand -base64 32', keep it in your secret store "
                            + "and pass it as ARBITER_MASTER_KEY (or in a file of mode 600 outside the keys folder, as "
                            + "ARBITER_MASTER_KEY_FILE).");
        }
    }

    @Bean
    Clients clients(JdbcClient jdbc, MasterKey master, Clock clock, SecurityProperties properties) {
        return new Clients(new JdbcKeyStore(jdbc), master, clock, properties.keyCacheTtl());
    }

    /** Nonces in PostgreSQL, shared by every node; also for handlers that record a request's nonce with its work. */
    @Bean
    JdbcNonceStore nonceStore(JdbcClient jdbc) {
        return new JdbcNonceStore(jdbc);
    }

    @Bean
    RequestVerifier requestVerifier(
            Clients clients, NonceStore nonces, Clock clock, SecurityProperties properties, Environment env) {
        if (production(env) && properties.environment() == KeyEnvironment.SANDBOX) {
            throw new ProductionRefusedException(
                    "arbiter.security.environment is sandbox, so the local keys a "
                            + "first start generates (one per role, in the keys folder) would be accepted",
                    "Remove ARBITER_SECURITY_ENVIRONMENT (production is the production profile's default) and issue "
                            + "production keys through the admin API.");
        }
        KeyEnvironment environment = properties.environment() != null
                ? properties.environment()
                : production(env) ? KeyEnvironment.PRODUCTION : KeyEnvironment.SANDBOX;
        return new RequestVerifier(clients, nonces, clock, properties.timestampWindow(), environment);
    }

    /**
     * On a first start (no clients stored): outside production, one local client per role with a
     * sandbox key each; in production, one admin key only, to create the real clients with.
     */
    @Bean
    FirstStartKeys firstStartKeys(
            Clients clients, RequestVerifier verifier, SecurityProperties properties, Environment env) {
        return new FirstStartKeys(clients, verifier.environment(), properties.keysDir(), production(env));
    }
}
