package dev.arbiter.audit;

import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Tampers with stored rows directly in PostgreSQL the way someone with database access
 * could, and puts them back afterwards so tests sharing the database stay independent.
 */
final class Tampering {

    private final JdbcClient jdbc;

    Tampering(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A copy of one row as JSON, to put back with {@link #restore}. */
    record Saved(String table, String row) {}

    Saved save(String table, String where, Object key) {
        String row = jdbc.sql("select row_to_json(t)::text from " + table + " t where " + where + " = ?")
                .param(key)
                .query(String.class)
                .single();
        return new Saved(table, row);
    }

    void restore(Saved... saved) {
        for (Saved s : saved) {
            // generated columns take no value: restore every other column
            String columns = String.join(
                    ", ",
                    jdbc.sql("select column_name from information_schema.columns"
                                    + " where table_name = ? and is_generated = 'NEVER' order by ordinal_position")
                            .param(s.table())
                            .query(String.class)
                            .list());
            jdbc.sql("insert into " + s.table() + " (" + columns + ") select " + columns
                            + " from json_populate_record(null::" + s.table() + ", ?::json)")
                    .param(s.row())
                    .update();
        }
    }

    long position(UUID subject) {
        return jdbc.sql("select position from chain_link where subject_id = ?")
                .param(subject)
                .query(Long.class)
                .single();
    }

    /** Swaps the positions of two links (through a free position, as the positions are unique). */
    void swapPositions(long a, long b) {
        jdbc.sql("update chain_link set position = -1 where position = ?")
                .param(a)
                .update();
        jdbc.sql("update chain_link set position = ? where position = ?")
                .params(a, b)
                .update();
        jdbc.sql("update chain_link set position = ? where position = -1")
                .param(b)
                .update();
    }

    int update(String sql, Object... params) {
        return jdbc.sql(sql).params(List.of(params)).update();
    }
}
