package dev.arbiter.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.ExternalPostgres;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Nodes started together each run Flyway, and Flyway runs {@code afterMigrate.sql} (the
 * application role's grants) after every migrate, outside the lock it holds for migrations. Two
 * GRANTs on one object at the same moment fail in PostgreSQL with "tuple concurrently updated",
 * which stopped a node's start; the callback now takes an advisory lock first. Here several
 * starts run the callback at the same instant, round after round, against one server.
 */
class ConcurrentMigrationsIT {

    private static final int NODES = 6;
    private static final int ROUNDS = 8;

    @Test
    void nodesMigratingAtOnceAllStart() throws Exception {
        try (ExternalPostgres pg = ExternalPostgres.start()) {
            Flyway flyway = Flyway.configure()
                    .dataSource(owner(pg))
                    .locations("classpath:db/migration")
                    .load();
            flyway.migrate(); // the schema exists; from now on each start runs only the callback
            ExecutorService nodes = Executors.newFixedThreadPool(NODES);
            try {
                CyclicBarrier together = new CyclicBarrier(NODES);
                List<Future<Integer>> starts = new ArrayList<>();
                for (int n = 0; n < NODES; n++) {
                    starts.add(nodes.submit(() -> {
                        int migrated = 0;
                        for (int round = 0; round < ROUNDS; round++) {
                            together.await();
                            Flyway.configure()
                                    .dataSource(owner(pg))
                                    .locations("classpath:db/migration")
                                    .load()
                                    .migrate();
                            migrated++;
                        }
                        return migrated;
                    }));
                }
                for (Future<Integer> start : starts) {
                    assertThat(start.get()).isEqualTo(ROUNDS); // throws the start's failure, if any
                }
            } finally {
                nodes.shutdownNow();
            }
        }
    }

    private static PGSimpleDataSource owner(ExternalPostgres pg) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl("jdbc:postgresql://127.0.0.1:" + pg.port() + "/arbiter");
        ds.setUser("arbiter_owner");
        ds.setPassword("owner-secret");
        return ds;
    }
}
