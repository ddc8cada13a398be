package dev.arbiter;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Makes the commit of every decision whose application id starts with a prefix fail, after
 * everything in its transaction has run: a deferred constraint trigger raises at commit. For
 * tests of what a rolled-back decision leaves behind. Installed by the schema owner; closing
 * removes it.
 */
public final class FailingCommits implements AutoCloseable {

    private final JdbcClient owner;
    private final String name;

    private FailingCommits(JdbcClient owner, String name) {
        this.owner = owner;
        this.name = name;
    }

    /** {@code prefix}: letters, digits and dashes only (it is written into the trigger's text). */
    public static FailingCommits forApplicationsStartingWith(JdbcClient owner, String prefix) {
        if (!prefix.matches("[A-Za-z0-9-]+")) {
            throw new IllegalArgumentException("letters, digits and dashes only: " + prefix);
        }
        String name = "fail_commit_" + prefix.replace('-', '_').toLowerCase();
        owner.sql("""
                create function %s() returns trigger language plpgsql as $$
                begin
                  if new.application_id like '%s%%' then raise exception 'refused at commit'; end if;
                  return new;
                end $$
                """.formatted(name, prefix)).update();
        owner.sql("""
                create constraint trigger %s after insert on decision
                  deferrable initially deferred for each row execute function %s()
                """.formatted(name, name)).update();
        return new FailingCommits(owner, name);
    }

    @Override
    public void close() {
        owner.sql("drop trigger if exists " + name + " on decision").update();
        owner.sql("drop function if exists " + name + "()").update();
    }
}
