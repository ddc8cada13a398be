package dev.arbiter.storage;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Where reports and searches read (decision search, fairness reports, backtests and rule
 * coverage): the read replica named by {@code ARBITER_DB_READ_URL} when it is set, on a pool of
 * its own whose every connection is read-only; the primary otherwise. Nothing that decides,
 * writes or must read its own writes uses it: a replica lags its primary.
 */
public final class ReportingDatabase implements AutoCloseable {

    private final JdbcClient jdbc;
    private final HikariDataSource replica;

    private ReportingDatabase(JdbcClient jdbc, HikariDataSource replica) {
        this.jdbc = jdbc;
        this.replica = replica;
    }

    static ReportingDatabase primary(JdbcClient primary) {
        return new ReportingDatabase(primary, null);
    }

    static ReportingDatabase replica(HikariDataSource replica) {
        return new ReportingDatabase(JdbcClient.create(replica), replica);
    }

    public JdbcClient jdbc() {
        return jdbc;
    }

    /** True when reads go to the replica rather than the primary. */
    public boolean isReplica() {
        return replica != null;
    }

    @Override
    public void close() {
        if (replica != null) {
            replica.close();
        }
    }
}
