package dev.arbiter.console;

import dev.arbiter.security.Role;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The console's navigation: one entry per screen, shown to the roles that may open it. A new
 * screen adds its entry here (its controller still checks the role itself).
 */
public final class ConsoleNav {

    /** One link in the navigation bar. */
    public record Entry(String label, String href, Set<Role> roles) {
        public boolean visibleTo(Role role) {
            return roles.contains(role);
        }
    }

    public static final List<Entry> ENTRIES = List.of(
            new Entry("Home", "/console", EnumSet.allOf(Role.class)),
            // as GET /v1/decisions, GET /v1/reviews and /v1/audit/** in security.Authorization
            new Entry("Decisions", "/console/decisions", EnumSet.of(Role.AUDITOR, Role.REVIEWER)),
            new Entry("Reviews", "/console/reviews", EnumSet.of(Role.REVIEWER, Role.AUDITOR)),
            new Entry("Audit", "/console/audit", EnumSet.of(Role.AUDITOR)),
            // as GET /v1/rulesets/** in security.Authorization
            new Entry("Rules", "/console/rules", EnumSet.of(Role.ANALYST, Role.APPROVER, Role.AUDITOR)),
            // as GET /v1/reports/fairness
            new Entry("Fairness", "/console/fairness", EnumSet.of(Role.ANALYST, Role.AUDITOR)),
            new Entry("Live", "/console/live", EnumSet.of(Role.AUDITOR, Role.REVIEWER)),
            new Entry("People", "/console/admin/people", EnumSet.of(Role.ADMIN)),
            new Entry("API clients", "/console/admin/clients", EnumSet.of(Role.ADMIN)));

    private ConsoleNav() {}

    /** The entries a role sees, in order. */
    public static List<Entry> visibleTo(Role role) {
        return ENTRIES.stream().filter(e -> e.visibleTo(role)).toList();
    }
}
