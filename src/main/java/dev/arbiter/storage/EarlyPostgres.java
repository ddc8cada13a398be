package dev.arbiter.storage;

import dev.arbiter.ArbiterApplication;
import dev.arbiter.ArbiterProperties;
import dev.arbiter.security.SecurityProperties;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.context.event.ApplicationContextInitializedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.Profiles;

/**
 * Starts the embedded PostgreSQL on a thread of its own as soon as Arbiter's settings are known
 * (its context is created, not yet refreshed), so that the server's start (initdb on a fresh
 * directory, the postmaster, the roles) overlaps the building of the application context instead
 * of coming in the middle of it. The {@code postgresServer} bean takes the server from here when
 * it asks for the same data directory, port and keys directory, and owns it from then on (stops it
 * with the context); otherwise, with an external database, in the production profile (which
 * refuses the embedded server) and for applications other than Arbiter, nothing starts early. A
 * server started early that no bean took, because the context failed before, is stopped with the
 * context.
 */
public final class EarlyPostgres {

    static final String BEAN = "arbiter.earlyPostgres";

    private static final Logger log = LoggerFactory.getLogger(EarlyPostgres.class);

    private final Path dataDir;
    private final int port;
    private final Path keysDir;
    private final CompletableFuture<PostgresServer> start;
    private final AtomicBoolean claimed = new AtomicBoolean();

    private EarlyPostgres(Path dataDir, int port, Path keysDir) {
        this.dataDir = dataDir;
        this.port = port;
        this.keysDir = keysDir;
        this.start = new CompletableFuture<>();
        Thread thread = new Thread(
                () -> {
                    try {
                        start.complete(PostgresServer.embedded(dataDir, port, keysDir));
                    } catch (Throwable e) {
                        start.completeExceptionally(e);
                    }
                },
                "arbiter-postgres-start");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * The server started early, once, if it is the one these settings ask for (waiting for its
     * start to finish, and failing as {@link PostgresServer#embedded} failed); empty when the
     * settings differ (the early server is then stopped) or it was already taken.
     */
    Optional<PostgresServer> take(Path dataDir, int port, Path keysDir) {
        if (!same(dataDir, port, keysDir)) {
            log.warn("the embedded PostgreSQL started early was for other settings; starting it again");
            stopIfUntaken();
            return Optional.empty();
        }
        if (!claimed.compareAndSet(false, true)) {
            return Optional.empty();
        }
        try {
            return Optional.of(start.join());
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** Stops the server started early unless a bean took it (waits for its start to finish first). */
    void stopIfUntaken() {
        if (claimed.compareAndSet(false, true)) {
            PostgresServer server;
            try {
                server = start.join();
            } catch (RuntimeException e) {
                log.debug("the embedded PostgreSQL started early did not start: {}", e.getMessage());
                return;
            }
            try {
                server.close();
            } catch (IOException | RuntimeException e) {
                log.warn("could not stop the embedded PostgreSQL started early: {}", e.getMessage());
            }
        }
    }

    private boolean same(Path dataDir, int port, Path keysDir) {
        return this.port == port
                && normal(this.dataDir).equals(normal(dataDir))
                && normal(this.keysDir).equals(normal(keysDir));
    }

    private static Path normal(Path path) {
        return path.toAbsolutePath().normalize();
    }

    /**
     * Registered in {@code META-INF/spring.factories}: starts the server when Arbiter's context is
     * initialized and hands it to the context as a singleton that the context disposes of with
     * its other beans, also when its refresh fails, stopping the server unless a bean took it.
     */
    public static final class Starter implements ApplicationListener<ApplicationContextInitializedEvent> {

        @Override
        public void onApplicationEvent(ApplicationContextInitializedEvent event) {
            if (event.getSpringApplication().getAllSources().contains(ArbiterApplication.class)) {
                startFor(event.getApplicationContext());
            }
        }

        private static void startFor(ConfigurableApplicationContext context) {
            ConfigurableEnvironment env = context.getEnvironment();
            ArbiterProperties.Db db;
            Path keysDir;
            try {
                Binder binder = Binder.get(env);
                db = binder.bindOrCreate("arbiter.db", ArbiterProperties.Db.class);
                keysDir = binder.bindOrCreate("arbiter.security", SecurityProperties.class)
                        .keysDir();
            } catch (RuntimeException e) {
                return; // settings that do not bind: the context's own binding reports them
            }
            if ((db.url() != null && !db.url().isBlank()) || env.acceptsProfiles(Profiles.of("production"))) {
                return; // an external server, or a refusal the postgresServer bean explains
            }
            // a setting such as ${random.uuid} resolves anew each time it is read: the values the
            // server starts with go first in the environment, so that the context binds the same
            env.getPropertySources()
                    .addFirst(new MapPropertySource(
                            BEAN,
                            Map.of(
                                    "arbiter.db.data-dir", db.dataDir().toString(),
                                    "arbiter.db.port", db.port(),
                                    "arbiter.security.keys-dir", keysDir.toString())));
            EarlyPostgres early = new EarlyPostgres(db.dataDir(), db.port(), keysDir);
            context.getBeanFactory().registerSingleton(BEAN, early);
            if (context.getBeanFactory() instanceof DefaultSingletonBeanRegistry registry) {
                registry.registerDisposableBean(BEAN, early::stopIfUntaken);
            }
        }
    }
}
