package dev.arbiter.security;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;

/**
 * On a first start (no clients stored): outside production, one local client per role with a
 * sandbox key each; in production, one admin key only, to create the real clients with.
 *
 * <p>A lifecycle bean rather than a bean factory, because it writes clients to the database:
 * that is part of starting Arbiter, done once every bean is wired and before the port opens.
 */
final class FirstStartKeys implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(FirstStartKeys.class);

    /** Where the files written at first start are, so a reader (or a test) knows where each role's key is. */
    record LocalKeyFiles(Path dir, Map<Role, Path> created) {}

    private final Clients clients;
    private final KeyEnvironment environment;
    private final Path keysDir;
    private final boolean production;
    private volatile LocalKeyFiles files;

    FirstStartKeys(Clients clients, KeyEnvironment environment, Path keysDir, boolean production) {
        this.clients = clients;
        this.environment = environment;
        this.keysDir = keysDir;
        this.production = production;
    }

    @Override
    public synchronized void start() {
        if (files != null) {
            return;
        }
        Path dir = keysDir.toAbsolutePath();
        if (!clients.none()) {
            log.info("Client keys are in the database; local key files, if any, are in {}", dir);
            files = new LocalKeyFiles(dir, Map.of());
            return;
        }
        List<Role> roles = production ? List.of(Role.ADMIN) : List.copyOf(EnumSet.allOf(Role.class));
        Map<Role, Path> created = LocalKeys.create(clients, environment, keysDir, roles);
        if (production) {
            log.warn(
                    "First start: created one {} admin key in {}; create real clients with it, then revoke it",
                    environment.wire(),
                    created.get(Role.ADMIN).toAbsolutePath());
        } else {
            log.info(
                    "First start: created a local client for each role ({}) with one {} key each; key files "
                            + "(mode 600) are in {}. Send a signed request with: scripts/arbiter-curl -k {} GET /v1/decisions/<id>",
                    String.join(", ", roles.stream().map(Role::wire).toList()),
                    environment.wire(),
                    dir,
                    LocalKeys.file(keysDir, Role.ORIGINATOR));
        }
        files = new LocalKeyFiles(dir, created);
    }

    /** What the start found or wrote; null before it ran. */
    LocalKeyFiles files() {
        return files;
    }

    /** Nothing to undo: the clients stay stored. */
    @Override
    public void stop() {}

    @Override
    public boolean isRunning() {
        return files != null;
    }

    /** Before the web server starts taking requests: a signed request can name a key from then on. */
    @Override
    public int getPhase() {
        return WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE - 1024;
    }
}
