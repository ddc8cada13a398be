package dev.arbiter.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.ArbiterIT;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * A node counts a busy client's requests in leases ({@link ClientRateLimits}): fewer statements
 * than requests, never more admitted than the budget in a window, however many nodes count at
 * once, and a lease's unused requests are not carried into the next window.
 */
@ArbiterIT
class RateLimitLeasesIT {

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aLeaseIsAHundredthOfTheBudgetBetweenOneAnd64() {
        assertThat(ClientRateLimits.maxLease(1)).isEqualTo(1);
        assertThat(ClientRateLimits.maxLease(100))
                .as("the default budget: each request counted alone")
                .isEqualTo(1);
        assertThat(ClientRateLimits.maxLease(199)).isEqualTo(1);
        assertThat(ClientRateLimits.maxLease(1_000)).isEqualTo(10);
        assertThat(ClientRateLimits.maxLease(1_000_000)).isEqualTo(64);
    }

    @Test
    void aBusyClientIsCountedWithFewerStatementsThanRequests() {
        AtomicInteger statements = new AtomicInteger();
        ClientRateLimits limits = new ClientRateLimits(counting(statements), null, 6_400, Duration.ofHours(1));
        String client = "leases-" + UUID.randomUUID();
        for (int i = 0; i < 1_000; i++) {
            assertThat(limits.acquire(client)).as("request %d", i).isEmpty();
        }
        assertThat(statements.get())
                .as("leases grow to 64 requests: about 1,000 / 64 statements, not one a request")
                .isLessThan(1_000 / 16);
        assertThat(counted(client))
                .as("every admitted request is counted, and at most one lease's worth more")
                .isBetween(1_000, 1_000 + 63);
    }

    @Test
    void theDefaultBudgetCountsEveryRequestAlone() {
        AtomicInteger statements = new AtomicInteger();
        ClientRateLimits limits = new ClientRateLimits(counting(statements), null, 100, Duration.ofHours(1));
        String client = "alone-" + UUID.randomUUID();
        for (int i = 0; i < 100; i++) {
            assertThat(limits.acquire(client)).as("request %d", i).isEmpty();
        }
        assertThat(statements.get()).isEqualTo(100);
        assertThat(counted(client)).isEqualTo(100);
        assertThat(limits.acquire(client)).as("the 101st").isPresent();
    }

    /**
     * Two nodes (two counters on one database) and 16 threads take 3,000 requests of a client
     * whose budget is 1,000 in an hour: at most the budget is admitted, and at most a lease (10)
     * less one per node is lost to leases left unused.
     */
    @Test
    void twoNodesLeasingAtOnceAdmitNoMoreThanTheBudget() throws Exception {
        int budget = 1_000;
        List<ClientRateLimits> nodes = List.of(
                new ClientRateLimits(jdbc, null, budget, Duration.ofHours(1)),
                new ClientRateLimits(jdbc, null, budget, Duration.ofHours(1)));
        String client = "two-nodes-" + UUID.randomUUID();
        AtomicInteger admitted = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(16);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> sent = new ArrayList<>();
        try {
            for (int t = 0; t < 16; t++) {
                ClientRateLimits node = nodes.get(t % 2);
                sent.add(threads.submit(() -> {
                    go.await();
                    for (int i = 0; i < 3_000 / 16; i++) {
                        OptionalLong wait = node.acquire(client);
                        (wait.isEmpty() ? admitted : refused).incrementAndGet();
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : sent) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        int maxLease = ClientRateLimits.maxLease(budget);
        assertThat(admitted.get()).isLessThanOrEqualTo(budget).isGreaterThanOrEqualTo(budget - 2 * (maxLease - 1));
        assertThat(admitted.get() + refused.get()).isEqualTo(3_000 / 16 * 16);
        assertThat(nodes.get(0).acquire(client)).as("spent for this window").isPresent();
        assertThat(nodes.get(1).acquire(client)).as("spent for this window").isPresent();
    }

    /** Requests leased in a window that has ended are not admitted: the next request opens a new window. */
    @Test
    void aLeaseDoesNotOutliveItsWindow() throws Exception {
        Duration period = Duration.ofMillis(300);
        ClientRateLimits limits = new ClientRateLimits(jdbc, null, 6_400, period);
        String client = "window-" + UUID.randomUUID();
        for (int i = 0; i < 40; i++) {
            assertThat(limits.acquire(client)).isEmpty();
        }
        // 1+2+4+8+16+32 = 63 requests were leased for 40 taken: some are left
        java.sql.Timestamp first = windowStart(client);
        Thread.sleep(period.toMillis() * 2);
        assertThat(limits.acquire(client)).isEmpty();
        assertThat(windowStart(client))
                .as("the request after the window's end was counted in a new window")
                .isAfter(first);
        assertThat(counted(client)).as("a smaller lease in the new window").isLessThanOrEqualTo(32);
    }

    /**
     * A request its handler refused as a replay is given back ({@link ClientRateLimits#refund}):
     * the node admits one more request of that window without counting it, so the replay spent
     * nothing; given back once the window has ended, nothing.
     */
    @Test
    void aRequestGivenBackIsAdmittedAgainUncountedInItsWindowOnly() throws Exception {
        AtomicInteger statements = new AtomicInteger();
        ClientRateLimits limits = new ClientRateLimits(counting(statements), null, 3, Duration.ofHours(1));
        String client = "refund-" + UUID.randomUUID();
        var replayed = (ClientRateLimits.Admitted) limits.admit(client, null);
        assertThat(counted(client)).isEqualTo(1);
        limits.refund(client, replayed);
        var again = limits.admit(client, null);
        assertThat(again).as("admitted out of what was given back").isInstanceOf(ClientRateLimits.Admitted.class);
        assertThat(statements.get()).as("without a statement").isEqualTo(1);
        assertThat(counted(client)).isEqualTo(1);
        for (int i = 2; i <= 3; i++) {
            assertThat(limits.admit(client, null))
                    .as("request %d of 3", i)
                    .isInstanceOf(ClientRateLimits.Admitted.class);
        }
        assertThat(limits.admit(client, null))
                .as("the budget of 3 spent by 3 requests, the replay not among them")
                .isInstanceOf(ClientRateLimits.Limited.class);

        Duration period = Duration.ofMillis(300);
        ClientRateLimits brief = new ClientRateLimits(jdbc, null, 3, period);
        String late = "refund-late-" + UUID.randomUUID();
        var old = (ClientRateLimits.Admitted) brief.admit(late, null);
        Thread.sleep(period.toMillis() * 2);
        assertThat(brief.admit(late, null)).isInstanceOf(ClientRateLimits.Admitted.class);
        brief.refund(late, old);
        brief.admit(late, null);
        assertThat(counted(late))
                .as("the old window's request given back into no other window: both counted in the new one")
                .isEqualTo(2);
    }

    private int counted(String client) {
        return jdbc.sql("select requests from client_rate_window where client_id = ?")
                .param(client)
                .query(Integer.class)
                .single();
    }

    private java.sql.Timestamp windowStart(String client) {
        return jdbc.sql("select window_start from client_rate_window where client_id = ?")
                .param(client)
                .query(java.sql.Timestamp.class)
                .single();
    }

    /** A client over the application's data source that counts the statements it prepares. */
    private JdbcClient counting(AtomicInteger statements) {
        return JdbcClient.create(new DelegatingDataSource(dataSource) {
            @Override
            public Connection getConnection() throws java.sql.SQLException {
                Connection real = super.getConnection();
                return (Connection) Proxy.newProxyInstance(
                        Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (p, m, args) -> {
                            if (m.getName().startsWith("prepare")) {
                                statements.incrementAndGet();
                            }
                            try {
                                return m.invoke(real, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
            }
        });
    }
}
