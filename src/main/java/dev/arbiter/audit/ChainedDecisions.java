package dev.arbiter.audit;

import dev.arbiter.decision.Decision;
import dev.arbiter.decision.StoredDecision;
import dev.arbiter.recording.DecisionAppendHook;
import java.sql.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Gives a decision being stored its retain-until date and its chain entry, inside the
 * decision's own transaction, so no decision is ever stored unchained.
 */
public final class ChainedDecisions implements DecisionAppendHook {

    private final JdbcClient jdbc;
    private final JdbcChain chain;
    private final RetentionPolicy retention;

    public ChainedDecisions(JdbcClient jdbc, JdbcChain chain, RetentionPolicy retention) {
        this.jdbc = jdbc;
        this.chain = chain;
        this.retention = retention;
    }

    @Override
    public void stored(StoredDecision stored) {
        Decision d = stored.decision();
        String region = stored.submission().application().dataRegion();
        jdbc.sql("update decision set retain_until = ? where id = ?")
                .params(Timestamp.from(retention.retainUntil(region, d.decidedAt())), d.id())
                .update();
        chain.recordDecision(d.id());
    }
}
