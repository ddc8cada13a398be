package dev.arbiter.tools;

import com.zaxxer.hikari.HikariDataSource;
import dev.arbiter.audit.ChainRecords;
import dev.arbiter.audit.JdbcChain;
import dev.arbiter.audit.JdbcChainVerification;
import dev.arbiter.audit.JdbcCheckpoints;
import dev.arbiter.audit.SigningKey;
import dev.arbiter.audit.VerifyReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Times the hash chain on synthetic decisions: writing entries (record read back and hashed
 * inside a transaction, from several threads at once), linking them in batches, and verifying.
 *
 * <pre>mvn -q compile exec:java -Dexec.mainClass=dev.arbiter.tools.ChainBenchmark -Dexec.args="20000 4"</pre>
 */
public final class ChainBenchmark {

    private ChainBenchmark() {}

    private static double write(List<UUID> ids, int threads, java.util.function.Consumer<UUID> one) throws Exception {
        long t = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        int slice = (ids.size() + threads - 1) / threads;
        List<Future<?>> work = new java.util.ArrayList<>();
        for (int i = 0; i < threads; i++) {
            List<UUID> mine = ids.subList(Math.min(ids.size(), i * slice), Math.min(ids.size(), (i + 1) * slice));
            work.add(pool.submit(() -> mine.forEach(one)));
        }
        for (Future<?> f : work) {
            f.get();
        }
        pool.shutdown();
        return (System.nanoTime() - t) / 1e9;
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        Path dir = Files.createTempDirectory("arbiter-chain-bench-");
        try (var server = dev.arbiter.storage.PostgresServer.embedded(dir.resolve("pg"), 0);
                HikariDataSource ds = new HikariDataSource()) {
            ds.setJdbcUrl(server.jdbcUrl());
            // a scratch database the benchmark fills and empties: the owner may do that
            ds.setUsername(server.owner().username());
            ds.setPassword(server.owner().password());
            ds.setMaximumPoolSize(threads + 2);
            Flyway.configure()
                    .dataSource(ds)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            JdbcClient jdbc = JdbcClient.create(ds);
            AuditQueryBenchmark.generate(jdbc, rows);
            TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
            Clock clock = Clock.systemUTC();
            ChainRecords records = new ChainRecords(jdbc, JsonMapper.builder().build(), clock);
            JdbcChain chain = new JdbcChain(jdbc, tx, records, clock);
            List<UUID> ids =
                    jdbc.sql("select id from decision").query(UUID.class).list();

            // the alternative design, for comparison: link synchronously under a lock held until commit
            double locked = write(
                    ids,
                    threads,
                    id -> tx.executeWithoutResult(s -> {
                        chain.recordDecision(id);
                        chain.linkPending(true);
                    }));
            System.out.printf(
                    Locale.ROOT,
                    "linked synchronously under the chain lock: %,d by %d threads in %.2f s = %,.0f per second%n",
                    ids.size(),
                    threads,
                    locked,
                    ids.size() / locked);
            jdbc.sql("delete from chain_link").update();

            double write = write(ids, threads, id -> tx.executeWithoutResult(s -> chain.recordDecision(id)));
            System.out.printf(
                    Locale.ROOT,
                    "entries written unlinked (Arbiter's design): %,d by %d threads in %.2f s = %,.0f per second%n",
                    ids.size(),
                    threads,
                    write,
                    ids.size() / write);

            long t;
            t = System.nanoTime();
            int linked = chain.linkPending(true);
            double link = (System.nanoTime() - t) / 1e9;
            System.out.printf(Locale.ROOT, "linked: %,d in %.2f s = %,.0f per second%n", linked, link, linked / link);

            JdbcCheckpoints checkpoints =
                    new JdbcCheckpoints(jdbc, chain, SigningKey.generate(new SecureRandom()), clock);
            checkpoints.registerKey();
            checkpoints.signHead();
            t = System.nanoTime();
            VerifyReport report = new JdbcChainVerification(chain, checkpoints).verify(null, null);
            double verify = (System.nanoTime() - t) / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "verified: %,d links, intact=%s, in %.2f s = %,.0f per second%n",
                    report.linksChecked(),
                    report.intact(),
                    verify,
                    report.linksChecked() / verify);
        } finally {
            AuditQueryBenchmark.deleteTree(dir);
        }
    }
}
