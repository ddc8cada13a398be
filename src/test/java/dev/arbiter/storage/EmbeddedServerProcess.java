package dev.arbiter.storage;

import java.nio.file.Path;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A Java process that starts the embedded PostgreSQL, stores a row, says {@code READY <pid>}
 * and waits to be killed: what an Arbiter killed with {@code kill -9} leaves behind.
 */
public final class EmbeddedServerProcess {

    private EmbeddedServerProcess() {}

    public static void main(String[] args) throws Exception {
        PostgresServer server = PostgresServer.embedded(Path.of(args[0]), 0, Path.of(args[1]));
        JdbcClient owner = JdbcClient.create(server.dataSource(server.owner()));
        owner.sql("create table if not exists probe (note text)").update();
        owner.sql("insert into probe values ('stored before the kill')").update();
        System.out.println("READY " + server.postmasterPid());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
