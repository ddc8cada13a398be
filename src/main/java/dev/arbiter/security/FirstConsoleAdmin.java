package dev.arbiter.security;

import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;

/**
 * On a first start (no person stored): one admin, user name {@code admin}, with a random
 * one-time password written to a file of mode 600 (by default
 * {@code <keys-dir>/console-admin.password}). The log names the file, never the password. The
 * admin must change the password at first sign-in, then creates the other people.
 */
final class FirstConsoleAdmin implements SmartLifecycle {

    static final String USER_NAME = "admin";

    private static final Logger log = LoggerFactory.getLogger(FirstConsoleAdmin.class);

    private final People people;
    private final Path file;
    private volatile boolean running;

    FirstConsoleAdmin(People people, Path file) {
        this.people = people;
        this.file = file;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        if (!people.none()) {
            return;
        }
        String password = People.oneTimePassword();
        MasterKey.KeyFiles.writePrivate(file, password + "\n");
        people.create(USER_NAME, "Administrator", Role.ADMIN, password, true, "first start");
        log.warn(
                "First start: created the console's first person, user name '{}', with a one-time password in {} "
                        + "(mode 600). Sign in at /console/sign-in, change it, then delete the file.",
                USER_NAME,
                file.toAbsolutePath());
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the web server takes requests. */
    @Override
    public int getPhase() {
        return WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE - 1024;
    }
}
