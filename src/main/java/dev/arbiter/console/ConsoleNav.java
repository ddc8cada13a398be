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
            new Entry("Live", "/console/live", EnumSet.of(Role.AUDITOR, Role.REVIEWER)),
            new Entry("People", "/console/admin/people", EnumSet.of(Role.ADMIN)),
            new Entry("API clients", "/console/admin/clients", EnumSet.of(Role.ADMIN)));

    private ConsoleNav() {}

    /** The entries a role sees, in order. */
    public static List<Entry> visibleTo(Role role) {
        return ENTRIES.stream().filter(e -> e.visibleTo(role)).toList();
    }
}
