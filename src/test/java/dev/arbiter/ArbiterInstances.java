package dev.arbiter;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Arbiters of a test's own, for tests about starting, stopping and sharing a database, which
 * the one shared {@link ArbiterIT} instance cannot be used for. Each runs on a random port with
 * its embedded PostgreSQL and local keys in a fresh folder ({@link #home}); every instance a
 * test started is closed after it, latest first, even when the test fails halfway.
 *
 * <pre>
 * &#64;RegisterExtension
 * final ArbiterInstances arbiters = new ArbiterInstances();
 * </pre>
 */
public final class ArbiterInstances implements AfterEachCallback {

    /** Where one Arbiter keeps its database ({@code postgres/}) and its key files ({@code keys/}). */
    public record Home(Path dir) {
        public Path dataDir() {
            return dir.resolve("postgres");
        }

        public Path keysDir() {
            return dir.resolve("keys");
        }
    }

    private final Deque<ConfigurableApplicationContext> started = new ArrayDeque<>();

    /** A fresh, not yet existing folder under {@code target/it-postgres}, named for what uses it. */
    public Home home(String name) {
        return new Home(Path.of("target/it-postgres", name + "-" + UUID.randomUUID()));
    }

    /** Arbiter configured to live in {@code home}, with further properties, not yet started. */
    public SpringApplicationBuilder builder(Home home, String... properties) {
        return new SpringApplicationBuilder(ArbiterApplication.class)
                .properties(
                        "server.port=0",
                        "arbiter.db.data-dir=" + home.dataDir(),
                        "arbiter.security.keys-dir=" + home.keysDir())
                .properties(properties);
    }

    /** Starts Arbiter in {@code home}; the test may close it early (a restart), or leave it to this. */
    public ConfigurableApplicationContext start(Home home, String... properties) {
        return start(builder(home, properties));
    }

    public ConfigurableApplicationContext start(SpringApplicationBuilder builder) {
        ConfigurableApplicationContext context = builder.run();
        started.push(context);
        return context;
    }

    @Override
    public void afterEach(ExtensionContext test) {
        while (!started.isEmpty()) {
            started.pop().close();
        }
    }
}
