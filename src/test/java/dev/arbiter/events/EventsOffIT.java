package dev.arbiter.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.ApplicationFixture;
import dev.arbiter.ArbiterIT;
import dev.arbiter.Http;
import dev.arbiter.OwnerJdbc;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.UUID;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.support.DelegatingEventExternalizer;

/**
 * Without {@code ARBITER_KAFKA_BOOTSTRAP_SERVERS} (as Arbiter runs by default) there is no
 * externalizer: a decision leaves registry rows for Arbiter's own listeners only, and no Kafka
 * client exists to connect anywhere.
 */
@ArbiterIT
class EventsOffIT {

    @Autowired
    ApplicationContext context;

    @Test
    void withoutBootstrapServersNothingIsQueuedForKafkaAndNoClientExists() throws Exception {
        assertThat(context.getBeansOfType(DelegatingEventExternalizer.class)).isEmpty();
        JdbcClient owner = OwnerJdbc.of(context);
        String table = "seen_listener_" + UUID.randomUUID().toString().replace("-", "");
        owner.sql("create table " + table + " (listener_id text, serialized_event text)")
                .update();
        owner.sql("grant insert on " + table + " to arbiter_app").update();
        owner.sql("create function " + table + "() returns trigger language plpgsql as $$ begin insert into " + table
                        + " values (new.listener_id, new.serialized_event); return new; end $$")
                .update();
        owner.sql("create trigger " + table + " after insert on event_publication for each row execute function "
                        + table + "()")
                .update();
        try {
            String applicationId = "off-" + UUID.randomUUID();
            assertThat(Http.to(context, "originator")
                            .post("/v1/decisions", ApplicationFixture.steadyEmployedRenter(applicationId))
                            .status())
                    .isEqualTo(201);

            // a row inserted for any listener is caught by the trigger, even if it is completed and deleted
            // at once: show the trigger catches an insert, then that the decision's transaction made none
            owner.sql("""
                            insert into event_publication (id, listener_id, event_type, serialized_event, publication_date)
                            values (gen_random_uuid(), 'probe', 'probe', ?, now())
                            """).param("probe-" + applicationId).update();
            assertThat(listeners(owner, table, "probe-" + applicationId)).containsExactly("probe");
            owner.sql("delete from event_publication where listener_id = 'probe'")
                    .update();
            assertThat(listeners(owner, table, applicationId))
                    .as("the decision's registry rows: none for Kafka")
                    .noneMatch(id -> id.contains("externalize"));
        } finally {
            owner.sql("drop trigger " + table + " on event_publication").update();
        }
        var beans = ManagementFactory.getPlatformMBeanServer();
        assertThat(beans.queryNames(new ObjectName("kafka.producer:type=app-info,*"), null))
                .as("no Kafka producer")
                .isEmpty();
        assertThat(beans.queryNames(new ObjectName("kafka.admin.client:type=app-info,*"), null))
                .as("no Kafka admin client")
                .isEmpty();
    }

    private static List<String> listeners(JdbcClient owner, String table, String applicationId) {
        return owner.sql("select listener_id from " + table + " where serialized_event like ?")
                .param("%" + applicationId + "%")
                .query(String.class)
                .list();
    }
}
